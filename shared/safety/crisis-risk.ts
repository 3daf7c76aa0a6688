import { ACUTE_CATEGORIES, CSSRS_CATEGORIES, type CssrsCategory, moreSevere } from "../domain/risk-flags";
import { CSSRS_LEXICON, type Cue, type CueKind, RUN_TOGETHER } from "./cssrs-lexicon";
import { lemmatisePattern, lemmatiser, vocabularyOf } from "./lemmatise";
import { contextOf, lookBack, type MessageContext, type RiskMatch, readMatch, touches } from "./match-context";
import { normaliseTokens } from "./normalise";
import { compilePhrases, findPhrases, type PhraseMatch } from "./phrase-matcher";

export type { RiskMatch } from "./match-context";

/**
 * The crisis check: a compositional classifier organised by the C-SSRS screener's categories. The
 * grammar (`cssrs-lexicon.ts`) finds cues — a self-referent (said or implied) with a desire, intent
 * or thought and a death or self-harm target; a method with the writer as its object; preparation;
 * imminence and farewells; an act already done — over lemmatised words; each cue is read in its
 * sentence (`match-context.ts`: negated, past or recovered, about someone else or a story, or an
 * idiom); then the live cues of the message are composed: a time, a place or a farewell beside
 * present risk makes it imminent, named means make ideation a method, a weak preparation counts
 * beside risk. The level is that of the most severe live category: acute categories (behaviour,
 * preparation, imminence, plan, intent, method) are "high"; self-harm, suicidal thoughts, a wish to
 * be dead and hopelessness "medium"; risk that was negated, past or someone else's "low".
 *
 * No NLP library: compromise (142 KB gzip) took ~14 ms a message and 27 s on a 10,000-character
 * one in Node; wink-nlp with its English model (~1 MB gzip, ~150 ms to load) is fast but would add
 * that megabyte to the Worker, which runs this on every message, for lemmas of a vocabulary the
 * grammar confines anyway. `lemmatise.ts` does that in a few lines.
 */

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
 * @example const { score, level, matches, protective, category }: RiskAssessment = assessRisk(text);
 */
export interface RiskAssessment {
  /** 0–100. */
  score: number;
  level: RiskLevel;
  matches: RiskMatch[];
  /** Protective factors named ("i have my kids", "i called samaritans"), normalised. */
  protective: string[];
  /**
   * The most severe C-SSRS category matched, or null when the level is none or low. Acute categories
   * come with "high"; a past attempt the writer has not said they recovered from is "behaviour"
   * at "medium" (a lifetime attempt is a risk factor, not a crisis now).
   */
  category: CssrsCategory | null;
}

const lemma = lemmatiser(vocabularyOf(CSSRS_LEXICON.map((cue) => cue.pattern)));
const CUES = compilePhrases(CSSRS_LEXICON.map((cue) => ({ ...cue, pattern: lemmatisePattern(cue.pattern, lemma) })));

/** Score of each category when it is the most severe one found. */
const CATEGORY_SCORE: Readonly<Record<CssrsCategory, number>> = {
  behaviour: 95,
  imminence: 92,
  preparation: 90,
  plan: 88,
  intent: 85,
  method: 80,
  "suicidal-thoughts": 60,
  "self-harm": 55,
  "wish-to-be-dead": 52,
  hopelessness: 46,
};
const PAST_ATTEMPT_SCORE = 45;
const LOWERED_SCORE = 20;
const EXTRA_CATEGORY = 2;
const PROTECTIVE_RELIEF = 4;
const RUN_TOGETHER_MIN = 8;
/** Ideation that names means becomes a method; hopelessness alone does not (a burden is not a plan). */
const RAISED_BY_MEANS: ReadonlySet<CssrsCategory> = new Set(["intent", "suicidal-thoughts", "wish-to-be-dead"]);

/** Context that alone raises a topic ("low"): a mention of suicide or self-harm, distress. */
const LOW_KINDS: ReadonlySet<Cue["category"]> = new Set(["mention", "distress"]);

const isCategory = (category: Cue["category"]): category is CssrsCategory =>
  (CSSRS_CATEGORIES as readonly string[]).includes(category);
