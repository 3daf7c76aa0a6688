/**
 * `npx tsx tests/bench/crisis-model-h-decision.ts`: the rules with the evening's contexts (past times,
 * recurrences, pastimes), with model F and with model H, against the shipped rules and model F, on
 * the TENTH held-out corpus and the SECOND held-out corpus of short chat replies. A report: nothing
 * is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored either corpus:
 *
 * - S0, shipped: the rules as they were at commit BASE (read from a git worktree of it, in .tmp/)
 *   raised by model F (weights-f.generated.ts) at θa 0.675, θr 0.675.
 * - S1: the rules as committed with this script (context-lexicon.ts: "back when", "years back", "in
 *   my fifties" and the like as past times; a recurrence or a recent time in the message undoing any
 *   past reading; a sport or pastime explaining a jump, a swim, a rope or an edge in its sentence),
 *   tuned on the development corpora only, raised by model F at θa 0.675, θr 0.675.
 * - S2: the same rules raised by model H (weights-h.generated.ts, train-crisis-model-h.ts: F's
 *   procedure on twenty-eight writers) at the thresholds it wrote.
 * - The tenth held-out corpus (crisis-heldout10.ts, written like the earlier ones) and the second
 *   held-out corpus of short replies (crisis-shortheldout2.ts: mostly short, mostly benign) were
 *   written blind by writers who had read neither the classifier nor any corpus, and nobody has
 *   scored them. Each is read once, here, on its single messages:
 *     a candidate qualifies if, on each corpus, neither recall line (acute → high, any risk → at
 *     least medium) is worse than S0's by more than 0.01 on the tenth or 0.02 on the short replies,
 *     AND the sum of its total shortfalls from the goals on the two corpora (Σ max(0, goal − line))
 *     is less than S0's;
 *     the qualifying candidate with the least sum ships (S1 on a tie, the smaller change); if none
 *     qualifies, S0 stays and the rules' changes are reverted.
 *   Conversations are printed, not weighed. Nothing is tuned after the scoring, whatever it shows.
 * - The figures of whichever system ships are its honest figures, with the caveat that these two
 *   corpora chose among three systems (they flatter the winner a little).
 *
 * For the record only, not in the decision: each set of rules alone.
 */
import { CRISIS_HELDOUT10, HELDOUT10_CONVERSATIONS } from "../../shared/safety/crisis-heldout10";
import { assessConversation, assessRisk } from "../../shared/safety/crisis-risk";
import { CRISIS_SHORTHELDOUT2, SHORTHELDOUT2_CONVERSATIONS } from "../../shared/safety/crisis-shortheldout2";
import { LEARNED_WEIGHTS_F } from "../../shared/safety/learned/weights-f.generated";
import { LEARNED_WEIGHTS_H } from "../../shared/safety/learned/weights-h.generated";
import {
  bestQualifying,
  type DecisionCorpus,
  modelOf,
  type Rules,
  readCorpora,
  type System,
  withRulesAt,
} from "./crisis-decision";

/** The commit whose rules shipped with model F. */
const BASE = "7ed490a012fd7fe10b7afdf5ba01fd4df40a421f";
const CORPORA: readonly DecisionCorpus[] = [
  {
    name: "TENTH HELD-OUT corpus (crisis-heldout10.ts)",
    guard: 0.01,
    entries: CRISIS_HELDOUT10,
    conversations: HELDOUT10_CONVERSATIONS,
  },
  {
    name: "SECOND HELD-OUT corpus of SHORT chat replies (crisis-shortheldout2.ts)",
    guard: 0.02,
    entries: CRISIS_SHORTHELDOUT2,
    conversations: SHORTHELDOUT2_CONVERSATIONS,
  },
];

await withRulesAt(BASE, (earlier) => {
  const now: Rules = { assessRisk, assessConversation };
  const f = modelOf(LEARNED_WEIGHTS_F);
  const h = modelOf(LEARNED_WEIGHTS_H);
  const { acute, risk } = LEARNED_WEIGHTS_H.thresholds;
  const shipped: System = {
    name: "S0 (shipped): earlier rules + model F, θa 0.675, θr 0.675",
    rules: earlier,
    model: f,
  };
  const candidates: System[] = [
    { name: "S1: new rules + model F, θa 0.675, θr 0.675", rules: now, model: f },
    { name: `S2: new rules + model H, θa ${acute}, θr ${risk}`, rules: now, model: h },
  ];
  const record: System[] = [
    { name: "for the record: earlier rules alone", rules: earlier, model: null },
    { name: "for the record: new rules alone", rules: now, model: null },
  ];

  const read = readCorpora([shipped, ...candidates, ...record], CORPORA);
  const best = bestQualifying(shipped, candidates, read);
  console.log(`\nDECISION: ${best === null ? "keep S0 (revert the rules' changes)" : `ship ${best.name}`}`);
});
