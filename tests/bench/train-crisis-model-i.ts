/**
 * `npx tsx tests/bench/train-crisis-model-i.ts [--write] [--no-report]`: model I of the learned
 * crisis model: model F's procedure (crisis-ngram-candidate.ts: the three families, the λ grid, the
 * least-shortfall threshold rule) on thirty-four writers, H's twenty-eight and the six held-out
 * corpora read on the evening of 2026-12-06 (three of longer messages, three of short replies).
 *
 * Why: with H, terse risky replies read alone are the weakest line (acute → high 0.87 and 0.93 on
 * the third and fourth held-out corpora of short replies, any risk → at least medium 0.93 and
 * 0.94), and benign longer messages next (0.89 and 0.94 on the eleventh and twelfth). More writers
 * have helped every model so far (D to H); three of the six new ones are mostly short replies.
 *
 * Fixed before this script was first run. `--write` writes weights-i.generated.ts. Whether I replaces
 * H is decided once, on the unread thirteenth held-out corpus and the unread fifth held-out corpus of
 * short replies, by crisis-model-i-decision.ts.
 */
import { trainNgramCandidate } from "./crisis-ngram-candidate";
import { chooseThresholdsByShortfall } from "./crisis-training";
import { THIRTY_FOUR_WRITERS } from "./crisis-writers";

trainNgramCandidate({
  letter: "I",
  writers: THIRTY_FOUR_WRITERS,
  trainedOn:
    "crisis-dev.ts to crisis-dev18.ts, crisis-heldout.ts to crisis-heldout12.ts, crisis-shortheldout1.ts to crisis-shortheldout4.ts",
  decidedOn: "crisis-heldout13.ts and crisis-shortheldout5.ts",
  file: "weights-i.generated.ts",
  skipPairs: true,
  thresholdRule: chooseThresholdsByShortfall,
});
