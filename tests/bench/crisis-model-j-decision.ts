/**
 * `npx tsx tests/bench/crisis-model-j-decision.ts`: the rules with the night's cues and contexts, with
 * model I and with model J, against the shipped rules and model I, on the FOURTEENTH held-out corpus
 * and the SIXTH held-out corpus of short chat replies. A report: nothing is asserted, and only
 * figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored either corpus:
 *
 * - S0, shipped: the rules as they were at commit BASE (read from a git worktree of it, in .tmp/)
 *   raised by model I (weights-i.generated.ts) at θa 0.70, θr 0.65.
 * - S1: the rules as committed with this script, raised by model I at θa 0.70, θr 0.65. The rules'
 *   changes were made on development data only (the thirteenth and fifth short corpora, read by I's
 *   decision, and the earlier ones): swallowed pills "in me", an interrupted attempt ("…pulled me
 *   back" from a railing or an edge), "farewell everyone", arranging who finds the writer ("so my mum
 *   isn't the one who finds me"), dragging everyone down, an urge to reach for a blade; and, against
 *   false alarms, a leaving do or last day of term, "winters ago", a "haven't" answering a screener's
 *   question, "don't get those … anymore", "(not) here anymore at this job", and a chore carried on
 *   the turn before ("i cut myself" / "chopping onions…").
 * - S2: the same rules raised by model J (weights-j.generated.ts, train-crisis-model-j.ts: I's
 *   procedure on thirty-six writers, λ 1e-6 offered besides) at the thresholds it wrote.
 * - The fourteenth held-out corpus (crisis-heldout14.ts) and the sixth held-out corpus of short
 *   replies (crisis-shortheldout6.ts) were written blind by writers who had read neither the
 *   classifier nor any corpus, and nobody has scored them. Each is read once, here, on its single
 *   messages:
 *     a candidate qualifies if, on each corpus, neither recall line (acute → high, any risk → at
 *     least medium) is worse than S0's by more than 0.01 on the fourteenth or 0.02 on the short
 *     replies, AND the sum of its total shortfalls from the goals on the two corpora
 *     (Σ max(0, goal − line)) is less than S0's;
 *     the qualifying candidate with the least sum ships (S1 on a tie, the smaller change); if none
 *     qualifies, S0 stays and the rules' changes are reverted.
 *   Conversations are printed, not weighed. Nothing is tuned after the scoring, whatever it shows.
 * - The figures of whichever system ships, on these two corpora, flatter it a little (they chose
 *   among three). Its honest figures are read afterwards, once, on the fifteenth held-out corpus and
 *   the seventh of short replies (committed unread with these, be2ae8b), which nothing chooses with.
 *
 * DECIDED on 2026-12-06 (the output is in docs/clinical-safety.md): S0 stays. S1 tied it (summed
 * shortfall 0.015 each: not less), and S2 (0.005) fell more than 0.01 below S0 on acute → high on the
 * fourteenth corpus (0.961 against 0.977). The rules' changes were reverted, as pre-registered; so
 * that this script still reads what it weighed, S1's and S2's rules are read from a worktree of the
 * commit that made them (CANDIDATE_RULES), as S0's are from BASE.
 */
import { CRISIS_HELDOUT14, HELDOUT14_CONVERSATIONS } from "../../shared/safety/crisis-heldout14";
import { CRISIS_SHORTHELDOUT6, SHORTHELDOUT6_CONVERSATIONS } from "../../shared/safety/crisis-shortheldout6";
import { LEARNED_WEIGHTS_I } from "../../shared/safety/learned/weights-i.generated";
import { LEARNED_WEIGHTS_J } from "../../shared/safety/learned/weights-j.generated";
import { bestQualifying, type DecisionCorpus, modelOf, readCorpora, type System, withRulesAt } from "./crisis-decision";

/** The commit whose rules shipped with model I. */
const BASE = "be2ae8b4356dc522d868f5faf6dd057c8ddebeb1";
/** The commit with the night's rules, weighed as S1 and S2 and reverted after. */
const CANDIDATE_RULES = "f4b7f1f89c4d50526b96902510a7f9fe81db49f8";
const CORPORA: readonly DecisionCorpus[] = [
  {
    name: "FOURTEENTH HELD-OUT corpus (crisis-heldout14.ts)",
    guard: 0.01,
    entries: CRISIS_HELDOUT14,
    conversations: HELDOUT14_CONVERSATIONS,
  },
  {
    name: "SIXTH HELD-OUT corpus of SHORT chat replies (crisis-shortheldout6.ts)",
    guard: 0.02,
    entries: CRISIS_SHORTHELDOUT6,
    conversations: SHORTHELDOUT6_CONVERSATIONS,
  },
];

await withRulesAt(BASE, (earlier) =>
  withRulesAt(CANDIDATE_RULES, (now) => {
    const i = modelOf(LEARNED_WEIGHTS_I);
    const j = modelOf(LEARNED_WEIGHTS_J);
    const { acute, risk } = LEARNED_WEIGHTS_J.thresholds;
    const shipped: System = {
      name: "S0 (shipped): earlier rules + model I, θa 0.7, θr 0.65",
      rules: earlier,
      model: i,
    };
    const candidates: System[] = [
      { name: "S1: new rules + model I, θa 0.7, θr 0.65", rules: now, model: i },
      { name: `S2: new rules + model J, θa ${acute}, θr ${risk}`, rules: now, model: j },
    ];
    const record: System[] = [
      { name: "for the record: earlier rules alone", rules: earlier, model: null },
      { name: "for the record: new rules alone", rules: now, model: null },
    ];

    const read = readCorpora([shipped, ...candidates, ...record], CORPORA);
    const best = bestQualifying(shipped, candidates, read);
    console.log(`\nDECISION: ${best === null ? "keep S0 (revert the rules' changes)" : `ship ${best.name}`}`);
  }),
);
