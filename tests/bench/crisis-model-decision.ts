/**
 * `npx tsx tests/bench/crisis-model-decision.ts`: the ONE scoring of the held-out corpora with the
 * learned crisis model (shared/safety/learned/), deciding whether it is switched on beside the
 * rules. A report: nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-04, committed before this script was first run (see git log):
 *
 * - The model (model A) is the one in shared/safety/learned/weights.generated.ts as committed then
 *   (weights-a.generated.ts since model D replaced it on 2026-12-06, so this script still reads A), trained on
 *   the development corpora only, with its thresholds as chosen there. It is not retrained and its
 *   thresholds are not changed after this scoring, whatever it shows.
 * - The decision is read on the SECOND held-out corpus's 270 messages (crisis-heldout2.ts), which
 *   nobody who tuned the rules or trained the model has seen, comparing the rules alone
 *   (assessRisk) with the rules raised by the model (withLearnedModel). The model is ENABLED only if
 *   all three hold:
 *     1. acute → high recall rises by at least 0.05;
 *     2. acute + ideation → at least medium recall rises by at least 0.03;
 *     3. benign → below medium falls by at most 0.03.
 *   (Over-triage is the cheaper error in the hazard log, so some benign cost is accepted for
 *   recall, but not more than three benign messages in a hundred.)
 * - Reported beside it, not deciding: the second held-out set's conversations and the first
 *   held-out corpus (which flatters the rules; it was read after every tuning round).
 * - Disclosed either way: why this rule is not blind. An earlier rule (leave-one-corpus-out on the
 *   development corpora, train-crisis-model.ts) failed by one benign message, and a comparison
 *   against the rules as they were before each development corpus was tuned on, run after that
 *   failure, showed the model adding 0.13–0.25 recall for about 0.01 of benign. The thresholds
 *   above were written knowing that; the held-out figures were not known to anyone.
 * - After this run the second held-out corpus has been used for one decision. Figures for any
 *   later change to the rules or the model need a corpus written after it.
 *
 * The rules it reads beside the model are the ones in the tree. They learned false-alarm contexts on
 * 2026-12-06 (a95259d), so its recorded output is reproduced with the rules as they were before:
 * `git checkout f6497cf` (or a worktree of it) and run it there.
 */
import { CRISIS_HELDOUT, HELDOUT_CONVERSATIONS } from "../../shared/safety/crisis-heldout";
import { CRISIS_HELDOUT2, HELDOUT2_CONVERSATIONS } from "../../shared/safety/crisis-heldout2";
import { assessConversation, assessRisk, type RiskLevel } from "../../shared/safety/crisis-risk";
import { conversationText } from "../../shared/safety/learned/combine";
import { LEARNED_WEIGHTS_A } from "../../shared/safety/learned/weights-a.generated";
import { level as levelWith, modelOf } from "./crisis-decision";
import { AT_LEAST_MEDIUM, goalLines, meets, type Tier } from "./crisis-scoring";

/** Model A, the model this decision switched on. */
const MODEL_A = modelOf(LEARNED_WEIGHTS_A);

/** The pre-registered margins (above). */
const RULE = { acuteGain: 0.05, anyGain: 0.03, benignLoss: 0.03 } as const;

interface Scored {
  tier: Tier;
  level: RiskLevel;
}

function rates(scored: readonly Scored[]) {
  const of = (tiers: readonly Tier[]) => scored.filter((entry) => tiers.includes(entry.tier));
  const share = (entries: readonly Scored[], test: (level: RiskLevel) => boolean) =>
    entries.filter((entry) => test(entry.level)).length / entries.length;
  return {
    acuteHigh: share(of(["acute"]), (level) => level === "high"),
    anyMedium: share(of(["acute", "ideation"]), (level) => AT_LEAST_MEDIUM.includes(level)),
    benignBelow: share(of(["benign"]), (level) => !AT_LEAST_MEDIUM.includes(level)),
  };
}

function score(entries: readonly { text: string; tier: Tier }[]) {
  const rules = entries.map((entry) => ({ tier: entry.tier, level: assessRisk(entry.text).level }));
  const model = entries.map((entry) => ({
    tier: entry.tier,
    level: levelWith(assessRisk(entry.text), entry.text, MODEL_A),
  }));
  return { rules, model };
}

function conversations(entries: readonly { turns: readonly string[]; tier: Tier }[]): string {
  const rules = entries.filter((c) => meets(c.tier, assessConversation(c.turns).level)).length;
  const model = entries.filter((c) =>
    meets(c.tier, levelWith(assessConversation(c.turns), conversationText(c.turns), MODEL_A)),
  ).length;
  return `conversations meeting their tier: rules alone ${rules}/${entries.length}, rules + model ${model}/${entries.length}`;
}

console.log("The learned crisis model beside the rules: the pre-registered decision (see the file's header).\n");

const second = score(CRISIS_HELDOUT2);
console.log(`SECOND HELD-OUT corpus (crisis-heldout2.ts), ${CRISIS_HELDOUT2.length} messages: DECIDES`);
console.log(" rules alone:");
console.log(goalLines(second.rules).join("\n"));
console.log(" rules + model:");
console.log(goalLines(second.model).join("\n"));
console.log(`  ${conversations(HELDOUT2_CONVERSATIONS)}\n`);

const before = rates(second.rules);
const after = rates(second.model);
const checks = [
  [
    `acute → high rises ≥ ${RULE.acuteGain}`,
    after.acuteHigh - before.acuteHigh,
    after.acuteHigh - before.acuteHigh >= RULE.acuteGain - 1e-9,
  ],
  [
    `any risk → ≥ medium rises ≥ ${RULE.anyGain}`,
    after.anyMedium - before.anyMedium,
    after.anyMedium - before.anyMedium >= RULE.anyGain - 1e-9,
  ],
  [
    `benign below medium falls ≤ ${RULE.benignLoss}`,
    after.benignBelow - before.benignBelow,
    before.benignBelow - after.benignBelow <= RULE.benignLoss + 1e-9,
  ],
] as const;
for (const [name, change, ok] of checks) {
  console.log(`  ${name.padEnd(42)} change ${change >= 0 ? "+" : ""}${change.toFixed(3)}: ${ok ? "holds" : "FAILS"}`);
}
console.log(`DECISION: ${checks.every(([, , ok]) => ok) ? "ENABLE the model" : "keep the model OFF"}\n`);

const first = score(CRISIS_HELDOUT);
console.log(`First held-out corpus (crisis-heldout.ts), ${CRISIS_HELDOUT.length} messages: reported, not deciding`);
console.log(" rules alone:");
console.log(goalLines(first.rules).join("\n"));
console.log(" rules + model:");
console.log(goalLines(first.model).join("\n"));
console.log(`  ${conversations(HELDOUT_CONVERSATIONS)}`);
