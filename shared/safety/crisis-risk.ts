import { isLaughter } from "./context-lexicon";
import {
  contextOf,
  coverage,
  lookBack,
  type MessageContext,
  type RiskMatch,
  readMatch,
  touches,
} from "./match-context";
import { normaliseTokens } from "./normalise";
import { compilePhrases, findPhrases, longestMatches, type PhraseMatch } from "./phrase-matcher";
import { CRITICAL_CATEGORIES, RISK_LEXICON, type RiskPhrase, RUN_TOGETHER } from "./risk-lexicon";

export type { RiskMatch } from "./match-context";

/**
 * Score thresholds of each level, inclusive.
 * @example assessRisk("i want to die").score >= RISK_THRESHOLDS.high // true
 */
export const RISK_THRESHOLDS = { high: 70, medium: 40, low: 15 } as const;

/**
 * How urgent: `high` needs help now, `medium` a flag for staff, `low` a topic raised, `none` nothing.
 * @example const level: RiskLevel = assessRisk("i wish i was dead").level; // "medium"
 */
export type RiskLevel = "none" | "low" | "medium" | "high";

/**
 * The result of {@link assessRisk}.
 * @example const { score, level, matches, protective }: RiskAssessment = assessRisk(text);
 */
export interface RiskAssessment {
  /** 0–100. */
  score: number;
  level: RiskLevel;
  matches: RiskMatch[];
  /** Protective factors named ("i have my kids", "i called samaritans"), normalised. */
  protective: string[];
}

const RISK = compilePhrases(RISK_LEXICON);

const SECOND_MATCH_SHARE = 0.2;
const NEGATED_WEIGHT = 15;
const PAST_SHARE = 0.4;
/** A past attempt is the strongest single predictor of another: never less than medium. */
const PAST_ATTEMPT_FLOOR = 45;
const OTHER_SHARE = 0.55;
const LAUGHTER_SHARE = 0.5;
const MEANS_BOOST = 30;
const TIMING_BOOST = 15;
const PROTECTIVE_RELIEF = 15;
const PAST_ATTEMPT_BOOST = 25;
const PAST_ATTEMPT_COMPANION = 25;
const CRITICAL_FLOOR = 75;
const RUN_TOGETHER_MIN = 8;

function counted(match: RiskMatch, entry: RiskPhrase, laughing: boolean): number {
  if (match.negated) return match.weight >= RISK_THRESHOLDS.medium ? NEGATED_WEIGHT : 0;
  let weight = match.weight;
  if (match.past && match.about === "self") {
    weight = match.category === "attempt" ? Math.max(weight * PAST_SHARE, PAST_ATTEMPT_FLOOR) : weight * PAST_SHARE;
  }
  // Phrases that name someone else carry their own weight; subjectless ones found to be about someone
  // else are scaled down to a reported risk. Laughter softens only reports, never the writer's own words.
  if (match.about === "other" && entry.subject === "any") weight *= OTHER_SHARE;
  if (match.about === "other" && laughing) weight *= LAUGHTER_SHARE;
  return weight;
}

/** "iwanttodie", "i w a n t t o d i e" (joined by the normaliser): words run together to dodge a filter. */
function runTogether(tokens: readonly string[]): PhraseMatch<RiskPhrase>[] {
  const found: PhraseMatch<RiskPhrase>[] = [];
  tokens.forEach((token, at) => {
    if (token.length < RUN_TOGETHER_MIN) return;
    const entry = RUN_TOGETHER.find(({ pattern }) => token !== pattern && token.includes(pattern));
    if (entry !== undefined) found.push({ entry, start: at, end: at + 1 });
  });
  return found;
}

const levelOf = (score: number): RiskLevel =>
  score >= RISK_THRESHOLDS.high
    ? "high"
    : score >= RISK_THRESHOLDS.medium
      ? "medium"
      : score >= RISK_THRESHOLDS.low
        ? "low"
        : "none";

function protectiveFactors(tokens: readonly string[], context: MessageContext): string[] {
  return longestMatches(context.protective, () => 0)
    .filter((match) => lookBack(tokens, match.start, match.end, context) !== "negated")
    .map((match) => tokens.slice(match.start, match.end).join(" "));
}

/**
 * Crisis risk in a message, scored 0–100, on the device or in the Worker before any model sees it.
 * Weighted risk phrases (intent, plan, attempt, self-harm, passive ideation, burden, hopelessness) are
 * read in context: negation, past tense and another person's risk lower a match; figurative and
 * accidental uses ("my feet are killing me", "i cut myself shaving") drop it; means or timing raise
 * it; protective factors lower the score, but an explicit intent, plan, attempt or self-harm by the
 * writer is always high. Pure and linear in the length of the text; never throws.
 * @example assessRisk("i want to kill myself tonight").level // "high"
 * @example assessRisk("i would never kill myself").level // "low"
 * @example assessRisk("this exam is killing me").level // "none"
 */
export function assessRisk(text: string): RiskAssessment {
  const tokens = normaliseTokens(typeof text === "string" ? text : "");
  const context = contextOf(tokens);
  const laughing = tokens.some(isLaughter);
  const found = longestMatches([...findPhrases(RISK, tokens), ...runTogether(tokens)], (entry) => entry.weight).filter(
    (match) => !touches(context.suppressed, match),
  );

  const matches: RiskMatch[] = [];
  const weights: number[] = [];
  let critical = false;
  let selfIdeation = false;
  let pastAttempt = false;
  let otherLive = 0;
  for (const match of found) {
    const risk = readMatch(tokens, match, context);
    const weight = counted(risk, match.entry, laughing);
    const self = !risk.negated && risk.about === "self";
    const live = self && !risk.past;
    critical ||= live && CRITICAL_CATEGORIES.has(risk.category) && risk.weight >= RISK_THRESHOLDS.high;
    selfIdeation ||= live && weight >= RISK_THRESHOLDS.medium;
    if ((live && risk.category === "past-attempt") || (self && risk.past && risk.category === "attempt")) {
      pastAttempt = true;
    } else if (live) {
      otherLive = Math.max(otherLive, weight);
    }
    matches.push(risk);
    weights.push(weight);
  }

  weights.sort((a, b) => b - a);
  let score = (weights[0] ?? 0) + SECOND_MATCH_SHARE * (weights[1] ?? 0);
  // Means named apart from the phrase itself ("...and i have the pills"), not inside it ("bought a rope").
  const inPhrases = coverage(tokens.length, found);
  if (selfIdeation && context.means.some((means) => !touches(inPhrases, means))) score += MEANS_BOOST;
  if (selfIdeation && context.hasTiming) score += TIMING_BOOST;
  if (pastAttempt && otherLive >= PAST_ATTEMPT_COMPANION) score += PAST_ATTEMPT_BOOST;

  const protective = protectiveFactors(tokens, context);
  // Protective factors speak to ideation; they do not turn a negated mention ("not suicidal") into nothing.
  if (score >= RISK_THRESHOLDS.medium) score -= PROTECTIVE_RELIEF * Math.min(protective.length, 2);
  if (critical) score = Math.max(score, CRITICAL_FLOOR);

  score = Math.round(Math.min(100, Math.max(0, score)));
  return { score, level: levelOf(score), matches, protective };
}