const rank = (category: Cue["category"]): number =>
  isCategory(category) ? CSSRS_CATEGORIES.length - CSSRS_CATEGORIES.indexOf(category) : 0;

/** Reflexives that a self-clarifier ("i mean me") makes the writer's. */
const REFLEXIVES: ReadonlySet<string> = new Set([
  "himself",
  "herself",
  "themselves",
  "themself",
  "yourself",
  "oneself",
]);

/** "iwanttodie", "i w a n t t o d i e" (joined by the normaliser): words run together to dodge a filter. */
function spreadRunTogether(tokens: readonly string[]): string[] {
  const spread: string[] = [];
  for (const token of tokens) {
    const key =
      token.length >= RUN_TOGETHER_MIN && !Object.hasOwn(RUN_TOGETHER, token)
        ? Object.keys(RUN_TOGETHER).find((candidate) => token.includes(candidate))
        : undefined;
    if (key === undefined) spread.push(token);
    else spread.push(...(RUN_TOGETHER[key] as string).split(" "));
  }
  return spread;
}

/**
 * The cues worth reading: every match not lying inside a longer one, and a shorter one inside a
 * longer one only when it is more severe ("think about" around "hang myself" stays a method).
 */
function relevant(found: readonly PhraseMatch<Cue>[]): PhraseMatch<Cue>[] {
  const ordered = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PhraseMatch<Cue>[] = [];
  let container: PhraseMatch<Cue> | null = null;
  for (const match of ordered) {
    if (container !== null && match.end <= container.end) {
      if (rank(match.entry.category) > rank(container.entry.category)) kept.push(match);
      continue;
    }
    kept.push(match);
    container = match;
  }
  return kept;
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
  return context.protective
    .filter((match) => lookBack(tokens, match.start, match.end, context) !== "negated")
    .map((match) => tokens.slice(match.start, match.end).join(" "));
}

/** Cues an everyday reason explains: goodbyes, giving things away, putting affairs in order. */
const EVERYDAY_EXPLAINED: ReadonlySet<RiskMatch["category"]> = new Set(["preparation", "farewell", "prep-weak"]);
/** Means named in a preparation ("bought the rope"): a move does not explain those. */
const MEANS_WORDS: ReadonlySet<string> = new Set(
  "rope pill tablet med medication gun rifle shotgun knife blade razor charcoal hose hosepipe poison ligature noose".split(
    " ",
  ),
);
/** Cues that say nothing of risk alone, and so leave an everyday reason standing. */
const NEUTRAL_KINDS: ReadonlySet<RiskMatch["category"]> = new Set(["timing", "place", "place-at"]);

/**
 * "Said goodbye to everyone at work today, moving to Perth!": with an everyday reason in the message
 * (a move, a last day, a retirement), goodbyes and giving away are not preparation, as long as they are
 * all the message says; beside any other sign of risk (distress, means, a wish to die) they all count.
 */
function everydayReasons(live: readonly RiskMatch[], context: MessageContext): readonly RiskMatch[] {
  if (!context.everyday) return live;
  const explained = (match: RiskMatch) =>
    EVERYDAY_EXPLAINED.has(match.category) && !match.phrase.split(" ").some((word) => MEANS_WORDS.has(word));
  if (!live.every((match) => explained(match) || NEUTRAL_KINDS.has(match.category))) return live;
  return live.filter((match) => !explained(match));
}

