/**
 * `npx tsx tests/bench/crisis-model-c-decision.ts`: model C against the shipped model A on the
 * FOURTH held-out corpus. A report: nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored the fourth held-out corpus:
 *
 * - Model A is the model shipped at the time (weights.generated.ts then, weights-a.generated.ts now: word n-grams, trained on dev1–3 and the
 *   project corpus, switched on by crisis-model-decision.ts).
 * - Model C is weights-c.generated.ts as committed with this script: word n-grams, character n-grams
 *   and GloVe word clusters, trained on seven writers (the four development corpora and the first
 *   three held-out corpora) by train-crisis-model-c.ts, which also says how its family was chosen.
 * - The fourth held-out corpus (crisis-heldout4.ts, 9ef0bed) was written blind by rule from the
 *   C-SSRS categories by a writer who had read neither the classifier nor any corpus. It is read
 *   once, here, for rules alone, rules + A and rules + C; its messages decide, its conversations are
 *   reported beside them.
 * - C replaces A only if, on the corpus's messages, the sum of its two recall lines (acute → high,
 *   any risk → at least medium) is higher than A's, AND none of the three lines (those two and benign
 *   below medium) is worse than A's by more than 0.02. Otherwise A stays. This is a guard, not a
 *   search: nothing is tuned after the scoring, whatever it shows.
 * - Size is not part of the decision: C's weights and word clusters (about 190 KB gzip against A's
 *   24 KB) go in the Companion screen's lazy, precached chunk and the Worker, not the first load.
 * - Whichever model ships, the fourth held-out corpus has then been used for this one decision, and
 *   its figure with the shipped model is the honest figure of the check.
 */
import { CRISIS_HELDOUT4, HELDOUT4_CONVERSATIONS } from "../../shared/safety/crisis-heldout4";
import { LEARNED_WEIGHTS_A } from "../../shared/safety/learned/weights-a.generated";
import { LEARNED_WEIGHTS_C } from "../../shared/safety/learned/weights-c.generated";
import { decide } from "./crisis-decision";

decide({
  title: "FOURTH HELD-OUT corpus (crisis-heldout4.ts)",
  entries: CRISIS_HELDOUT4,
  conversations: HELDOUT4_CONVERSATIONS,
  shipped: LEARNED_WEIGHTS_A,
  shippedName: "rules + model A (shipped: word n-grams, dev1–3)",
  candidateName: "rules + model C (n-grams, chars, clusters; seven writers)",
  candidateLetter: "C",
  candidate: LEARNED_WEIGHTS_C,
});
