import { CONVERSATION_TURNS, RISK_THRESHOLDS, type RiskAssessment, type RiskLevel } from "../crisis-risk";
import { type LearnedReading, type LearnedRisk, learnedReadings } from "./model";
import { LEARNED_WEIGHTS } from "./weights.generated";

/**
 * The learned models beside the rules: they can only RAISE the rules' level, never lower it. A model
 * says "high" when p(acute) ≥ θa and "medium" when p(any risk) ≥ θr (thresholds chosen by
 * leave-one-writer-out cross-validation on the development corpora, the least total shortfall from
 * the three goals, in `tests/bench/train-crisis-model-i.ts` and `-k.ts`), and the level is the most
 * severe of the rules' and each shipped model's (`shipped.ts`: I, and K beside it).
 * `crisis-check.ts` puts them together; `assessRisk` stays the rules alone.
 */

/** Probability thresholds of the model's levels. */
export interface LearnedThresholds {
  acute: number;
  risk: number;
}

/** Model I's thresholds, chosen by cross-validation, as written with its weights. */
export const LEARNED_THRESHOLDS: LearnedThresholds = LEARNED_WEIGHTS.thresholds;

const ORDER: Readonly<Record<RiskLevel, number>> = { none: 0, low: 1, medium: 2, high: 3 };

/**
 * The more severe of two levels.
 * @example maxLevel("low", "medium") // "medium"
 */
export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return ORDER[b] > ORDER[a] ? b : a;
}

/**
 * The model's own level: "high", "medium" or "none".
 * @example modelLevel({ acute: 0.9, risk: 0.95 }, { acute: 0.5, risk: 0.5 }) // "high"
 */
export function modelLevel(p: LearnedRisk, thresholds: LearnedThresholds = LEARNED_THRESHOLDS): RiskLevel {
  if (p.acute >= thresholds.acute) return "high";
  if (p.risk >= thresholds.risk) return "medium";
  return "none";
}

/**
 * A rules assessment with the learned model's probabilities, and whether the model raised it.
 * @example withLearnedModel(assessRisk(text), text).learned.raised
 */
export interface LearnedAssessment extends RiskAssessment {
  learned: LearnedRisk & { level: RiskLevel; raised: boolean };
}

/**
 * Raise a rules assessment to the model's level when that is more severe; otherwise it is returned
 * as it was (with the model's probabilities). The score is lifted to the level's threshold; the
 * category stays the rules' (null when the rules found no live risk: the model names none).
 * @example withLearnedModel(assessRisk("i have everything ready for tonight"), "i have everything ready for tonight").level
 */
export function raiseWith(
  rules: RiskAssessment,
  p: LearnedRisk,
  thresholds: LearnedThresholds = LEARNED_THRESHOLDS,
): LearnedAssessment {
  const own = modelLevel(p, thresholds);
  const level = maxLevel(rules.level, own);
  const raised = level !== rules.level;
  const floor = level === "high" || level === "medium" ? RISK_THRESHOLDS[level] : 0;
  return {
    ...rules,
    level,
    score: raised ? Math.max(rules.score, floor) : rules.score,
    learned: { ...p, level: own, raised },
  };
}

/**
 * {@link raiseWith} by the most severe of several models' readings (the first, on a tie): the rules'
 * level raised to the most severe level any of them gives, with that model's probabilities.
 * @example raiseWithEach(rules, [{ risk: { acute: 0.1, risk: 0.9 }, thresholds: { acute: 0.7, risk: 0.65 } }]).level
 */
export function raiseWithEach(
  rules: RiskAssessment,
  readings: readonly [LearnedReading, ...LearnedReading[]],
): LearnedAssessment {
  let chosen = readings[0];
  for (const reading of readings) {
    if (ORDER[modelLevel(reading.risk, reading.thresholds)] > ORDER[modelLevel(chosen.risk, chosen.thresholds)]) {
      chosen = reading;
    }
  }
  return raiseWith(rules, chosen.risk, chosen.thresholds);
}

/**
 * {@link raiseWithEach} for a single message, by every shipped model.
 * @example withLearnedModel(assessRisk(text), text)
 */
export function withLearnedModel(rules: RiskAssessment, text: string): LearnedAssessment {
  return raiseWithEach(rules, learnedReadings(text));
}

/**
 * The text the model reads of a conversation: the last {@link CONVERSATION_TURNS} turns, one a line.
 * @example conversationText(["a", "b", "c", "d"]) // "b\nc\nd"
 */
export function conversationText(turns: readonly string[]): string {
  return (Array.isArray(turns) ? turns : [])
    .slice(-CONVERSATION_TURNS)
    .map((turn) => (typeof turn === "string" ? turn : ""))
    .join("\n");
}

/**
 * {@link raiseWithEach} for a conversation: the models read the last turns together, as
 * `assessConversation` does.
 * @example withLearnedConversation(assessConversation(turns), turns)
 */
export function withLearnedConversation(rules: RiskAssessment, turns: readonly string[]): LearnedAssessment {
  return raiseWithEach(rules, learnedReadings(conversationText(turns)));
}
