/**
 * `npx tsx tests/bench/crisis-model-i-decision.ts`: model I against the shipped model H, both beside
 * the rules as they are, on the THIRTEENTH held-out corpus and the FIFTH held-out corpus of SHORT
 * chat replies. A report: nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored either corpus:
 *
 * - H is the shipped model (weights-h.generated.ts, as weights.generated.ts holds it), at θa 0.65,
 *   θr 0.625.
 * - I is weights-i.generated.ts as committed with this script: F's procedure on thirty-four writers,
 *   H's and the six held-out corpora read that evening (train-crisis-model-i.ts), at the thresholds
 *   it wrote.
 * - The thirteenth held-out corpus (crisis-heldout13.ts) and the fifth held-out corpus of short replies
 *   (crisis-shortheldout5.ts) were written blind by writers who had read neither the classifier nor
 *   any corpus, and nobody has scored them. Each is read once, here, on its single messages:
 *     I ships only if, on each corpus, neither recall line (acute → high, any risk → at least medium)
 *     is worse than H's by more than 0.01 on the thirteenth or 0.02 on the short replies, AND the sum
 *     of its total shortfalls from the goals on the two corpora is less than H's. Otherwise H stays.
 *   Conversations are printed, not weighed. Nothing is tuned after the scoring, whatever it shows.
 * - The two corpora's figures for whichever model ships are its honest figures (they chose between
 *   two, so they flatter the winner a little).
 */
import { CRISIS_HELDOUT13, HELDOUT13_CONVERSATIONS } from "../../shared/safety/crisis-heldout13";
import { assessConversation, assessRisk } from "../../shared/safety/crisis-risk";
import { CRISIS_SHORTHELDOUT5, SHORTHELDOUT5_CONVERSATIONS } from "../../shared/safety/crisis-shortheldout5";
import { LEARNED_WEIGHTS_H } from "../../shared/safety/learned/weights-h.generated";
import { LEARNED_WEIGHTS_I } from "../../shared/safety/learned/weights-i.generated";
import { type DecisionCorpus, modelOf, type Rules, readCorpora, type System } from "./crisis-decision";

const CORPORA: readonly DecisionCorpus[] = [
  {
    name: "THIRTEENTH HELD-OUT corpus (crisis-heldout13.ts)",
    guard: 0.01,
    entries: CRISIS_HELDOUT13,
    conversations: HELDOUT13_CONVERSATIONS,
  },
  {
    name: "FIFTH HELD-OUT corpus of SHORT chat replies (crisis-shortheldout5.ts)",
    guard: 0.02,
    entries: CRISIS_SHORTHELDOUT5,
    conversations: SHORTHELDOUT5_CONVERSATIONS,
  },
];

const rules: Rules = { assessRisk, assessConversation };
const i = modelOf(LEARNED_WEIGHTS_I);
const shipped: System = {
  name: "rules + model H (shipped), θa 0.65, θr 0.625",
  rules,
  model: modelOf(LEARNED_WEIGHTS_H),
};
const candidate: System = {
  name: `rules + model I (candidate), θa ${i.thresholds.acute}, θr ${i.thresholds.risk}`,
  rules,
  model: i,
};
const { summed, recallKept } = readCorpora([shipped, candidate], CORPORA);
const kept = recallKept(candidate, shipped);
const ships = kept && summed(candidate) < summed(shipped) - 1e-9;
console.log(
  `Recall lines within the guards: ${kept ? "yes" : "NO"}; summed shortfall H ${summed(shipped).toFixed(3)}, I ${summed(candidate).toFixed(3)}`,
);
console.log(`DECISION: ${ships ? "ship model I" : "keep model H"}`);
