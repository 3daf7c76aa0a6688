/**
 * `npx tsx tests/bench/crisis-learning-curve.ts`: does the learned crisis model read a new writer
 * better when it has been trained on more writers? For each of the seven development writers
 * (crisis-writers.ts) held back in turn, the word n-gram model (model A's features, λ 1e-5) is
 * trained on k of the other six (every subset, k = 1 … 6, plus the project corpus) and scored on
 * the held one, rules + model, with the thresholds that suit the held writer best under the
 * threshold rule. Those thresholds are an oracle, so the figures are a ceiling: the question is
 * only the slope. The fourth and later held-out corpora are never read.
 */
import { featurise } from "../../shared/safety/learned/features";
import { chooseThresholds, combined, lines, predict, ratio } from "./crisis-training";
import { EXAMPLES, rowsOf, SEVEN_WRITERS as WRITERS, type Writer, writerLowo } from "./crisis-writers";

const SPEC = { bits: 15, bigrams: true, charMin: 0, charMax: 0 };
const VECTORS = EXAMPLES.map((example) => featurise(example.text, SPEC));
const { trainOn } = writerLowo(() => VECTORS);
const CONFIG = { features: "ngrams", bits: 15, lambda: 1e-5, name: "n-grams λ 1e-5" };

function subsets<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items as [T, ...T[]];
  return [...subsets(rest, k - 1).map((subset) => [first, ...subset]), ...subsets(rest, k)];
}

console.log(
  "Learning curve: rules + n-gram model on a held-back writer, trained on k other writers (oracle thresholds)\n",
);
console.log(" k  models  acute → high  any → ≥ medium  benign < medium   (means over held writers and subsets)");
for (let k = 1; k <= WRITERS.length - 1; k++) {
  const sums = { acute: 0, any: 0, benign: 0 };
  let models = 0;
  for (const held of WRITERS) {
    const others = WRITERS.filter((writer) => writer !== held);
    for (const subset of subsets<Writer>(others, k)) {
      const model = trainOn(CONFIG, rowsOf([...subset, "project"]));
      const predictions = predict(model, VECTORS, rowsOf([held]));
      const { thresholds } = chooseThresholds(EXAMPLES, predictions);
      const scored = lines(combined(EXAMPLES, predictions, thresholds));
      sums.acute += ratio(scored.acute);
      sums.any += ratio(scored.any);
      sums.benign += ratio(scored.benign);
      models++;
    }
  }
  const mean = (sum: number) => (sum / models).toFixed(3).padStart(13);
  console.log(
    `${String(k).padStart(2)}  ${String(models).padStart(6)} ${mean(sums.acute)} ${mean(sums.any)} ${mean(sums.benign)}`,
  );
}
