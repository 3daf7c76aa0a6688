/**
 * `npx tsx tests/bench/crisis-model-f-decision.ts`: the rules with their false-alarm contexts and
 * model F, against the rules and model E shipped before them, on the SEVENTH held-out corpus. A
 * report: nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored the seventh held-out corpus:
 *
 * - S0, shipped: the rules as they were at commit BASE (read from a git worktree of it, in .tmp/)
 *   raised by model E (weights-e.generated.ts) at its thresholds, θa 0.8, θr 0.875.
 * - S1: the rules as committed with this script (the false-alarm contexts of context-lexicon.ts:
 *   a screener's question answered no, a past beside a recovery now, an everyday reason for
 *   goodbyes, games, jokes, clinical work), tuned on the development corpora only, raised by model F
 *   (weights-f.generated.ts, train-crisis-model-f.ts) at the thresholds of its new rule, the least
 *   total shortfall from the three goals in leave-one-writer-out: θa 0.675, θr 0.675.
 * - S2: the same rules and model F at the thresholds the earlier rule chooses for F (train-crisis-
 *   model-f.ts prints them): θa 0.825, θr 0.95.
 * - The seventh held-out corpus (crisis-heldout7.ts) was written blind by rule from the C-SSRS
 *   categories by a writer who had read neither the classifier nor any corpus, and nobody has scored
 *   it. It is read once, here, on its single messages:
 *     a candidate qualifies if neither recall line (acute → high, any risk → at least medium) is
 *     worse than S0's by more than 0.01, and its total shortfall from the goals (Σ max(0, goal −
 *     line) over the three lines) is less than S0's;
 *     the qualifying candidate with the least shortfall ships (S1 on a tie); if none qualifies, S0
 *     stays and the rules' changes are reverted.
 *   Conversations are printed, not weighed. Nothing is tuned after the scoring, whatever it shows.
 * - What ships is then read once on the EIGHTH held-out corpus (crisis-heldout8.ts, written blind,
 *   unread) by tests/bench/crisis.ts: that is its honest figure, since the seventh chose among three.
 *
 * For the record only, not in the decision: each set of rules alone, and the new rules with model E.
 *
 * The rules in the tree changed again on the evening of 2026-12-06 (the H decision,
 * crisis-model-h-decision.ts), so its recorded output is reproduced at 7ed490a: `git checkout
 * 7ed490a` (or a worktree of it) and run it there.
 */
import { CRISIS_HELDOUT7, HELDOUT7_CONVERSATIONS } from "../../shared/safety/crisis-heldout7";
import { assessConversation, assessRisk } from "../../shared/safety/crisis-risk";
import { LEARNED_WEIGHTS_E } from "../../shared/safety/learned/weights-e.generated";
import { LEARNED_WEIGHTS_F } from "../../shared/safety/learned/weights-f.generated";
import { type Model, modelOf, type Rules, readSystem, type System, withRulesAt } from "./crisis-decision";
import { goalShortfall } from "./crisis-scoring";

/** The commit whose rules shipped with model E (the same rules as 6a8bdec). */
const BASE = "f6497cf47d7a3d83ba0ac2beef5af9723b6e0a4e";
const GUARD = 0.01;

const withThresholds = (model: Model, acute: number, risk: number): Model => ({
  ...model,
  thresholds: { acute, risk },
});
await withRulesAt(BASE, (earlier) => {
  const now: Rules = { assessRisk, assessConversation };
  const e = modelOf(LEARNED_WEIGHTS_E);
  const f = modelOf(LEARNED_WEIGHTS_F);
  const s0: System = { name: "S0 (shipped): earlier rules + model E, θa 0.8, θr 0.875", rules: earlier, model: e };
  const s1: System = {
    name: "S1: new rules + model F, θa 0.675, θr 0.675 (least shortfall)",
    rules: now,
    model: withThresholds(f, 0.675, 0.675),
  };
  const s2: System = {
    name: "S2: new rules + model F, θa 0.825, θr 0.95 (the earlier threshold rule)",
    rules: now,
    model: withThresholds(f, 0.825, 0.95),
  };
  const record: System[] = [
    { name: "for the record: earlier rules alone", rules: earlier, model: null },
    { name: "for the record: new rules alone", rules: now, model: null },
    { name: "for the record: new rules + model E, θa 0.8, θr 0.875", rules: now, model: e },
  ];

  console.log(
    `SEVENTH HELD-OUT corpus (crisis-heldout7.ts), ${CRISIS_HELDOUT7.length} messages and ${HELDOUT7_CONVERSATIONS.length} conversations, read once\n`,
  );
  const read = (system: System) =>
    readSystem(system, { entries: CRISIS_HELDOUT7, conversations: HELDOUT7_CONVERSATIONS });

  const shipped = read(s0);
  let best: { system: System; shortfall: number } | null = null;
  for (const candidate of [s1, s2]) {
    const lines = read(candidate);
    const recallKept = [0, 1].every((at) => (lines[at] as number) >= (shipped[at] as number) - GUARD - 1e-9);
    const shortfall = goalShortfall(lines);
    const qualifies = recallKept && shortfall < goalShortfall(shipped) - 1e-9;
    console.log(
      `  ${candidate.name.slice(0, 2)}: recall lines within ${GUARD} of S0: ${recallKept ? "yes" : "NO"}; shortfall ${shortfall.toFixed(3)} against S0's ${goalShortfall(shipped).toFixed(3)}: ${qualifies ? "qualifies" : "does not qualify"}\n`,
    );
    if (qualifies && (best === null || shortfall < best.shortfall - 1e-9)) best = { system: candidate, shortfall };
  }
  for (const system of record) read(system);
  console.log(`DECISION: ${best === null ? "keep S0 (revert the rules' changes)" : `ship ${best.system.name}`}`);
});
