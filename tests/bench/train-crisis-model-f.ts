/**
 * `npx tsx tests/bench/train-crisis-model-f.ts [--write] [--no-report]`: model F of the learned
 * crisis model, written with the rules' false-alarm contexts of 2026-12-06 (a screener's question
 * answered no, a past said beside a recovery now, an everyday reason for goodbyes, games, jokes,
 * clinical work; `context-lexicon.ts`), whose levels its thresholds are chosen beside.
 *
 * Why: on the sixth held-out corpus the benign line was capped by the rules' false alarms (model E
 * alone kept 0.98 of benign messages below medium, the rules 0.89), and the threshold rule lets the
 * model spend only 0.01 of benign where the rules are below 0.96. So the rules were taught those
 * contexts, tuned on the development corpora only, and two development corpora were written for the
 * populations the false alarms came from (crisis-dev15.ts, crisis-dev16.ts).
 *
 * Fixed before this script's choice was written: D's and E's procedure (crisis-ngram-candidate.ts: λ
 * grid, nested report, choice) on twenty-two writers, with a third family offered beside the two (word
 * pairs up to three apart, with character n-grams), and a new threshold rule: the LOWO total shortfall
 * from the three goals, least wins (chooseThresholdsByShortfall in crisis-training.ts). The earlier
 * rule let the model spend at most 0.01 of benign where the rules are below 0.96, which held the
 * recall lines near 0.9 while their goals are 0.95 and 0.98; the new rule weighs the three goals alike.
 * What the earlier rule would choose is printed too: the decision weighs both. `--write` writes
 * weights-f.generated.ts (with the new rule's thresholds).
 * Whether the new rules with F replace the old rules with E is decided once, on the unread seventh
 * held-out corpus, by crisis-model-f-decision.ts.
 */
import { trainNgramCandidate } from "./crisis-ngram-candidate";
import { chooseThresholdsByShortfall } from "./crisis-training";
import { TWENTY_TWO_WRITERS } from "./crisis-writers";

trainNgramCandidate({
  letter: "F",
  writers: TWENTY_TWO_WRITERS,
  trainedOn: "crisis-dev.ts to crisis-dev16.ts, crisis-heldout.ts to crisis-heldout6.ts",
  decidedOn: "crisis-heldout7.ts",
  file: "weights-f.generated.ts",
  skipPairs: true,
  thresholdRule: chooseThresholdsByShortfall,
});