/** The C-SSRS categories the live cues make together, beyond those each names alone. */
function compose(live: readonly RiskMatch[], pastAttempt: boolean): Set<CssrsCategory> {
  const categories = new Set<CssrsCategory>();
  const kinds = new Map<CueKind, number>();
  for (const match of live) {
    if (isCategory(match.category)) categories.add(match.category);
    else kinds.set(match.category, (kinds.get(match.category) ?? 0) + 1);
  }
  // Two kinds of distress together ("i'll never be happy, what's the point") speak of hopelessness.
  if ((kinds.get("distress") ?? 0) >= 2) categories.add("hopelessness");
  const risk = categories.size > 0;
  const distressed = risk || kinds.has("distress");
  const prepWeak = kinds.get("prep-weak") ?? 0;
  if (prepWeak >= 2 || (prepWeak > 0 && (distressed || kinds.has("means")))) {
    categories.add("preparation");
  }
  if (kinds.has("plan-weak") && (distressed || kinds.has("means") || prepWeak > 0)) categories.add("plan");
  const place = kinds.has("place") || kinds.has("place-at");
  if (place && (distressed || kinds.has("means"))) categories.add("imminence");
  if (kinds.has("place-at") && kinds.has("timing")) categories.add("imminence");
  // A goodbye with risk, means or a place; a last apology with a goodbye or another apology.
  const apologies = kinds.get("apology") ?? 0;
  if (kinds.has("farewell") && (distressed || kinds.has("means") || place || apologies > 0)) {
    categories.add("imminence");
  }
  if (apologies > 0 && (distressed || apologies >= 2 || kinds.has("timing"))) categories.add("imminence");
  if ((kinds.has("intent-weak") || kinds.has("intent-hint")) && distressed) categories.add("intent");
  if (kinds.has("timing") && risk) categories.add("imminence");
  if (kinds.has("means") && [...categories].some((category) => RAISED_BY_MEANS.has(category))) {
    categories.add("method");
  }
  if (pastAttempt && kinds.has("try-again")) categories.add("intent");
  const means = kinds.has("means");
  const intentWeak = kinds.has("intent-weak") || kinds.has("intent-hint");
  const intentFirm = kinds.has("intent-weak");
  const timing = kinds.has("timing");
  // A weak plan made firm by intent, a time or a preparation ("the how is figured out. the when is soon").
  if (kinds.has("plan-weak") && intentWeak) categories.add("plan");
  // Two weak signs of intent together ("because i've decided. it'll all be over by the weekend"), or one
  // beside a weak preparation ("what time does the last train come through… i'm not getting on it").
  // Hints count with a firmer sign or the topic named ("suicide. my choice. final."), not with each other.
  const hints = kinds.get("intent-hint") ?? 0;
  if ((kinds.get("intent-weak") ?? 0) + (intentFirm ? hints : 0) >= 2) categories.add("intent");
  if (hints > 0 && kinds.has("mention")) categories.add("intent");
  if (intentWeak && prepWeak > 0) categories.add("preparation");
  if (kinds.has("plan-set") && (intentWeak || timing || distressed || means || prepWeak > 0)) categories.add("plan");
  // A place or a goodbye beside "i'm ready", "doing it now": imminent.
  if ((place || kinds.has("farewell") || apologies > 0) && intentWeak) categories.add("imminence");
  if (place && apologies > 0) categories.add("imminence");
  // Named means the writer dwells on or can reach ("the belt… i keep looking at it", "i know where the key is").
  if (means && (kinds.has("fixation") || kinds.has("access"))) categories.add("method");
  // Intent beside a time ("it's happening tonight", "gonna do it on my birthday") is imminent intent.
  if (intentFirm && timing) categories.add("intent");
  // Intent beside named means ("i'll take them, all, and not wake"): a method.
  if (intentFirm && means) categories.add("method");
  // A place beside an act that prepares ("on the platform. trains every 10 min").
  if (place && prepWeak > 0) categories.add("preparation");
  // Named means with distress and a time or a place ("3am. the knife block. im not scared anymore").
  if (means && kinds.has("distress") && (timing || place)) categories.add("imminence");
  // Someone else's medicine taken or hidden, with a time ("got my mum's sleeping tablets… tonight").
  if (kinds.has("access") && timing) categories.add("preparation");
  // "relapsed. razor.": self-harm back.
  if (kinds.has("relapse") && (means || kinds.has("mention"))) categories.add("self-harm");
  return categories;
}

/**
 * Crisis risk in a message, scored 0–100, on the device or in the Worker before any model sees it,
 * with the most severe C-SSRS category matched. Pure, linear in the length of the text (the
 * grammar is walked once per word; cues are composed per message); never throws.
 * @example assessRisk("i want to kill myself tonight").level // "high"
 * @example assessRisk("i would never kill myself").level // "low"
 * @example assessRisk("this exam is killing me").level // "none"
 * @example assessRisk("i've been saving up my tablets").category // "preparation"
 */
