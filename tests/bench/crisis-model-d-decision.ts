/**
 * `npx tsx tests/bench/crisis-model-d-decision.ts`: model D against the shipped model A on the FIFTH
 * held-out corpus. A report: nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored the fifth held-out corpus:
 *
 * - Model A is the model shipped at the time (weights.generated.ts then, weights-a.generated.ts now: word n-grams, trained on dev1–3 and the
 *   project corpus).
 * - Model D is weights-d.generated.ts as committed with this script: model A's kind of features,
 *   trained on fourteen writers by train-crisis-model-d.ts, which says how it was chosen.
 * - The fifth held-out corpus (crisis-heldout5.ts, 1c7cd7d) was written blind by rule from the
 *   C-SSRS categories by a writer who had read neither the classifier nor any corpus, and has not
 *   been scored by anyone. It is read once, here; the rule of crisis-decision.ts decides (D ships
 *   only if its recall sum is higher than A's and no line is worse by more than 0.02). Nothing is
 *   tuned after the scoring, whatever it shows.
 * - If D ships, its weights are copied into weights.generated.ts unchanged.
 */
import { CRISIS_HELDOUT5, HELDOUT5_CONVERSATIONS } from "../../shared/safety/crisis-heldout5";
import { LEARNED_WEIGHTS_A } from "../../shared/safety/learned/weights-a.generated";
import { LEARNED_WEIGHTS_D } from "../../shared/safety/learned/weights-d.generated";
import { decide } from "./crisis-decision";

decide({
  title: "FIFTH HELD-OUT corpus (crisis-heldout5.ts)",
  entries: CRISIS_HELDOUT5,
  conversations: HELDOUT5_CONVERSATIONS,
  shipped: LEARNED_WEIGHTS_A,
  shippedName: "rules + model A (shipped: word n-grams, dev1–3)",
  candidateName: "rules + model D (fourteen writers)",
  candidateLetter: "D",
  candidate: LEARNED_WEIGHTS_D,
});
