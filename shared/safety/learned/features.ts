import { normaliseTokens } from "../normalise";
import type { ClusterOf } from "./clusters";

/**
 * Features of the learned crisis model (an experiment beside the rules of `crisis-risk.ts`): the
 * message as the rules read it (`normaliseTokens`: NFKC, lower case, slang and contractions
 * expanded, sentence ends kept as "."), then word unigrams and bigrams and character n-grams of
 * the normalised text, each hashed (32-bit FNV-1a) into one of 2^bits buckets with a sign taken
 * from the hash's top bit, so that collisions cancel on average instead of adding up. Values are
 * square roots of the signed counts, and the vector is scaled to unit length. Pure, linear in the
 * length of the text.
 */

/** Which features to take. */
export interface FeatureSpec {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Word bigrams besides unigrams. */
  bigrams: boolean;
  /** Shortest and longest character n-gram; 0 and 0 for none. */
  charMin: number;
  charMax: number;
  /**
   * Word-cluster features besides (`clusters.ts`): each word's fine and coarse cluster, and the
   * fine and coarse clusters of each word pair (a word outside the clusters stands for itself).
   */
  clusters?: boolean;
  /**
   * Word pairs at a distance of 2 up to `skip` besides (bigrams are distance 1): "want … die" in "i
   * want to just die". Absent or 0 for none.
   */
  skip?: number;
}

/**
 * A sparse feature vector: bucket indices (distinct, in first-seen order) and their values.
 * @example const { index, value }: SparseVector = featurise("i want to die", spec);
 */
export interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a of the UTF-16 code units of a string, unsigned.
 * @example fnv1a("") // 2166136261
 */
export function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (let at = 0; at < text.length; at++) {
    hash ^= text.charCodeAt(at);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * The normalised text the features are taken from: the rules' tokens joined by spaces.
 * @example featureText("I’m gonna KMS!!") // "i am going to kill myself"
 */
export function featureText(text: string): string {
  return normaliseTokens(typeof text === "string" ? text : "").join(" ");
}

/**
 * The hashed, signed, unit-length feature vector of a message.
 * @example featurise("i want to die", { bits: 15, bigrams: true, charMin: 3, charMax: 5 }).index.length > 0 // true
 */
export function featurise(text: string, spec: FeatureSpec, clusterOf?: ClusterOf): SparseVector {
  const tokens = normaliseTokens(typeof text === "string" ? text : "");
  const mask = (1 << spec.bits) - 1;
  const counts = new Map<number, number>();
  const add = (feature: string) => {
    const hash = fnv1a(feature);
    const bucket = hash & mask;
    const sign = hash >>> 31 === 1 ? -1 : 1;
    counts.set(bucket, (counts.get(bucket) ?? 0) + sign);
  };
  for (let at = 0; at < tokens.length; at++) {
    const word = tokens[at] as string;
    add(`w ${word}`);
    if (spec.bigrams && at + 1 < tokens.length) add(`b ${word} ${tokens[at + 1]}`);
    for (let distance = 2; distance <= (spec.skip ?? 0) && at + distance < tokens.length; distance++) {
      add(`s ${word} ${tokens[at + distance]}`);
    }
  }
  if (spec.clusters === true) {
    if (clusterOf === undefined) throw new Error("cluster features need the word clusters");
    const fine: string[] = [];
    const coarse: string[] = [];
    for (const word of tokens) {
      const cluster = clusterOf(word);
      fine.push(cluster === undefined ? `=${word}` : String(cluster.fine));
      coarse.push(cluster === undefined ? `=${word}` : String(cluster.coarse));
    }
    for (let at = 0; at < tokens.length; at++) {
      add(`k ${fine[at]}`);
      add(`K ${coarse[at]}`);
      if (at + 1 < tokens.length) {
        add(`kb ${fine[at]} ${fine[at + 1]}`);
        add(`Kb ${coarse[at]} ${coarse[at + 1]}`);
      }
    }
  }
  if (spec.charMax > 0) {
    const padded = ` ${tokens.join(" ")} `;
    for (let n = spec.charMin; n <= spec.charMax; n++) {
      for (let at = 0; at + n <= padded.length; at++) add(`c${padded.slice(at, at + n)}`);
    }
  }
  const index = new Int32Array(counts.size);
  const value = new Float64Array(counts.size);
  let norm = 0;
  let k = 0;
  for (const [bucket, count] of counts) {
    const v = Math.sign(count) * Math.sqrt(Math.abs(count));
    index[k] = bucket;
    value[k] = v;
    norm += v * v;
    k++;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < value.length; j++) value[j] = (value[j] as number) * scale;
  }
  return { index, value };
}