export function assessRisk(text: string): RiskAssessment {
  const written = spreadRunTogether(normaliseTokens(typeof text === "string" ? text : ""));
  const context = contextOf(written);
  // "she is going to kill herself. she meaning me": the one spoken of is the writer.
  const tokens = context.selfClarified ? written.map((token) => (REFLEXIVES.has(token) ? "myself" : token)) : written;
  const lemmas = tokens.map(lemma);
  const found = relevant(findPhrases(CUES, lemmas)).filter((match) => !touches(context.suppressed, match));
  const matches = found.map((match) => readMatch(tokens, lemmas, match, context));

  // Two weak signs of intent read from the same words ("i'm going to do it" and "do it myself") are one.
  let weakEnd = -1;
  const echoes = found.map((match) => {
    if (match.entry.category !== "intent-weak" && match.entry.category !== "intent-hint") return false;
    const echo = match.start < weakEnd;
    weakEnd = Math.max(weakEnd, match.end);
    return echo;
  });
  const live = everydayReasons(
    matches.filter((match, at) => !match.negated && !match.past && match.about === "self" && !echoes[at]),
    context,
  );
  const pastAttempt = matches.some(
    (match) => match.category === "behaviour" && match.past && !match.negated && match.about === "self",
  );
  const protective = protectiveFactors(tokens, context);
  const categories = compose(live, pastAttempt);

  let category: CssrsCategory | null = null;
  for (const found of categories) category = moreSevere(category, found);

  let score = 0;
  if (category !== null) {
    const acute = ACUTE_CATEGORIES.has(category);
    score = CATEGORY_SCORE[category] + EXTRA_CATEGORY * (categories.size - 1);
    if (!acute) {
      // Protective factors speak to ideation, and never take it below medium (a miss costs more).
      score -= PROTECTIVE_RELIEF * Math.min(protective.length, 2);
      score = Math.min(Math.max(score, RISK_THRESHOLDS.medium), RISK_THRESHOLDS.high - 1);
    }
  } else if (pastAttempt && protective.length === 0 && !context.recovered) {
    category = "behaviour";
    score = PAST_ATTEMPT_SCORE;
  } else if (matches.some((match) => isCategory(match.category) || LOW_KINDS.has(match.category))) {
    // Risk named but negated, past, someone else's, or only a mention or distress: a topic raised.
    score = LOWERED_SCORE;
  }

  score = Math.round(Math.min(100, Math.max(0, score)));
  const level = levelOf(score);
  return { score, level, matches, protective, category: level === "high" || level === "medium" ? category : null };
}

/** How many of the patient's most recent turns are read together. */
export const CONVERSATION_TURNS = 3;

/** The longest turn (in words) that a leading gerund makes a continuation of the one before. */
const FRAGMENT_MAX = 4;

/** Words that open a sentence of its own: a short turn starting with one is not a fragment. */
const OPENERS: ReadonlySet<string> = new Set(
  "i we you he she they it my our your this that these those there what how why when where who yes no ok okay thanks thank hi hello hey sorry please so but and well".split(
    " ",
  ),
);

/** A turn that opens with one of these carries on the one before it ("i want to die" / "of embarrassment lol"). */
const CONTINUATIONS: ReadonlySet<string> = new Set(
  "of from for with at in on to out because cause cos like lol lmao haha hahaha jk kidding joking as".split(" "),
);

/** Gerunds of a pastime that carry on the turn before at any length ("on the bridge" / "taking photos of the sunset"). */
const PASTIMES: ReadonlySet<string> = new Set(
  "taking watching enjoying admiring filming photographing walking fishing waiting sightseeing painting sketching".split(
    " ",
  ),
);

/** The turn as a continuation of the one before, or null: "i mean at this party" → "at this party". */
function continuation(turn: string): string | null {
  const words = normaliseTokens(turn);
  let at = 0;
  if (words[0] === "i" && (words[1] === "mean" || words[1] === "meant")) at = 2;
  // "i mean me": a clarification of who, kept whole so it is read as one.
  if (at === 2 && (words[2] === "me" || words[2] === "myself") && words.length === 3) return words.join(" ");
  const first = words[at];
  // A short fragment that does not open a sentence of its own ("shaving lol", "tonight", "all of
  // them", "myself") finishes the turn before it.
  const fragment =
    first !== undefined &&
    ((first.endsWith("ing") && (words.length <= FRAGMENT_MAX || PASTIMES.has(first))) ||
      (words.length <= FRAGMENT_MAX - 1 && !OPENERS.has(first)));
  if (first === undefined || !(CONTINUATIONS.has(first) || at === 2 || fragment)) return null;
  return words.slice(at).join(" ");
}

