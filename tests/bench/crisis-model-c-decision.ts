/**
 * `npx tsx tests/bench/crisis-model-c-decision.ts`: model C against the shipped model A on the
 * FOURTH held-out corpus. A report: nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored the fourth held-out corpus:
 *
 * - Model A is the shipped model (weights.generated.ts: word n-grams, trained on dev1–3 and the
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
import { assessConversation, assessRisk, type RiskAssessment, type RiskLevel } from "../../shared/safety/crisis-risk";
import { wordCluster } from "../../shared/safety/learned/clusters";
import { conversationText, raiseWith } from "../../shared/safety/learned/combine";
import { decodeModel, type LearnedWeights, riskOf } from "../../shared/safety/learned/model";
import { LEARNED_WEIGHTS } from "../../shared/safety/learned/weights.generated";
import { LEARNED_WEIGHTS_C } from "../../shared/safety/learned/weights-c.generated";
import { AT_LEAST_MEDIUM, goalLines, meets, type Tier } from "./crisis-scoring";

const GUARD = 0.02;

function modelOf(weights: LearnedWeights) {
  const model = decodeModel(weights);
  return { risk: (text: string) => riskOf(model, text, wordCluster), thresholds: { ...weights.thresholds } };
}
type Model = ReturnType<typeof modelOf>;

function level(rules: RiskAssessment, text: string, model: Model | null): RiskLevel {
  return model === null ? rules.level : raiseWith(rules, model.risk(text), model.thresholds).level;
}

function rates(scored: readonly { tier: Tier; level: RiskLevel }[]) {
  const of = (tiers: readonly Tier[]) => scored.filter((entry) => tiers.includes(entry.tier));
  const share = (entries: readonly { level: RiskLevel }[], test: (found: RiskLevel) => boolean) =>
    entries.filter((entry) => test(entry.level)).length / entries.length;
  return [
    share(of(["acute"]), (found) => found === "high"),
    share(of(["acute", "ideation"]), (found) => AT_LEAST_MEDIUM.includes(found)),
    share(of(["benign"]), (found) => !AT_LEAST_MEDIUM.includes(found)),
  ] as const;
}

console.log(
  `FOURTH HELD-OUT corpus (crisis-heldout4.ts), ${CRISIS_HELDOUT4.length} messages and ${HELDOUT4_CONVERSATIONS.length} conversations, read once\n`,
);
const results: ReturnType<typeof rates>[] = [];
for (const [name, model] of [
  ["rules alone", null],
  ["rules + model A (shipped: word n-grams, dev1–3)", modelOf(LEARNED_WEIGHTS)],
  ["rules + model C (n-grams, chars, clusters; seven writers)", modelOf(LEARNED_WEIGHTS_C)],
] as const) {
  const scored = CRISIS_HELDOUT4.map((entry) => ({
    tier: entry.tier,
    level: level(assessRisk(entry.text), entry.text, model),
  }));
  const conversations = HELDOUT4_CONVERSATIONS.filter((c) =>
    meets(c.tier, level(assessConversation(c.turns), conversationText(c.turns), model)),
  ).length;
  results.push(rates(scored));
  console.log(` ${name}:`);
  console.log(goalLines(scored).join("\n"));
  console.log(`  conversations meeting their tier: ${conversations}/${HELDOUT4_CONVERSATIONS.length}\n`);
}

const [ra, rc] = results.slice(1) as [ReturnType<typeof rates>, ReturnType<typeof rates>];
const names = ["acute → high", "any risk → ≥ medium", "benign below medium"];
let worse = false;
for (let at = 0; at < 3; at++) {
  const change = (rc[at] as number) - (ra[at] as number);
  const bad = change < -GUARD - 1e-9;
  worse ||= bad;
  console.log(
    `  C − A, ${(names[at] as string).padEnd(22)} ${change >= 0 ? "+" : ""}${change.toFixed(3)}${bad ? "  (worse by more than the guard)" : ""}`,
  );
}
const better = rc[0] + rc[1] > ra[0] + ra[1] + 1e-9;
console.log(`  recall sum: A ${(ra[0] + ra[1]).toFixed(3)}, C ${(rc[0] + rc[1]).toFixed(3)}`);
console.log(`DECISION: ${better && !worse ? "ship model C" : "keep model A"}`);
