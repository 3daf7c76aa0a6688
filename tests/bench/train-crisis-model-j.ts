/**
 * `npx tsx tests/bench/train-crisis-model-j.ts [--write] [--no-report]`: model J of the learned
 * crisis model: model I's procedure (crisis-ngram-candidate.ts: the three families, the
 * least-shortfall threshold rule) on thirty-six writers, I's thirty-four and the two held-out corpora
 * I's decision read (the thirteenth, and the fifth of short replies), with a weaker L2 strength,
 * 1e-6, offered beside 1e-5 and 1e-4.
 *
 * Why: with I, terse risky replies read alone are still the weakest line (acute → high 0.92, any
 * risk → at least medium 0.96 on the fifth short corpus), and ordinary short replies are sometimes
 * raised to high by the model alone ("made it to the shop and back"). More writers have helped
 * every model so far; a leave-one-writer-out look at I's family on the thirty-six writers read the
 * weaker λ slightly better (summed shortfall 0.036 against 0.042). The thresholds are chosen beside
 * the rules of 2026-12-06, night.
 *
 * Fixed before this script was first run. `--write` writes weights-j.generated.ts. Whether J (and
 * those rules) replace I is decided once, on the unread fourteenth held-out corpus and the unread
 * sixth held-out corpus of short replies, by crisis-model-j-decision.ts.
 */
import { trainNgramCandidate } from "./crisis-ngram-candidate";
import { chooseThresholdsByShortfall } from "./crisis-training";
import { THIRTY_SIX_WRITERS } from "./crisis-writers";

trainNgramCandidate({
  letter: "J",
  writers: THIRTY_SIX_WRITERS,
  trainedOn:
    "crisis-dev.ts to crisis-dev18.ts, crisis-heldout.ts to crisis-heldout13.ts, crisis-shortheldout1.ts to crisis-shortheldout5.ts",
  decidedOn: "crisis-heldout14.ts and crisis-shortheldout6.ts",
  file: "weights-j.generated.ts",
  skipPairs: true,
  thresholdRule: chooseThresholdsByShortfall,
  lambdas: [1e-6, 1e-5, 1e-4],
});
