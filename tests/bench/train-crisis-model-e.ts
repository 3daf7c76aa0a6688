/**
 * `npx tsx tests/bench/train-crisis-model-e.ts [--write] [--no-report]`: model E of the learned
 * crisis model: model D's procedure (crisis-ngram-candidate.ts) on nineteen writers.
 *
 * Why: model D, trained on fourteen writers, beat model A (three) on the unread fifth held-out
 * corpus on all three lines, and over seven writers the learning curve had still been rising. So on
 * 2026-12-06 four more development corpora were written, each for another population (crisis-dev11.ts
 * to crisis-dev14.ts: people living with serious mental illness, men who rarely talk about feelings,
 * young teenagers and international students, unusual writing), and the fifth held-out corpus, used
 * for its one decision, became development data: nineteen writers.
 *
 * Fixed before this script was first run: the same families, grid, threshold rule and choice as D;
 * `--write` writes weights-e.generated.ts. Whether E replaces D is decided once, on the unread sixth
 * held-out corpus, by crisis-model-e-decision.ts.
 */
import { trainNgramCandidate } from "./crisis-ngram-candidate";
import { WRITERS } from "./crisis-writers";

trainNgramCandidate({
  letter: "E",
  writers: WRITERS,
  trainedOn: "crisis-dev.ts to crisis-dev14.ts, crisis-heldout.ts to crisis-heldout5.ts",
  decidedOn: "crisis-heldout6.ts",
  file: "weights-e.generated.ts",
});
