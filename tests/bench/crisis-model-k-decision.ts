/**
 * `npx tsx tests/bench/crisis-model-k-decision.ts`: model K beside model I (each raising the rules:
 * the most severe level wins) and model K in I's place, against the shipped rules and model I, on
 * the SIXTEENTH held-out corpus and the EIGHTH held-out corpus of short chat replies. A report:
 * nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored either corpus:
 *
 * - S0, shipped: the rules in the tree (unchanged since be2ae8b) raised by model I
 *   (weights-i.generated.ts) at θa 0.70, θr 0.65.
 * - S1: the same rules raised by model I at its thresholds AND by model K (weights-k.generated.ts,
 *   train-crisis-model-k.ts: J's procedure on forty writers) at the thresholds K wrote; the most
 *   severe of the three levels. It can only add flags to S0, never remove one.
 * - S2: the same rules raised by model K alone, at its thresholds.
 * - Why: on the unread fifteenth and seventh short corpora, S0 missed the any risk → at least medium
 *   goal (0.964 and 0.962) with benign to spare (0.973 and 0.986). K's procedure chose word n-grams,
 *   λ 1e-6, θa 0.775, θr 0.70; on leave-one-writer-out over the forty writers that family read a
 *   little better than I's (summed shortfall on the held-out writers 0.009 against 0.017), and beside
 *   I it added recall on short replies.
 * - The sixteenth held-out corpus (crisis-heldout16.ts) and the eighth held-out corpus of short
 *   replies (crisis-shortheldout8.ts) were written blind by writers who had read neither the
 *   classifier nor any corpus, and nobody has scored them (committed unread in 9782aba). Each is read
 *   once, here, on its single messages:
 *     a candidate qualifies if, on each corpus, neither recall line (acute → high, any risk → at
 *     least medium) is worse than S0's by more than 0.01 on the sixteenth or 0.02 on the short
 *     replies, AND the sum of its total shortfalls from the goals on the two corpora
 *     (Σ max(0, goal − line)) is less than S0's;
 *     the qualifying candidate with the least sum ships (S2 on a tie, one model rather than two); if
 *     none qualifies, S0 stays.
 *   Conversations are printed, not weighed. Nothing is tuned after the scoring, whatever it shows.
 * - Whichever ships, its honest figures are read afterwards, once, on the seventeenth held-out corpus
 *   and the ninth of short replies (committed unread with these), which nothing chooses with.
 *
 * DECIDED on 2026-12-06: S1 shipped (summed shortfall 0.043 against S0's 0.060, recall within the
 * guards); S2 fell outside the guard on short replies. The figures are in docs/clinical-safety.md.
 */

import { CRISIS_HELDOUT16, HELDOUT16_CONVERSATIONS } from "../../shared/safety/crisis-heldout16";
import { assessConversation, assessRisk } from "../../shared/safety/crisis-risk";
import { CRISIS_SHORTHELDOUT8, SHORTHELDOUT8_CONVERSATIONS } from "../../shared/safety/crisis-shortheldout8";
import { LEARNED_WEIGHTS_I } from "../../shared/safety/learned/weights-i.generated";
import { LEARNED_WEIGHTS_K } from "../../shared/safety/learned/weights-k.generated";
import { bestQualifying, type DecisionCorpus, modelOf, type Rules, readCorpora, type System } from "./crisis-decision";

const CORPORA: readonly DecisionCorpus[] = [
  {
    name: "SIXTEENTH HELD-OUT corpus (crisis-heldout16.ts)",
    guard: 0.01,
    entries: CRISIS_HELDOUT16,
    conversations: HELDOUT16_CONVERSATIONS,
  },
  {
    name: "EIGHTH HELD-OUT corpus of SHORT chat replies (crisis-shortheldout8.ts)",
    guard: 0.02,
    entries: CRISIS_SHORTHELDOUT8,
    conversations: SHORTHELDOUT8_CONVERSATIONS,
  },
];

const rules: Rules = { assessRisk, assessConversation };
const i = modelOf(LEARNED_WEIGHTS_I);
const k = modelOf(LEARNED_WEIGHTS_K);
const { acute, risk } = LEARNED_WEIGHTS_K.thresholds;
const shipped: System = { name: "S0 (shipped): rules + model I, θa 0.7, θr 0.65", rules, model: i };
const candidates: System[] = [
  { name: `S1: rules + model I (θa 0.7, θr 0.65) + model K (θa ${acute}, θr ${risk})`, rules, model: [i, k] },
  { name: `S2: rules + model K, θa ${acute}, θr ${risk}`, rules, model: k },
];
const record: System[] = [{ name: "for the record: rules alone", rules, model: null }];

const read = readCorpora([shipped, ...candidates, ...record], CORPORA);
// S2 is weighed first, so a tie keeps it (one model rather than two).
const best = bestQualifying(shipped, [...candidates].reverse(), read);
console.log(`\nDECISION: ${best === null ? "keep S0" : `ship ${best.name}`}`);
