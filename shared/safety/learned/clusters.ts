import { decodeBase64 } from "./base64";
import { WORD_CLUSTERS_BASE64 } from "./clusters.generated";
import { fnv1a } from "./features";

/**
 * Word clusters for the learned crisis model: 30,000 frequent English words grouped by the meaning
 * their GloVe vectors share (`tests/bench/build-word-clusters.ts`), so that a word the training
 * corpora never used ("tablets") shares a feature with one they did ("pills"). A fine cluster and
 * the coarse cluster it belongs to, per word. Pure; decoded once, on the first look-up.
 */

/** A word's fine and coarse cluster. */
export interface WordCluster {
  fine: number;
  coarse: number;
}

/** The look-up: a word's clusters, or undefined for a word outside the 30,000. */
export type ClusterOf = (word: string) => WordCluster | undefined;

/**
 * Pack a table as `decodeClusters` reads it: the words' hashes with their fine clusters, and each fine
 * cluster's coarse cluster (written by `tests/bench/build-word-clusters.ts`).
 * @example decodeClusters(encodeClusters([{ hash: 5, fine: 0 }], [3])).get(5) // { fine: 0, coarse: 3 }
 */
export function encodeClusters(
  entries: readonly { hash: number; fine: number }[],
  coarseOf: readonly number[],
): Uint8Array {
  const bytes: number[] = [];
  const varint = (value: number) => {
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    bytes.push(rest);
  };
  const sorted = [...entries].sort((a, b) => a.hash - b.hash);
  varint(sorted.length);
  varint(coarseOf.length);
  let previous = 0;
  for (const { hash } of sorted) {
    varint(hash - previous);
    previous = hash;
  }
  for (const { fine } of sorted) bytes.push(fine & 0xff, fine >> 8);
  bytes.push(...coarseOf);
  return Uint8Array.from(bytes);
}

/**
 * Decode the packed table: varint count and fine-cluster count, the sorted FNV-1a hashes of the
 * words as varint deltas, one two-byte fine id per word, one coarse id per fine cluster.
 * @example decodeClusters(bytes).get(fnv1a("pills"))?.fine
 */
export function decodeClusters(bytes: Uint8Array): Map<number, WordCluster> {
  let at = 0;
  const varint = () => {
    let value = 0;
    let factor = 1;
    for (;;) {
      if (at >= bytes.length) throw new Error("word clusters: truncated");
      const byte = bytes[at++] as number;
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 128;
    }
  };
  const count = varint();
  const fineCount = varint();
  const hashes = new Array<number>(count);
  let hash = 0;
  for (let k = 0; k < count; k++) {
    hash += varint();
    hashes[k] = hash;
  }
  const fineAt = at;
  const coarseAt = fineAt + 2 * count;
  if (coarseAt + fineCount !== bytes.length) throw new Error("word clusters: wrong length");
  const table = new Map<number, WordCluster>();
  for (let k = 0; k < count; k++) {
    const fine = (bytes[fineAt + 2 * k] as number) | ((bytes[fineAt + 2 * k + 1] as number) << 8);
    if (fine >= fineCount) throw new Error("word clusters: cluster out of range");
    table.set(hashes[k] as number, { fine, coarse: bytes[coarseAt + fine] as number });
  }
  return table;
}

let table: Map<number, WordCluster> | null = null;

/**
 * The shipped clusters of a word (lower case, as `normaliseTokens` gives it).
 * @example wordCluster("pills")?.fine === wordCluster("medication")?.fine // true
 */
export const wordCluster: ClusterOf = (word) => {
  table ??= decodeClusters(decodeBase64(WORD_CLUSTERS_BASE64));
  return table.get(fnv1a(word));
};
