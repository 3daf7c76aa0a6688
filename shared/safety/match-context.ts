import {
  CONTEXT_LEXICON,
  type ContextPhrase,
  FILLERS,
  FIRST_PERSON,
  NEGATION_REACH,
  OTHER_PERSON,
  SUBJECT_REACH,
} from "./context-lexicon";
import type { Cue } from "./cssrs-lexicon";
import { SENTENCE_BREAK } from "./normalise";
import { compilePhrases, findPhrases, type PhraseMatch } from "./phrase-matcher";

/**
 * One cue of the C-SSRS grammar found, and how it was read in its sentence.
 * @example assessRisk("i used to self harm").matches[0] // { phrase: "self harm", category: "self-harm", past: true, … }
 */
export interface RiskMatch {
  /** The words matched, normalised and lemmatised. */
  phrase: string;
  /** The C-SSRS category the cue names, or the context it adds (a time, a place, means…). */
  category: Cue["category"];
  /** Negated ("i would never kill myself"), denied ("…but i am not") or over ("the thoughts have gone"). */
  negated: boolean;
  /** Said of the past ("i used to self harm", "when i was 16"), unless it is back ("…again"). */
  past: boolean;
  /** Who it is about: the writer, or someone they are talking about (or a story, the news, a lesson). */
  about: "self" | "other";
}

const CONTEXT = compilePhrases(CONTEXT_LEXICON);
const UNOWNED: ReadonlySet<Cue["category"]> = new Set(["timing", "means", "farewell"]);
const ACUTE_CUES: ReadonlySet<Cue["category"]> = new Set(["behaviour", "preparation", "imminence", "plan", "method"]);
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

/** The number of the sentence each token is in, counted once per message (so reading a cue stays linear). */
function sentenceNumbers(tokens: readonly string[]): Uint32Array {
  const numbers = new Uint32Array(tokens.length);
  let sentence = 0;
  tokens.forEach((token, at) => {
    if (token === SENTENCE_BREAK) sentence++;
    numbers[at] = sentence;
  });
  return numbers;
}

/** The sentences that hold one of some matches. */
function sentencesWith(sentences: Uint32Array, matches: readonly PhraseMatch<unknown>[]): Set<number> {
  return new Set(matches.map((match) => sentences[match.start] as number));
}

/**
 * The words of an acute cue that a sport or pastime in its sentence explains: a jump, a dive, a
 * swim, a rope, an edge. Not a place alone ("walk into the sea" beside a swim stays the writer's).
 */
const PASTIME_WORDS: ReadonlySet<string> = new Set(
  "jump jumping jumped leap dive diving swim swimming swam rope edge".split(" "),
);

/** "Never again", "i won't do that again", "not coming back": a recurrence denied, within three words. */
function deniedRecurrence(tokens: readonly string[], start: number): boolean {
  for (let at = start - 1; at >= 0 && at >= start - 3; at--) {
    if (tokens[at] === SENTENCE_BREAK) return false;
    if (tokens[at] === "never" || tokens[at] === "not") return true;
  }
  return false;
}

/**
 * The context phrases of a message, found once and shared by every risk match in it.
 * @example contextOf(normaliseTokens("i have a safety plan")).protective.length // 1
 */
