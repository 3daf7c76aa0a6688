/**
 * `npx tsx tests/bench/crisis-model-e-decision.ts`: model E against the shipped model D on the SIXTH
 * held-out corpus. A report: nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored the sixth held-out corpus:
 *
 * - Model D is the model shipped at the time (weights-d.generated.ts, a verbatim copy of what
 *   weights.generated.ts held when this was written).
 * - Model E is weights-e.generated.ts as committed with this script: D's procedure on nineteen
 *   writers (train-crisis-model-e.ts says which).
 * - The sixth held-out corpus (crisis-heldout6.ts) was written blind by rule from the C-SSRS
 *   categories by a writer who had read neither the classifier nor any corpus, and has not been
 *   scored by anyone. It is read once, here; the rule of crisis-decision.ts decides (E ships only if
 *   its recall sum is higher than D's and no line is worse by more than 0.02). Nothing is tuned
 *   after the scoring, whatever it shows.
 * - If E ships, its weights are copied into weights.generated.ts unchanged.
 */
import { CRISIS_HELDOUT6, HELDOUT6_CONVERSATIONS } from "../../shared/safety/crisis-heldout6";
import { LEARNED_WEIGHTS_D } from "../../shared/safety/learned/weights-d.generated";
import { LEARNED_WEIGHTS_E } from "../../shared/safety/learned/weights-e.generated";
import { decide } from "./crisis-decision";

decide({
  title: "SIXTH HELD-OUT corpus (crisis-heldout6.ts)",
  entries: CRISIS_HELDOUT6,
  conversations: HELDOUT6_CONVERSATIONS,
  shipped: LEARNED_WEIGHTS_D,
  shippedName: "rules + model D (shipped: word n-grams, fourteen writers)",
  shippedLetter: "D",
  candidateName: "rules + model E (nineteen writers)",
  candidateLetter: "E",
  candidate: LEARNED_WEIGHTS_E,
});
