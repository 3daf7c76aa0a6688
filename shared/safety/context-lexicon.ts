/**
 * Words and phrases that change what a risk phrase means: negation, who it is about, whether it is
 * past, figurative uses that cancel it, protective factors, and means or timing that make it urgent.
 * All in normalised form (see `normalise.ts`).
 */

/**
 * A context phrase; `kind` says what it does when found.
 * @example const phrase: ContextPhrase = { pattern: "safety plan", kind: "protective" };
 */
export interface ContextPhrase {
  pattern: string;
  kind: "suppress" | "protective" | "means" | "timing" | "past-after" | "resolved-after" | "negator";
}

const of =
  (kind: ContextPhrase["kind"]) =>
  (...patterns: string[]): ContextPhrase[] =>
    patterns.map((pattern) => ({ pattern, kind }));

const PEOPLE =
  "(therapist|gp|doctor|counsellor|counselor|nurse|care team|key worker|psychiatrist|friend|mum|mom|mam|dad|partner)";

/**
 * Every context phrase: suppressors, protective factors, means, timing, past and negation markers.
 * @example CONTEXT_LEXICON.filter((phrase) => phrase.kind === "protective").length > 0 // true
 */
export const CONTEXT_LEXICON: readonly ContextPhrase[] = [
  // A risk phrase overlapping one of these is figurative or accidental, and is dropped.
  ...of("suppress")(
    "(cut|cutting|burnt|burned|burn|hurt|hit) myself (shaving|chopping|cooking|slicing|peeling|opening|gardening|baking|ironing|by accident|accidentally)",
    "(cut|cutting|burnt|burned|burn|hurt|hit) myself on (a|the|some|my|broken|an)",
    "(hurt|injured) myself (at|playing|doing|running|lifting|in) ",
    "accidentally (cut|burnt|burned|hurt|hit|killed) myself",
    "(nearly|almost) (killed|kill) myself (on|tripping|falling|laughing|in|at|doing|playing|running|with|getting|trying)",
    "(killed|kill|killing) myself laughing",
    "(die|died|dying|dead) (of|from) (embarrassment|shame|boredom|laughter|laughing|cringe|cuteness|happiness|jealousy)",
    "(die|died|dying) laughing",
    "to die for",
    "dying (to|for) (see|go|know|try|meet|get|have|hear|watch|a)",
    "overdosed on (chocolate|sugar|caffeine|coffee|cake|sweets|candy|carbs|netflix|tv|love|easter eggs|pizza|crisps|cheese|christmas|memes)",
    "suicide (squad|doors|door|run|runs|drills|sprints|mission|missions)",
    "drown myself in",
    "shoot myself in the foot",
    "want to live (in|with|at|near|there|abroad|on|alone|together|here|somewhere|by)",
    "(end|ending|ended|finish|finishing) (it|things) with",
  ),
  // Lower a medium score; never lower an explicit intent, plan or attempt below high.
  ...of("protective")(
    "(have|got|think of|thinking of|think about|thinking about) my (kids|children|son|daughter|boys|girls|family|baby|babies|partner|wife|husband|pets|dog|cat|mum|mom|mam)",
    "(safety|crisis) plan",
    `(called|rang|phoned|texted|spoke to|speaking to|talked to|talking to|going to call|will call|reached out to|contacted) (samaritans|the samaritans|988|111|116 123|a helpline|the helpline|the crisis line|the crisis team|my ${PEOPLE})`,
    "i am safe",
    "(getting|got|get|asked for|reached out for|seeking) help",
    "(reasons|reason) to (live|stay|keep going)",
    "(would|will) never act on",
    "(much|lot|lots) better place",
    "(things are|i am|everything is) (doing better|better|getting better|improving) now",
    "(been|was|am) clean (for|since)",
    "(started|starting|on) [my] (meds|medication|antidepressants|therapy|counselling|counseling)",
    `(appointment|session) with my ${PEOPLE}`,
  ),
  // With ideation, these make it urgent: the means to act, or a time to act.
  ...of("means")(
    "(pills|tablets|paracetamol|painkillers|sleeping pills|rope|noose|gun|shotgun|knife|blade|blades|razor|razors|bridge|ligature|bleach|train tracks|railway|cliff|medicine cabinet|vodka)",
  ),
  ...of("timing")("(tonight|tomorrow|this weekend|right now|after work|this evening|in the morning)"),
  // After a risk phrase in the same sentence: it is in the past ("when i was 16"), or over ("have gone").
  ...of("past-after")(
    "when i was (a kid|little|young|younger|a teenager|a teen|at school|in school|<num>)",
    "(years|months) ago",
    "in the past",
    "back then",
    "as a (kid|teen|teenager|child)",
  ),
  ...of("resolved-after")(
    "[i] said no",
    "not (anymore|now|any more)",
    "(have|has|had) (gone|stopped|passed|eased|faded)",
    "(went|gone) away",
    "(are|is) (gone|over|behind me)",
  ),
  // Before a risk phrase, through FILLERS only: "no plans to hurt myself", "no longer suicidal".
  ...of("negator")(
    "not",
    "never",
    "no longer",
    "no (plans|plan|intention|intent|desire|wish|urge|thoughts|thought) [of|to]",
  ),
];

/**
 * Words that may stand between a negator (or "used to") and the phrase it governs: "i do not
 * [really ever] want to die", "i would never [ever] kill myself". Deliberately not "and", "but", "i
 * am not ok i want to die": a negator in an earlier clause must not reach a later one.
 * @example FILLERS.has("really") // true
 */
export const FILLERS: ReadonlySet<string> = new Set(
  "i am is are was were be been being have has had do does did will would could should can might may must shall going to want wanted really ever even actually honestly seriously truly any anything feel feeling like just about of the a so that try trying intend intending plan planning able".split(
    " ",
  ),
);

/**
 * How many filler words a negator may reach across.
 * @example // "i would not ever really want to die": "not" reaches "want to die" across two fillers
 */
export const NEGATION_REACH = 4;

/**
 * Tokens that name the writer, for phrases with no subject of their own.
 * @example FIRST_PERSON.has("me") // true
 */
export const FIRST_PERSON: ReadonlySet<string> = new Set(["i", "me", "my", "myself", "mine"]);

/**
 * Tokens that name someone else: reported risk is medium at most, news and stories low.
 * @example OTHER_PERSON.has("friend") // true
 */
export const OTHER_PERSON: ReadonlySet<string> = new Set(
  "he she they him her them his hers their you your friend friends mate mates bestie boyfriend girlfriend partner husband wife mum mom mam dad brother sister son daughter cousin uncle aunt auntie nan gran grandad grandma grandpa someone somebody people person man woman guy girl boy kid kids child children student students colleague character celebrity patient classmate flatmate roommate".split(
    " ",
  ),
);

/**
 * How far back to look for the person a subjectless phrase is about.
 * @example // "my friend said she wants to die": "she" is two words back
 */
export const SUBJECT_REACH = 6;

/**
 * Laughter marks a second-hand report as likely hyperbole; it never softens the writer's own words.
 * @example isLaughter("hahaha") // true
 */
export function isLaughter(token: string): boolean {
  return (
    token === "lol" ||
    token === "lmao" ||
    token === "lmfao" ||
    token === "rofl" ||
    token === "jk" ||
    token.startsWith("haha") ||
    token.startsWith("hehe")
  );
}
