/**
 * `npx tsx tests/bench/train-crisis-model-g.ts [--write] [--no-report]`: model G of the learned
 * crisis model: model F's procedure (crisis-ngram-candidate.ts: the three families, the λ grid, the
 * least-shortfall threshold rule) on twenty-three writers, F's twenty-two and a development corpus
 * of short chat replies (crisis-dev17.ts).
 *
 * Why: after F shipped, ordinary short replies were seen to get a flag or the crisis answer ("bye",
 * "saturday it is", "on my way"; 12 of 50 such replies written by the engineer, 7 of 50 with the
 * rules and model E before it). No corpus had many short replies, so none measured it. A
 * development corpus of them was written blind, mostly short and mostly benign, with terse risky
 * ones beside them, and a blind held-out one (crisis-shortheldout1.ts) to measure it.
 *
 * Fixed before this script was first run. `--write` writes weights-g.generated.ts. Whether G
 * replaces F is decided once, on the unread ninth held-out corpus and the unread held-out corpus of
 * short replies, by crisis-model-g-decision.ts.
 */
import { trainNgramCandidate } from "./crisis-ngram-candidate";
import { chooseThresholdsByShortfall } from "./crisis-training";
import { TWENTY_THREE_WRITERS } from "./crisis-writers";

trainNgramCandidate({
  letter: "G",
  writers: TWENTY_THREE_WRITERS,
  trainedOn: "crisis-dev.ts to crisis-dev17.ts, crisis-heldout.ts to crisis-heldout6.ts",
  decidedOn: "crisis-heldout9.ts and crisis-shortheldout1.ts",
  file: "weights-g.generated.ts",
  skipPairs: true,
  thresholdRule: chooseThresholdsByShortfall,
});
