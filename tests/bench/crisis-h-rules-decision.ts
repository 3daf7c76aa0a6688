/**
 * `npx tsx tests/bench/crisis-h-rules-decision.ts`: the rules with the late contexts of 2026-12-06
 * against the rules shipped with model H, both raised by H, on the TWELFTH held-out corpus and the
 * FOURTH held-out corpus of short chat replies. A report: nothing is asserted, and only figures are
 * printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored either corpus:
 *
 * - S0, shipped: the rules as they were at commit BASE (read from a git worktree of it, in .tmp/)
 *   raised by model H (weights.generated.ts) at its thresholds, θa 0.65, θr 0.625.
 * - S1: the rules as committed with this script, raised by the same H. The late contexts
 *   (context-lexicon.ts, match-context.ts), tuned on the development corpora only (9 benign false
 *   alarms fewer there, none raised or lowered otherwise): "…have pretty much gone", "…are long
 *   gone", "…has never once crossed my mind", "…is not on the table", "not having any thoughts of",
 *   "not in a … way" read as denied or over; a return ("…but now they are back") undoing that; and
 *   a double negative ("not a day goes by that I don't want to die", which read LOW) no longer
 *   read as a denial.
 * - The twelfth held-out corpus (crisis-heldout12.ts) and the fourth held-out corpus of short replies
 *   (crisis-shortheldout4.ts) were written blind by writers who had read neither the classifier nor
 *   any corpus, and nobody has scored them. Each is read once, here, on its single messages:
 *     S1 ships if, on each corpus, neither recall line (acute → high, any risk → at least medium) is
 *     worse than S0's by more than 0.01 on the twelfth or 0.02 on the short replies, AND the sum of
 *     its total shortfalls from the goals on the two corpora is not greater than S0's (the changes
 *     were made for benign messages these corpora may hold few of; a tie keeps the fix of the double
 *     negative). Otherwise S0 stays and the late contexts are reverted.
 *   Conversations are printed, not weighed. Nothing is tuned after the scoring, whatever it shows.
 * - The two corpora's figures for whichever rules ship are then the honest figures of the shipped
 *   check (a choice between two, so they flatter the winner a little).
 *
 * For the record only, not in the decision: each set of rules alone.
 */

import { CRISIS_HELDOUT12, HELDOUT12_CONVERSATIONS } from "../../shared/safety/crisis-heldout12";
import { assessConversation, assessRisk } from "../../shared/safety/crisis-risk";
import { CRISIS_SHORTHELDOUT4, SHORTHELDOUT4_CONVERSATIONS } from "../../shared/safety/crisis-shortheldout4";
import { LEARNED_WEIGHTS_H } from "../../shared/safety/learned/weights-h.generated";
import { type DecisionCorpus, modelOf, type Rules, readCorpora, type System, withRulesAt } from "./crisis-decision";

/** The commit whose rules shipped with model H. */
const BASE = "f333b96f434c5a76ca91bb437df7ad292237140d";

const CORPORA: readonly DecisionCorpus[] = [
  {
    name: "TWELFTH HELD-OUT corpus (crisis-heldout12.ts)",
    guard: 0.01,
    entries: CRISIS_HELDOUT12,
    conversations: HELDOUT12_CONVERSATIONS,
  },
  {
    name: "FOURTH HELD-OUT corpus of SHORT chat replies (crisis-shortheldout4.ts)",
    guard: 0.02,
    entries: CRISIS_SHORTHELDOUT4,
    conversations: SHORTHELDOUT4_CONVERSATIONS,
  },
];

await withRulesAt(BASE, (earlier) => {
  const now: Rules = { assessRisk, assessConversation };
  const h = modelOf(LEARNED_WEIGHTS_H);
  const shipped: System = { name: "S0 (shipped): rules at f333b96 + model H", rules: earlier, model: h };
  const candidate: System = { name: "S1: rules with the late contexts + model H", rules: now, model: h };
  const record: System[] = [
    { name: "for the record: rules at f333b96 alone", rules: earlier, model: null },
    { name: "for the record: rules with the late contexts alone", rules: now, model: null },
  ];
  const { summed, recallKept } = readCorpora([shipped, candidate, ...record], CORPORA);
  const kept = recallKept(candidate, shipped);
  const ships = kept && summed(candidate) <= summed(shipped) + 1e-9;
  console.log(
    `S1: recall lines within the guards of S0: ${kept ? "yes" : "NO"}; summed shortfall ${summed(candidate).toFixed(3)} against S0's ${summed(shipped).toFixed(3)}`,
  );
  console.log(`\nDECISION: ${ships ? "ship S1 (the late contexts)" : "keep S0 (revert the late contexts)"}`);
});