/**
 * Words that name the act or the writer: a later idiom with them ("killing myself laughing") does
 * not redefine an earlier "i want to kill myself"; only a place's or a thing's name can be redefined.
 */
const ACT_WORDS: ReadonlySet<string> = new Set(
  "myself kill killing killed die dying died dead death suicide suicidal hurt hurting harm harming cutting ending want wanna going gonna".split(
    " ",
  ),
);

/** Words of four letters or more that the turn uses inside an idiom or benign phrase ("bridge club"). */
function benignWords(turn: string): Set<string> {
  const tokens = normaliseTokens(turn);
  const suppressed = contextOf(tokens).suppressed;
  return new Set(tokens.filter((token, at) => suppressed[at] === 1 && token.length >= 4 && !ACT_WORDS.has(token)));
}

/** Words after which a last turn retracts the turns before as being about a story or a harmless thing. */
const RETRACTIONS: ReadonlySet<string> = new Set(["meant", "mean", "talking", "referring", "about"]);
const RETRACTED_TO: ReadonlySet<string> = new Set(
  "film movie show series episode book song album game ending character video meme tiktok play exam vitamins multivitamins supplements".split(
    " ",
  ),
);

/**
 * Whether the last turn says the turns before were about a story or a harmless thing ("no no i meant
 * the film", "vitamins lol"): one of those words within its first few words, after "i meant" or alone.
 */
function retracts(turn: string): boolean {
  const words = normaliseTokens(turn).slice(0, 8);
  const at = words.findIndex((word) => RETRACTED_TO.has(word));
  if (at < 0) return false;
  return at === 0 || words.slice(0, at).some((word) => RETRACTIONS.has(word));
}

/** The turns without those whose every risk cue the last turn redefines in a benign sense. */
function redefinedAway(turns: readonly string[]): string[] {
  const words = benignWords(turns.at(-1) ?? "");
  if (words.size === 0) return [...turns];
  return turns.filter((turn, at) => {
    if (at === turns.length - 1) return true;
    const risky = assessRisk(turn).matches.filter((match) => !LOW_KINDS.has(match.category));
    return !(risky.length > 0 && risky.every((match) => match.phrase.split(" ").some((word) => words.has(word))));
  });
}

/**
 * Crisis risk in the patient's last few turns (the last {@link CONVERSATION_TURNS}, oldest first),
 * read together: a message split over turns ("i've been saving up my pills" / "tonight's the
 * night") is read as one, a turn that carries on the one before ("i want to die" / "of
 * embarrassment lol") is joined to it so an idiom reads as one, and the result is never lower than
 * the last turn alone. An earlier idiom does not taint a later turn: idioms are cancelled where
 * they stand.
 * @example assessConversation(["i have been saving my tablets", "tonight is the night"]).level // "high"
 */
export function assessConversation(turns: readonly string[]): RiskAssessment {
  const recent = (Array.isArray(turns) ? turns : [])
    .slice(-CONVERSATION_TURNS)
    .map((turn) => (typeof turn === "string" ? turn : ""));
  const last = assessRisk(recent.at(-1) ?? "");
  if (recent.length < 2) return last;
  // An earlier turn whose risk word the last turn redefines in a benign sense ("on my way to the
  // bridge" / "the bridge club i mean") is read as that sense: it is left out of the join.
  const harmless = last.level === "none" || last.level === "low";
  if (harmless && retracts(recent.at(-1) ?? "")) return last;
  const kept = harmless ? redefinedAway(recent) : recent;
  if (kept.length < 2) return last;
  let joined = kept[0] as string;
  for (const turn of kept.slice(1)) {
    const carried = continuation(turn);
    joined = carried === null ? `${joined}\n${turn}` : `${joined} ${carried}`;
  }
  const together = assessRisk(joined);
  return together.score >= last.score ? together : last;
}