export function contextOf(tokens: readonly string[]) {
  const found = findPhrases(CONTEXT, tokens);
  const sentences = sentenceNumbers(tokens);
  const byKind = (kind: ContextPhrase["kind"]) => found.filter((match) => match.entry.kind === kind);
  const returns = byKind("recurs").some((match) => !deniedRecurrence(tokens, match.start));
  return {
    suppressed: coverage(tokens.length, byKind("suppress")),
    protective: byKind("protective"),
    reported: coverage(tokens.length, byKind("reported")),
    pastSentences: sentencesWith(sentences, byKind("past")),
    settingSentences: sentencesWith(sentences, byKind("setting")),
    selfClarified: byKind("self-clarifier").length > 0,
    sentences,
    negatorEnds: new Set(byKind("negator").map((match) => match.end)),
    pastStarts: new Set(byKind("past-after").map((match) => match.start)),
    resolvedStarts: new Set(byKind("resolved-after").map((match) => match.start)),
    questionSentences: sentencesWith(sentences, byKind("question")),
    recovered: byKind("recovered").length > 0 && byKind("recent").length === 0,
    everyDaySentences: sentencesWith(sentences, byKind("every-day")),
    /** The message says risk is back ("…again", "it's back", "relapsed"). */
    returns,
    /** It is back, or the message names a recent time: nothing in it is then read as past only. */
    recurs: returns || byKind("recent").length > 0,
    everyday: byKind("everyday").length > 0 && byKind("not-everyday").length === 0,
    gameSentences: byKind("real-life").length > 0 ? new Set<number>() : sentencesWith(sentences, byKind("game")),
    sportSentences:
      byKind("real-life").length > 0 || byKind("not-everyday").length > 0
        ? new Set<number>()
        : sentencesWith(sentences, byKind("sport")),
    hyperboleSentences:
      byKind("joke").length > 0 && byKind("not-joking").length === 0
        ? sentencesWith(sentences, byKind("hyperbole"))
        : new Set<number>(),
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

/**
 * The nearest person before a cue; a report's word (essay, film, news) first makes it a report's
 * topic, unless `reports` is false (acts and plans read about are still the writer's: "i've been
 * reading about which pills are deadly").
 */
function subjectBefore(
  tokens: readonly string[],
  start: number,
  reported: Uint8Array,
  reports: boolean,
): "self" | "other" {
  for (let at = start - 1; at >= 0 && at >= start - SUBJECT_REACH; at--) {
    const token = tokens[at] as string;
    if (token === SENTENCE_BREAK) break;
    if (reports && reported[at] === 1) return "other";
    if (FIRST_PERSON.has(token)) return "self";
    if (OTHER_PERSON.has(token)) return "other";
  }
  return "self";
}

/** Whether the writer is named in the few words before a cue, within its sentence ("i know exactly how"). */
function writerBefore(tokens: readonly string[], start: number): boolean {
  for (let at = start - 1; at >= 0 && at >= start - SUBJECT_REACH; at--) {
    const token = tokens[at] as string;
    if (token === SENTENCE_BREAK) return false;
    if (FIRST_PERSON.has(token)) return true;
  }
  return false;
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

/**
 * Words of the past tense that mark a cue as said of the past when the writer says they recovered
 * ("i was suicidal at uni… therapy worked"). Thoughts, wishes and urges only: an act, a plan or means
 * stays live ("i took all my pills. glad i survived" is an overdose now).
 */
const PAST_FORMS: ReadonlySet<string> = new Set(
  "was were wanted tried had felt thought considered attempted overdosed wished spent harmed jumped stood took survived nearly almost".split(
    " ",
  ),
);

/** Whether the cue or the three words before it are in the past tense ("i was suicidal", "i wanted to die"). */
function pastTense(tokens: readonly string[], start: number, end: number): boolean {
  for (let at = Math.max(0, start - 3); at < end; at++) if (PAST_FORMS.has(tokens[at] as string)) return true;
  return false;
}

/** Words of the present tense that, starting a cue or just before it, say it is now ("i want to die", "i am suicidal"). */
const PRESENT_FORMS: ReadonlySet<string> = new Set(
  "am is are want wants wanna feel feels keep keeps will going gonna have has need needs still now do does can cannot".split(
    " ",
  ),
);

const MODALS: ReadonlySet<string> = new Set(["would", "could", "should", "might", "must"]);

/** Whether a cue is said in the present: its first word or one of the two before it is a present form. */
function presentTense(tokens: readonly string[], start: number): boolean {
  for (let at = Math.max(0, start - 2); at <= start; at++) {
    // "would have hurt myself" is a past that did not happen, not a present.
    const counterfactual = tokens[at] === "have" && MODALS.has(tokens[at - 1] as string);
    if (PRESENT_FORMS.has(tokens[at] as string) && !counterfactual) return true;
  }
  return false;
}

/** Words that may stand between a cue and the "no" answering a screener's question about it. */
const ANSWER_FILLERS: ReadonlySet<string> = new Set([
  SENTENCE_BREAK,
  "and",
  "but",
  "honestly",
  "truthfully",
  "i",
  "said",
  "the",
  "my",
  "honest",
  "answer",
  "answers",
  "is",
  "was",
]);
const NO_ANSWERS: ReadonlySet<string> = new Set(["no", "nope", "never", "none"]);
/** What may follow an answer for it to be one: "no.", "no, i don't", "never have" ("no idea", "never told them" are not). */
const AFTER_ANSWER: ReadonlySet<string> = new Set([
  SENTENCE_BREAK,
  "i",
  "not",
  "never",
  "honestly",
  "just",
  "and",
  "but",
  "thanks",
  "thank",
  "have",
  "had",
  "did",
  "do",
  "at",
]);

/**
 * A plain "no" answering the cue: "suicidal, no." (the cue, then "no" ending the sentence), or, in a
 * sentence reporting a screener's question, a "no" after the cue across connecting words only ("my gp
 * asked if i'd had thoughts of ending my life and honestly no", "…harm myself, no i don't").
 */
function answeredNo(tokens: readonly string[], end: number, context: MessageContext, sentence: number): boolean {
  if (tokens[end] === "no" && (tokens[end + 1] ?? SENTENCE_BREAK) === SENTENCE_BREAK) return true;
  if (!context.questionSentences.has(sentence)) return false;
  for (let at = end; at < tokens.length && at <= end + 6; at++) {
    const token = tokens[at] as string;
    if (NO_ANSWERS.has(token)) return AFTER_ANSWER.has(tokens[at + 1] ?? SENTENCE_BREAK);
    if (!ANSWER_FILLERS.has(token)) return false;
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
 * Reads one cue in its sentence: negated or not, past or present, about the writer or not. `tokens`
 * are the normalised words as written (the context is found in them), `lemmas` the same words
 * lemmatised (the cue was found in them); both have one entry per word.
 * @example readMatch(tokens, lemmas, match, contextOf(tokens)).negated
 */
export function readMatch(
  tokens: readonly string[],
  lemmas: readonly string[],
  match: PhraseMatch<Cue>,
  context: MessageContext,
): RiskMatch {
  const { entry, start, end } = match;
  const before = lookBack(tokens, start, end, context);
  // Said of the past: "used to", or a past tense beside a recovery now, or a past time in its sentence
  // unless the cue is said in the present ("years ago i was happy but now i want to die"); never when
  // the message says it is back or names a recent time ("…and i did it again last night").
  const pastMarked =
    before === "past" ||
    (!context.recurs &&
      ((context.recovered && !ACUTE_CUES.has(entry.category) && pastTense(tokens, start, end)) ||
        (!presentTense(tokens, start) &&
          (within(tokens, end, PAST_REACH, (at) => context.pastStarts.has(at)) ||
            context.pastSentences.has(context.sentences[start] as number)))));
  // "I used to want to die, and now I want to again": back, so not past. "Never again" stays past.
  const back =
    lemmas.slice(start, end).includes("again") ||
    within(
      tokens,
      end,
      AGAIN_REACH,
      (at) =>
        (tokens[at] === "again" && !deniedRecurrence(tokens, at)) ||
        (tokens[at] === "back" &&
          (tokens[at - 1] === "coming" || tokens[at - 1] === "come" || tokens[at - 1] === "came")),
    );
  const words = lemmas.slice(start, end);
  // A time, means or a farewell belongs to the message, not to a person in it.
  const namesWriter =
    entry.subject === "self" ||
    UNOWNED.has(entry.category) ||
    words.some((word) => FIRST_PERSON.has(word) || word === "me");
  const acute = ACUTE_CUES.has(entry.category);
  // "Three overdoses came in on my shift": an acute cue at work or in study, naming no one, is the work's.
  const atWork =
    acute && context.settingSentences.has(context.sentences[start] as number) && !writerBefore(tokens, start);
  const sentence = context.sentences[start] as number;
  // "In Minecraft I jumped off a cliff": a game's; "one more meeting and i'll walk into the sea lol": a joke's.
  const pastime = acute && context.sportSentences.has(sentence) && words.some((word) => PASTIME_WORDS.has(word));
  const figurative = context.gameSentences.has(sentence) || context.hyperboleSentences.has(sentence) || pastime;
  const about = figurative
    ? "other"
    : namesWriter || context.selfClarified
      ? "self"
      : atWork
        ? "other"
        : subjectBefore(tokens, start, context.reported, !acute);
  return {
    phrase: words.join(" "),
    category: entry.category,
    negated:
      (before === "negated" && !context.everyDaySentences.has(sentence)) ||
      // "…have gone", unless the message says they are back.
      (resolvedAfter(tokens, end, context) && !context.returns) ||
      answeredNo(tokens, end, context, context.sentences[start] as number),
    past: pastMarked && !back,
    about,
  };
}
