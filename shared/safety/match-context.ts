import {
  CONTEXT_LEXICON,
  type ContextPhrase,
  FILLERS,
  FIRST_PERSON,
  NEGATION_REACH,
  OTHER_PERSON,
  SUBJECT_REACH,
} from "./context-lexicon";
import { SENTENCE_BREAK } from "./normalise";
import { compilePhrases, findPhrases, type PhraseMatch } from "./phrase-matcher";
import type { RiskCategory, RiskPhrase } from "./risk-lexicon";

/**
 * One risk phrase found, and how it was read in its sentence.
 * @example assessRisk("i used to self harm").matches[0] // { phrase: "self harm", past: true, … }
 */
export interface RiskMatch {
  /** The words matched, normalised. */
  phrase: string;
  category: RiskCategory;
  /** The lexicon weight, before negation, tense or subject lowered it. */
  weight: number;
  /** Negated ("i would never kill myself"), denied ("…but i am not") or over ("the thoughts have gone"). */
  negated: boolean;
  /** Said of the past ("i used to self harm", "when i was 16"), unless it is back ("…again"). */
  past: boolean;
  /** Who it is about: the writer, or someone they are talking about. */
  about: "self" | "other";
}

const CONTEXT = compilePhrases(CONTEXT_LEXICON);
const PAST_REACH = 5;
const AGAIN_REACH = 8;
const RESOLVED_FILLERS: ReadonlySet<string> = new Set(["and", "but", "i", "it", "they", "all", "now"]);
const DENIAL_ENDS: ReadonlySet<string> = new Set([SENTENCE_BREAK, "really", "though", "honestly", "at", "lol"]);

/**
 * Which tokens some match covers, so overlap tests stay linear however many matches there are.
 * @example coverage(4, [{ entry: "x", start: 1, end: 3 }]) // Uint8Array [0, 1, 1, 0]
 */
export function coverage(length: number, matches: readonly PhraseMatch<unknown>[]): Uint8Array {
  const covered = new Uint8Array(length);
  for (const { start, end } of matches) covered.fill(1, start, end);
  return covered;
}

/**
 * Whether any token of the match is covered.
 * @example touches(Uint8Array.of(0, 1), { entry: "x", start: 1, end: 2 }) // true
 */
export const touches = (covered: Uint8Array, { start, end }: PhraseMatch<unknown>): boolean =>
  covered.subarray(start, end).includes(1);

/**
 * The context phrases of a message, found once and shared by every risk match in it.
 * @example contextOf(normaliseTokens("i have a safety plan")).protective.length // 1
 */
export function contextOf(tokens: readonly string[]) {
  const found = findPhrases(CONTEXT, tokens);
  const byKind = (kind: ContextPhrase["kind"]) => found.filter((match) => match.entry.kind === kind);
  return {
    suppressed: coverage(tokens.length, byKind("suppress")),
    protective: byKind("protective"),
    means: byKind("means"),
    hasTiming: byKind("timing").length > 0,
    negatorEnds: new Set(byKind("negator").map((match) => match.end)),
    pastStarts: new Set(byKind("past-after").map((match) => match.start)),
    resolvedStarts: new Set(byKind("resolved-after").map((match) => match.start)),
  };
}

/**
 * The context of one message, as {@link contextOf} returns it.
 * @example const context: MessageContext = contextOf(tokens);
 */
export type MessageContext = ReturnType<typeof contextOf>;

/**
 * Looks back from `start` through filler words for a negator, or for "used to" or "stopped".
 * "I have never wanted to die more than now" is emphasis, not negation.
 * @example lookBack(["i", "never", "want", "to", "die"], 2, 5, contextOf(tokens)) // "negated"
 */
export function lookBack(tokens: readonly string[], start: number, end: number, context: MessageContext) {
  let at = start;
  for (let step = 0; step <= NEGATION_REACH; step++) {
    if (context.negatorEnds.has(at)) {
      const emphatic = tokens[at - 1] === "never" && tokens.slice(end, end + 3).includes("more");
      return emphatic ? undefined : ("negated" as const);
    }
    if (at === start && tokens[at - 1] === "no") return "negated" as const;
    if ((tokens[at - 1] === "to" && tokens[at - 2] === "used") || tokens[at - 1] === "stopped") return "past" as const;
    const previous = tokens[at - 1];
    if (previous === undefined || !FILLERS.has(previous)) return undefined;
    at--;
  }
  return undefined;
}

function subjectBefore(tokens: readonly string[], start: number): "self" | "other" {
  for (let at = start - 1; at >= 0 && at >= start - SUBJECT_REACH; at--) {
    const token = tokens[at] as string;
    if (token === SENTENCE_BREAK) break;
    if (FIRST_PERSON.has(token)) return "self";
    if (OTHER_PERSON.has(token)) return "other";
  }
  return "self";
}

/** "…have gone", "…and i said no", "…but i am not" (ending the sentence: "…but i am not ok" is no denial). */
function resolvedAfter(tokens: readonly string[], end: number, context: MessageContext): boolean {
  if (tokens[end] === "but" && tokens[end + 1] === "i" && tokens[end + 2] === "am" && tokens[end + 3] === "not") {
    if (DENIAL_ENDS.has(tokens[end + 4] ?? SENTENCE_BREAK)) return true;
  }
  let at = end;
  for (let step = 0; step <= 3; step++) {
    if (context.resolvedStarts.has(at)) return true;
    if (!RESOLVED_FILLERS.has(tokens[at] ?? SENTENCE_BREAK)) return false;
    at++;
  }
  return false;
}

function within(tokens: readonly string[], end: number, reach: number, found: (at: number) => boolean): boolean {
  for (let at = end; at <= end + reach && at < tokens.length; at++) {
    if (tokens[at] === SENTENCE_BREAK) return false;
    if (found(at)) return true;
  }
  return false;
}

/**
 * Reads one risk match in its sentence: negated or not, past or present, about the writer or not.
 * @example readMatch(tokens, match, contextOf(tokens)).negated
 */
export function readMatch(
  tokens: readonly string[],
  match: PhraseMatch<RiskPhrase>,
  context: MessageContext,
): RiskMatch {
  const { entry, start, end } = match;
  const before = lookBack(tokens, start, end, context);
  const pastMarked = before === "past" || within(tokens, end, PAST_REACH, (at) => context.pastStarts.has(at));
  // "I used to want to die, and now I want to again": back, so not past. "Never again" stays past.
  const back = within(tokens, end, AGAIN_REACH, (at) => tokens[at] === "again" && tokens[at - 1] !== "never");
  return {
    phrase: tokens.slice(start, end).join(" "),
    category: entry.category,
    weight: entry.weight,
    negated: before === "negated" || resolvedAfter(tokens, end, context),
    past: pastMarked && !back,
    about: (entry.subject === "any" ? subjectBefore(tokens, start) : entry.subject) === "other" ? "other" : "self",
  };
}
