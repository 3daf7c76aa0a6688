/**
 * `npx tsx tests/bench/train-crisis-model-d.ts [--write]`: model D of the learned crisis model: model
 * A's kind (hashed word n-grams, optionally character n-grams) trained on twice as many writers.
 *
 * Why: on the seven writers of model C, the learning curve (crisis-learning-curve.ts) still rose
 * with each writer added (acute → high 0.891 with one training writer, 0.932 with six; any risk →
 * at least medium 0.905 to 0.953), so on 2026-12-06 six more development corpora were written, each
 * by a writer given a different population (crisis-dev5.ts to crisis-dev10.ts), and the fourth
 * held-out corpus, used for its one decision, became development data: fourteen writers.
 *
 * Fixed before this script was first run: two families, "n-grams" (2^15 buckets) and "n-grams +
 * chars" (character 3- to 5-grams too, 2^16), λ 1e-5 or 1e-4, the threshold rule of
 * crisis-training.ts; the nested leave-one-writer-out table over the fourteen is a report; the
 * candidate is the configuration (of either family) with the best LOWO objective over all fourteen,
 * with its thresholds, trained on all of them (`--write` writes weights-d.generated.ts). Whether it
 * replaces model A is decided once, on the unread fifth held-out corpus, by crisis-model-d-decision.ts.
 */
import { trainNgramCandidate } from "./crisis-ngram-candidate";
import { FOURTEEN_WRITERS } from "./crisis-writers";

trainNgramCandidate({
  letter: "D",
  writers: FOURTEEN_WRITERS,
  trainedOn: "crisis-dev.ts to crisis-dev10.ts, crisis-heldout.ts to crisis-heldout4.ts",
  decidedOn: "crisis-heldout5.ts",
  file: "weights-d.generated.ts",
});
