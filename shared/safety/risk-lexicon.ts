/**
 * Weighted risk phrases, written in the phrase language of `phrase-matcher.ts` over normalised text
 * ("do not", never "don't"). Weights are on the 0–100 scale of `assessRisk`: at or above 70 is high,
 * 40 medium, 15 low.
 *
 * Who the phrase is about: `self` phrases name the writer ("kill myself"); `other` phrases name
 * someone else ("kill herself"); `any` phrases have no subject of their own ("want to die", "suicidal")
 * and take it from the nearest person before them, defaulting to the writer, because a missed crisis
 * costs more than a false alarm.
 */

/**
 * What a phrase says. Intent, plan, attempt and self-harm by the writer are the critical ones.
 * @example const category: RiskCategory = "passive";
 */
export type RiskCategory =
  | "intent"
  | "plan"
  | "attempt"
  | "self-harm"
  | "passive"
  | "burden"
  | "hopelessness"
  | "urge"
  | "past-attempt"
  | "other-at-risk"
  | "distress"
  | "mention";

/**
 * One entry of the lexicon.
 * @example const entry: RiskPhrase = { pattern: "kill myself", weight: 85, category: "intent", subject: "self" };
 */
export interface RiskPhrase {
  pattern: string;
  weight: number;
  category: RiskCategory;
  subject: "self" | "other" | "any";
}

/**
 * Categories that, said by the writer and not negated, are high whatever else the message says.
 * @example CRITICAL_CATEGORIES.has("plan") // true
 */
export const CRITICAL_CATEGORIES: ReadonlySet<RiskCategory> = new Set(["intent", "plan", "attempt", "self-harm"]);

const phrases =
  (category: RiskCategory, weight: number, subject: RiskPhrase["subject"]) =>
  (...patterns: string[]): RiskPhrase[] =>
    patterns.map((pattern) => ({ pattern, weight, category, subject }));

const PILLS =
  "(pills|tablets|paracetamol|painkillers|meds|medication|sleeping pills|antidepressants|co codamol|codeine|ibuprofen|aspirin|tylenol|acetaminophen|sertraline|fluoxetine|citalopram|mirtazapine|amitriptyline|quetiapine|lithium|diazepam|tramadol|insulin|propranolol)";
const LOTS =
  "(<many>|a load of|loads of|lots of|a lot of|a handful of|handfuls of|a bunch of|a bottle of|a box of|a packet of|a pack of|a strip of)";
const KILL_SELF =
  "(kill|killing|killed|kills|unalive|top|topping|topped|neck|necking|off|offing|end|ending|hang|hanging|hanged|hung|shoot|shooting|drown|drowning|poison|poisoning|gas|gassing|suffocate|suffocating|stab|stabbing|electrocute)";
const TO_DIE =
  "(die|be dead|unalive|overdose|end it|end it all|end my life|end things|not be here|not be alive|not exist|stop existing|kill myself)";
// Not "going": "i am going to die" is nearly always panic or hyperbole; "going to end it" is listed below.
const INTENDS = "(want|wants|wanted|ready|planning|plan|decided|deciding|trying|try|need|needs|intend|tempted)";
const PLACE_HIGH =
  "(bridge|roof|building|cliff|balcony|car park|multi storey|tower block|flyover|overpass|motorway bridge)";
const PLACE_NOW = "(bridge|edge|roof|cliff|tracks|railway|railway line|platform|ledge|balcony)";
const VEHICLE = "(train|bus|car|lorry|truck|tube|van)";
const OTHER_SELF = "(himself|herself|themselves|themself)";

/**
 * Every risk phrase, by category, heaviest first within each.
 * @example RISK_LEXICON.some((entry) => entry.pattern === "suicidal") // true
 */
export const RISK_LEXICON: readonly RiskPhrase[] = [
  ...phrases("intent", 85, "self")(
    `${KILL_SELF} myself`,
    "(take|taking|took|end|ending|ended) my [own] life",
    "(kill|end) my self",
    "(not|never) feel safe (with|around|by) myself",
    "can not keep myself safe",
    "not (think|sure) i can (keep myself|stay|be) safe",
    "(suicide|death|dying|killing myself) is the only (way out|option|answer|way|choice)",
    "(urge|urges) to (kill myself|die|end it|end my life)",
    "(want|going|need) to (hurt|harm|cut|burn) myself",
    "(want|going|need) to cut (tonight|again|deep|deeper)",
    "unalive me",
  ),
  ...phrases("intent", 85, "any")(
    `${INTENDS} to ${TO_DIE}`,
    "ready to die",
    "going to (be dead|unalive|overdose|end it|end it all|end my life|end things|not be here|not be alive)",
    "(will|ill|i will) be (dead|gone) (by|before|tomorrow|tonight|soon|in the morning)",
    "end it all",
    "ending it (all|tonight|today|now|soon|this weekend)",
    "commit suicide",
    "committing suicide",
    "(not|no longer|never) [even|really] want to (live|be alive) [anymore]",
    "not * want to (live|be alive)",
    "suicidal",
    "(thinking|think|thought|thoughts|considering|consider) (about|of) (suicide|ending it|ending it all|ending my life)",
    "considering suicide",
    "(will not|not going to) be (here|around|alive) (tomorrow|much longer|for much longer|next week|by morning|in the morning)",
  ),
  ...phrases("plan", 90, "any")(
    "(plan|plans|planning|planned) (to|on) (die|end it|end it all|end my life)",
    "(plan|plans|planning|planned) on (dying|ending it|ending it all|ending my life|killing myself|ending things)",
    "(planning|planned|plan) (how|when|where) (to|i will|i am going to) do it",
    `(saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|stashing|stashed) [up] (my|the|all my|enough|some) ${PILLS}`,
    `${PILLS} [all] (ready|lined up|counted out)`,
    "(rope|noose|gun) [is] ready",
    "take (them|the pills|the tablets) all at once",
    `(take|taking|swallow|swallowing) (all|the rest) (my|the|of my|of the) ${PILLS}`,
    `how many [of] [my|the] ${PILLS} (would it take|does it take|it takes|it would take|to die|to kill|would kill|will kill|is lethal|is fatal|are lethal|are fatal|would i need)`,
    "(looking up|looked up|googling|googled|searching|searched|researching|researched) (ways|how|methods) to (die|kill myself|end it|end my life|overdose)",
    "(painless|easiest|quickest|best|quick|easy|fastest|surest|least painful|most painless) (way|ways|method|methods) to (die|kill myself|end it|end my life|commit suicide)",
    `(jump|jumping|jumped) (off|from) (the|a|that|my|this|our) ${PLACE_HIGH}`,
    `(on|at) the ${PLACE_NOW} (now|right now)`,
    `(swallow|swallowing|swallowed|take|taking|took) everything (in|from) (the|my) (medicine|bathroom|first aid) (cabinet|cupboard|box|drawer)`,
    "(keep|kept|been|am|sat|sitting|keep on) (looking|staring) at (the|a|my|all my|all the) (rope|noose|pills|tablets|knife|blade|blades|gun|razor|bridge)",
    `(jump|jumping|jumped|step|stepping|stepped|walk|walking|lie down|lying down) in front of (a|the) ${VEHICLE}`,
    "(throw|throwing|threw) myself (off|from|under|in front of)",
    "(crash|crashing|crashed|drive|driving) my car (on purpose|into)",
    "(drive|driving) into (a|the) (wall|tree|lorry|truck|river|sea)",
    "(drive|driving|drove|crash|crashing) (off|into) (the road|a bridge|a cliff|a wall|a tree|the river|oncoming traffic)",
    "(slit|slitting|slash|slashing|cut|cutting) my (wrists|wrist|throat)",
    "(use|using) (it|the gun|the knife) on myself",
    "suicide (note|letter|plan)",
    "goodbye (note|letter|letters)",
    "know (how|when|where|exactly how) i am going to do it",
    "know [exactly] how i (would|will) do it",
    "(after|when) i am (gone|dead)",
    "(given|giving|gave) away (my|all my) (stuff|things|belongings|possessions)",
    "(said|saying|say) goodbye to (everyone|everybody|all of you|my family|my friends)",
    "this is goodbye",
    "goodbye forever",
    "(this|that) is my last (message|night|day)",
    `edge of (the|a) ${PLACE_HIGH}`,
  ),
  // Vague on their own, and high with a time ("doing it tonight") or the means ("...with it", and a rope).
  ...phrases("plan", 55, "self")(
    "know what i am going to do [with it]",
    "(going to do|doing|do) it (tonight|tomorrow|today|right now|now|this weekend|soon)",
    "[my] mind is made up",
    "(nobody|no one) (can|will|is going to|could) stop me",
  ),
  ...phrases("plan", 55, "any")("(bought|ordered|buying|ordering) (a|some|the) (rope|noose|ligature)"),
  ...phrases("plan", 30, "any")("(want|going|need|will) to try again"),
  // A past attempt is the strongest risk factor there is: it raises whatever else is said now.
  ...phrases(
    "past-attempt",
    45,
    "self",
  )(
    "(attempted|tried) (before|once before|in the past|last year|a few times)",
    "(my|a|the) (last|previous|first|second) attempt",
  ),
  ...phrases("attempt", 90, "any")(
    "(took|taken|take|taking) an overdose",
    "overdosed",
    `(tried|try|trying|attempted) to (${TO_DIE.slice(1, -1)}|kill|hang|drown|poison|gas|suffocate|take my life|take my own life|jump|commit suicide)`,
    "attempted suicide",
    `(swallowed|took|taken|downed|swallow|take) ${LOTS} [of] [my|the] ${PILLS}`,
    "(swallowed|took|taken|downed) (a|the) (whole|full|entire) (packet|box|bottle|pack|strip)",
    `(swallowed|took|taken|downed) (all|the rest) of (my|the) ${PILLS}`,
    `(vodka|alcohol|booze|whisky|whiskey|wine|gin|rum|beer|cans) and (all|loads of|a load of|a lot of|all of) (my|the) ${PILLS}`,
  ),
  ...phrases("attempt", 75, "any")(`(took|taken|swallowed) too many ${PILLS}`),
  ...phrases("self-harm", 80, "self")(
    "(cut|cutting|cuts) myself",
    "(cut|cutting|slashed|slashing|sliced) my (arms|arm|legs|leg|wrists|thighs|thigh|stomach|skin|body|hips)",
    "(cut|burned|burnt|burn|hurt|hit|scratched|bit|starved|harmed) myself * on purpose",
    "(burned|burnt|burn|burning) myself with (a|my) (lighter|cigarette|match|matches)",
    "relapsed (and cut|on self harm|with self harm|and hurt myself|and self harmed)",
    "cut (deep|deeper)",
  ),
  // The noun alone is often a topic ("asked me about self harm"); the verb is an act.
  ...phrases("self-harm", 80, "any")(
    "(i|still|currently) (self harm|self injure)",
    "(been|am|is|was|are|started|keep|still|currently) (self harming|self injuring)",
    "(i|have|has|had|just) self harmed",
    "self (harmed|injured) (again|today|tonight|last night|yesterday|this morning|earlier)",
    "self harming again",
  ),
  ...phrases("self-harm", 45, "any")("self harm", "self harming", "self harmed", "self injury", "self injuring"),
  ...phrases("mention", 20, "any")("(about|on|of|around|regarding|into) (self harm|self injury)"),
  ...phrases("self-harm", 50, "self")(
    "(burned|burnt|burning) myself",
    "(hitting|hit|punching|punched|scratching|scratched|biting|bashing|banging) myself",
    "(starve|starving) myself",
    "(cuts|scars|wounds|marks) on my (arms|arm|legs|leg|wrists|thighs|stomach)",
    "(picking|scratching|pulling|biting|cutting|hitting) * until (it|they|i) (bleeds|bleed|bled|bleeding)",
  ),
  ...phrases("self-harm", 40, "self")("(hurt|hurting) myself"),
  ...phrases("passive", 55, "self")(
    "(wish|wishing|hope|hoping) i (was|were|am) dead",
    "(wish|wishing|hope|hoping) i (could|would|will|might) die",
    "hope i die",
    "rather be dead",
  ),
  ...phrases("passive", 55, "any")("better off dead"),
  ...phrases("passive", 50, "self")(
    "(sleep|go to sleep|fall asleep) and (never|not) wake up",
    "wish i (would not|did not|could not|never|will not|do not) wake up",
    "hope i (do not|never|will not|would not) wake up",
    "(wish|wishing) i (had|was|were) never born",
    "never been born",
    "wish i (did not|could not) exist",
    "disappear forever",
    "want to [go to] sleep forever",
    "waiting to die",
    "hope (the|my) (plane|car|bus|train|flight) crashes",
    "waste of (space|oxygen|air|a life)",
    "deserve (a|someone) better (mum|mom|dad|parent|partner|friend|daughter|son|wife|husband|girlfriend|boyfriend) than me",
    "hope (something|someone|a car|a bus|it) (kills|hits) me",
    "hope i get (hit|run over)",
    "(would not|do not) mind if i (got hit|died|did not wake up|never woke up|was hit|got run over|was dead)",
    "(do not|would not|could not) care (if|whether) i (live|die|lived|died|was dead|wake up)",
    "(life|living) (is not|is never) worth (living|it)",
    "not worth living",
    "(what is|where is) the point (of|in) (living|life|being alive|going on)",
    "(what is|where is) [even] the point anymore",
    "not want to be (here|around) anymore",
    "not want to live like this",
    "want (the pain|it all|everything|this|it) to (stop|end)",
    "want (it|everything) to be over",
    "do (something|anything) stupid",
    "(giving|give|given) up on (life|living)",
  ),
  ...phrases("passive", 50, "any")(
    "(not|never) want to (wake up|exist)",
    "stop existing",
    "(tired|sick) of (living|being alive|life|existing|being here)",
  ),
  ...phrases("passive", 45, "any")(
    "want to disappear",
    "(thinking|think|thought|thoughts) (about|of) (death|dying|being dead)",
    "dark thoughts",
    "rather die",
  ),
  ...phrases("burden", 55, "self")(
    "(better off|happier|easier|better) without me",
    "(better off|happier|easier|better) [for everyone|for everybody|for them|for my family|for you all] if i [just] (was not here|was not around|were not here|were not around|was gone|were gone|was dead|were dead|was not alive|was never born|disappeared|died|left|went away|did not exist|never existed)",
    "(no one|nobody) would [even] (notice|care|miss me|mind) if i",
    "(no one|nobody) (cares|would care) if i (live|die|lived|died|was gone)",
    "(no one|nobody) would miss me",
  ),
  ...phrases(
    "burden",
    50,
    "self",
  )(
    "(am|feel like|such|just|being) a burden",
    "burden (to|on) (everyone|my family|them|people|you|my friends|everybody)",
  ),
  ...phrases("hopelessness", 50, "self")(
    "(can not|do not) see (a|any) way out",
    "no way out",
    "(giving|give|given) up on everything",
  ),
  ...phrases("hopelessness", 45, "self")(
    "no point (to|in) (anything|life|living|trying|going on|anything anymore)",
    "no point anymore",
    "nothing (will|is going to) ever (get|be) better",
    "not see (a|any) future",
    "can not (go on|carry on|keep going) [like this|anymore|any longer]",
    "not (think|sure|know if) i can (go on|carry on|keep going|do this anymore)",
    "how [much] longer i can (keep going|go on|do this|cope|hold on)",
  ),
  ...phrases(
    "urge",
    45,
    "self",
  )(
    "(urge|urges) to (cut|self harm|hurt myself|burn|harm myself|burn myself|cut myself)",
    "(urge|urges) (are|is) (back|coming back|getting worse|getting stronger|really strong|so strong|strong)",
  ),
  ...phrases("other-at-risk", 45, "other")(
    `(want|wants|wanted|going|trying|tried|threatening|threatened|planning|plans) to (kill|hang|hurt|harm|cut|shoot) ${OTHER_SELF}`,
    `(would|will|might) (kill|hang|hurt|harm) ${OTHER_SELF}`,
    `(talking|talks|talked|thinking|thinks|thought) about (killing|hurting|harming|cutting) ${OTHER_SELF}`,
    `(cut|cuts|cutting|harm|harms|harming|hurt|hurts|hurting|burn|burns|burning|starving) ${OTHER_SELF}`,
  ),
  ...phrases(
    "mention",
    25,
    "other",
  )(`(kill|kills|killed|killing|hanged|shot) ${OTHER_SELF}`, "(took|take|taken|takes|taking) (his|her|their) own life"),
  ...phrases("distress", 35, "self")("can not do this anymore"),
  ...phrases("distress", 30, "any")("hopeless", "can not take (it|this|anymore)", "relapsed"),
  ...phrases("distress", 25, "self")("can not cope", "hate my life", "hate myself", "feel trapped", "worthless"),
  ...phrases("distress", 20, "any")(
    "feel [really|so|very|pretty|quite|super] (low|down|depressed|empty|numb|alone|lonely|awful|terrible|shit|rubbish|crap)",
    "depressed",
    "(so|very|really) (alone|lonely)",
    "(am|feeling|been|so) [really|so|very|pretty|quite] (low|down|depressed)",
    "falling apart",
  ),
  ...phrases(
    "distress",
    18,
    "self",
  )("scared of (dying|death)", "(thought|think|felt like|feel like) i (was|am) (going to die|dying)"),
  ...phrases("mention", 18, "any")("suicide", "suicides", "overdose", "assisted dying", "unalive"),
];

/**
 * Risk phrases as they look with the spaces taken out ("iwanttodie", or "i w a n t t o d i e" once the
 * normaliser joins single letters). Found inside a longer run-together word, never across words, so
 * "want to diet" is not "want to die".
 * @example RUN_TOGETHER.map((entry) => entry.pattern).includes("wanttodie") // true
 */
export const RUN_TOGETHER: readonly RiskPhrase[] = [
  "wanttodie",
  "wannadie",
  "killmyself",
  "killingmyself",
  "endmylife",
  "takemyownlife",
  "hangmyself",
  "unalivemyself",
  "suicidal",
  "betteroffdead",
].map((pattern) => ({ pattern, weight: 85, category: "intent", subject: "self" }));
