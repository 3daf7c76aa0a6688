import type { CssrsCategory } from "../domain/risk-flags";

/**
 * The crisis check's grammar, by the C-SSRS screener's categories. Each cue is a small composition
 * of slots — a desire, intent or thought; a death or self-harm target with the writer as its object;
 * a method, means, preparation, time or farewell — written in the phrase language of
 * `phrase-matcher.ts` over lemmatised, normalised words (`lemmatise.ts`: "saving" → "save",
 * "am/was" → "be", "tablets" → "tablet"; past forms such as "took" are kept, because whether a thing
 * was done already is what makes it recent behaviour). A slot is a macro shared by many cues, so a
 * new verb of wanting or a new method reaches every frame that uses it.
 *
 * Cues name their C-SSRS category, or a context `kind` that only counts with others (crisis-risk.ts
 * composes them): a time ("tonight") or a place ("on the bridge") makes present risk imminent, named
 * means make ideation a method, a weak preparation ("i picked a date") needs risk beside it.
 */

/**
 * What a cue signals: a C-SSRS category on its own, or a context that counts only with others.
 * - `timing`: now, tonight, by morning; `place-at`: on a bridge, a roof, the tracks (now, with a time,
 *   it is imminent); `place`: on the way to one; `plan-weak`: "i have a plan", a plan beside risk;
 * - `means`: lethal means named (tablets, a rope, a gun); `farewell`: a goodbye, thanks for everything;
 * - `intent-weak`: "i'm finally going to do it": intent beside distress or other risk;
 * - `apology`: a last apology or love ("sorry for everything", "i love you all"): a farewell with another;
 * - `prep-weak`: an act that prepares only beside risk ("i picked a date", "took them all");
 * - `distress`: not risk alone ("i can't do this anymore", "hopeless"): low, but it lets the others count;
 * - `mention`: the topic named with no frame (suicide, self-harm, an overdose): low.
 * - `try-again`: "i want to try again", which is intent beside a past attempt.
 * - `fixation`: dwelling on a thing ("i keep looking at it", "thinking about drinking it", "that would
 *   do it"): a method beside named means;
 * - `access`: access to means ("i know where the key is"): a method beside named means;
 * - `plan-set`: a plan said to be settled ("the how is figured out", "plan's made"): a plan beside a
 *   time, intent or distress;
 * - `relapse`: "relapsed", "slipped up": self-harm beside a blade or a mention of self-harm.
 */
export type CueKind =
  | "timing"
  | "intent-weak"
  | "place"
  | "place-at"
  | "plan-weak"
  | "means"
  | "farewell"
  | "apology"
  | "prep-weak"
  | "distress"
  | "mention"
  | "try-again"
  | "fixation"
  | "access"
  | "relapse"
  | "plan-set";

/**
 * One cue of the grammar. `subject`: `self` when the cue itself names the writer ("kill myself"),
 * `any` when the writer is implied and read from the words before it.
 * @example const cue: Cue = { pattern: "hang myself", category: "method", subject: "self" };
 */
export interface Cue {
  pattern: string;
  category: CssrsCategory | CueKind;
  subject: "self" | "any";
}

// ---------------------------------------------------------------------------------------- slots
/** Pills and medicines, base forms. */
const PILL_NOUN =
  "(pill|tablet|paracetamol|painkiller|med|meds|medication|medicine|sleeping pill|antidepressant|co codamol|codeine|ibuprofen|aspirin|tylenol|acetaminophen|sertraline|fluoxetine|citalopram|mirtazapine|amitriptyline|quetiapine|lithium|diazepam|tramadol|insulin|propranolol|oxy|opioid)";
const PILL = `(${PILL_NOUN}|them|it)`;
const ALCOHOL = "(vodka|whisky|whiskey|wine|alcohol|booze|gin|rum|beer|cider)";
/** An amount that makes taking medicine an overdose. */
const LOTS =
  "[like|about|around|over|maybe|nearly|almost|at least|probably] ((a|the) whole (packet|box|bottle|pack|strip|tub|blister) [of]|all|all of|all of the|the whole|a whole|every|every single|load of|a load of|a lot of|lot of|too many|<many>|a handful of|handful of|the lot|the rest of|the whole bottle of|a whole bottle of|a bottle of|the bottle of|a box of|the box of|a packet of|the packet of|a pack of|a strip of|double|triple|extra)";
const OWNER = "[my|the|mum|mom|dad|her|his|their|nan|gran|own]";
/** To act on a target: wanting, needing, being ready or set to, intending. Then "to" (optional). */
const WANT =
  "(want|need|ready|decide|decided|plan|planned|intend|intended|tempt|tempted|go to|about to|will|gotta|got to|have to|mean|meant|feel like|felt like|would like|desperate|long|crave|itch|wish i could|wish i had the guts|wish i had the courage|should|should just|might|might just|could just|may as well|might as well|gonna)";
/** To think of a target. */
const THINK =
  "(think about|think of|thought about|thought of|thought|idea of|consider|considered|contemplate|contemplated|fantasise about|fantasize about|dream about|dream of|obsess over|picture|imagine|imagined|pictured|tell me to|telling me to)";
/** A passive wish. */
const WISH =
  "(wish|wished|hope|hoped|pray|prayed|would rather|rather|would not mind if|would not care if|do not care if|would not mind|would welcome|welcome|would love to|would be nice to)";
/** Killing oneself, in any words: the writer is the one who acts and dies. */
const ACTIVE =
  "((kill|unalive|off|top|end|killed|ended|topped|offed|neck) myself|(do|did) myself in|do myself in|do away with myself|die by suicide|stop living|stop being alive|stop breathing|leave this life|unalive|(end|take|ended|took) my [own] life|commit suicide|suicide|end it [all]|end everything|end things|end it all|end my suffering|end the pain for good|not be alive much longer)";
/** Being dead, without saying how. */
const PASSIVE =
  "(die|and die|be dead|dead|death|kill me|hit me|take me|take me away|get hit by|got hit by|be hit by|get run over|be run over|(fall asleep|go to sleep) forever|not be here|not be alive|not exist|stop exist|stop existing|cease to exist|not wake up|never wake up|never to wake up|(go|fall) to sleep and (never|not) wake up|fall asleep and (never|not) wake up|sleep and (never|not) wake up|disappear forever|vanish forever|disappear permanently|disappear for good|be gone|sleep forever|never be born|never have be born|(would|could|will) (hit|kill|run over) me|run me over|not be around)";
const HIGH =
  "(multi storey car park|multistorey|multi story|parking garage|bridge|roof|rooftop|building|cliff|balcony|car park|multi storey|window|ledge|tower|tower block|height|flyover|overpass|somewhere high|something high|the top)";
const VEHICLE = "(train|bus|car|lorry|truck|tube|van|traffic|oncoming traffic)";
const WATER = "(sea|river|lake|ocean|canal|water|waves|reservoir|loch|quarry|harbour|harbor|pier|estuary)";
const FAMILY =
  "(family|kid|kids|child|children|parent|parents|mum|mom|dad|partner|friend|friends|son|daughter|wife|husband|loved one|loved ones|everyone|everybody|boyfriend|girlfriend|sister|brother)";
const PET = "(dog|cat|pet|rabbit|hamster|bird|puppy|kitten|horse|guinea pig|budgie|fish|tortoise)";
const RESEARCH =
  "(research|researched|google|googled|look up|looked up|search|searched|read up on|find out|found out|look into|looked into|work out|worked out|look at|looked at)";
const DEATH_WORDS =
  "(die|death|suicide|kill myself|end my life|overdose|noose|lethal|fatal|painless|hang|pill|tablet|dose|dosage|method|methods|way to go)";

const cues =
  (category: Cue["category"], subject: Cue["subject"] = "any") =>
  (...patterns: string[]): Cue[] =>
    patterns.map((pattern) => ({ pattern, category, subject }));

/**
 * Every cue of the grammar.
 * @example CSSRS_LEXICON.some((cue) => cue.category === "preparation") // true
 */
export const CSSRS_LEXICON: readonly Cue[] = [
  // ------------------------------------------------------------ behaviour: done already
  ...cues("behaviour")(
    "(i|have|already|just) (taken|swallowed|downed|necked) (them|the lot|it all|them all|all of them|everything)",
    "(took|swallowed|downed|necked) (them|it|the lot|everything) (already|just now|an hour ago|earlier)",
    "(bleed|bleeding) (a lot|heavily|loads|badly|everywhere|so much|and it will not stop|and can not stop|out)",
    "(drank|drunk|swallowed) * (bleach|poison|antifreeze|weedkiller|drain cleaner)",
    `(went|go|drove|walked|got|climbed) (up|down|out) to the (${HIGH}|tracks|railway|station|sea|river) * to (jump|do it|end it|die)`,
    "(woke|woken|wake) up in (a and e|a e|ae|the er|er|hospital|icu|resus)",
    "attempted (last|this|yesterday|earlier|on|again|twice|once|a few)",
    `(walked|waded|went) (into|out into|out to) the ${WATER}`,
    "(got|been) (pulled|dragged|fished) out (of the|by)",
    `(got|get) as far as the (${HIGH}|tracks|railway|station|platform|edge|ledge|river|sea)`,
    "(could not|couldnt|did not|didnt) (go through with it|do it|jump|take them|follow through)",
    `talked me (down|off) (from|off) [the|a] (${HIGH}|edge|ledge|tracks|platform|railing|railings)`,
    "(stranger|someone|somebody|police|officer|security|they|he|she|man|woman|guy|lady|bloke|person|friend|mate) talked me (down|off)",
    "(drove|swerved|steered|crashed) * (at|towards|into) (the|a) (wall|tree|barrier|bridge|lorry|truck|oncoming)",
    `(in|to|ended up in) (a and e|a e|hospital) (after|because|from) (taking|swallowing|took) ${LOTS} ${PILL}`,
    `(took|taken|swallowed|downed|necked) ${LOTS} [of] ${OWNER} ${PILL}`,
    `had ${LOTS} [of] ${OWNER} ${PILL_NOUN}`,
    `(took|taken|swallowed|downed|necked) (them|it) all`,
    "(took|taken|had|done) (an|a) overdose",
    "(overdosed|od d)",
    `(tried|attempted|try|attempt|tries) to (${ACTIVE}|overdose|hang myself|drown myself|jump|cut my wrist|cut my throat|shoot myself|poison myself|gas myself|suffocate myself|die)`,
    "(attempted|attempt) suicide",
    "[a|my|another] suicide attempt",
    `(drank|drunk|swallowed) [the|some|a bottle of|a lot of] (bleach|poison|antifreeze|weedkiller|drain cleaner)`,
    `(jumped|threw myself|stepped) (off|from|in front of|under) * (${HIGH}|${VEHICLE})`,
    `(went|go|drove|walked|got) to the (${HIGH}|tracks|railway|station|sea|river) * to (jump|do it|end it|die)`,
    "(was|be) (about|going|ready) to (jump|do it|take them|end it|kill myself|overdose) (but|and|when|until) (someone|somebody|they|he|she|the|my|i)",
    `(put|threw|flushed) (them|the ${PILL}|it) (back|away) * (last|this|yesterday|earlier|just|an|before)`,
    "(slit|slashed) my (wrist|vein|throat)",
    "(cut|slit) (myself|my wrist|my arm|my leg) [really|too|very|so] deep",
    "[just|already] cut (really|too|very|so) deep",
    "(hanged|hung) myself",
    "(already|just) (took|taken|swallowed|done it|started)",
    "(bleed out|bleeding out|bleeding to death|bleed to death|losing a lot of blood|lost a lot of blood)",
    `${PILL_NOUN} (swallowed|downed|necked)`,
    "(took|taken|swallowed|downed) [my|the|a] (whole|entire) * (prescription|supply|medication|med|pill|tablet|packet|box|bottle)",
    "(rope|belt|cord|ligature|noose|scarf) (snapped|broke|broken|came loose|gave way|did not hold)",
    "(woke|woken|wake) up in (hospital|a and e|the er|icu|intensive care|resus) * (took|taken|overdose|overdosed|pill|tablet|tried|attempt|attempted|cut)",
    "(took|taken|swallowed|downed|necked) (a|the) whole (packet|box|bottle|pack|strip|tub|lot)",
    `(took|taken|swallowed|downed|necked|drank) * (and|with|plus) (my|all my|the|some|a load of my) ${PILL_NOUN}`,
    "(i|have|had) attempted (last|this|yesterday|earlier|on|again|twice|once|a few)",
    "(nearly|almost) (did it|went through with it|jumped|killed myself|took them|hung myself|hanged myself)",
    `(downed|drank|drunk|necked|swallowed|took|taken|had) [a|the|some|half a|a whole] [bottle of|load of|litre of] ${ALCOHOL} (and|with|plus) [all|all of] (my|the|some|his|her|mum|mom) ${PILL_NOUN}`,
    "(stood|sat|climbed|went|got) (on|onto|over|to|up on) the (edge|ledge|railing|railings|barrier|parapet)",
    "(have|had|i) (attempted|tried) (before|previously|once|twice|suicide)",
  ),
  // ------------------------------------------------------------ preparation: acts towards it
  ...cues("preparation")(
    "(ordered|bought|got|found|have|sorted) (something|everything|what i need|the stuff|the things) [online] (to do it with|i need to do it)",
    "(note|notes|letter|letters) * one for (my|each|every|mum|mom|dad|the)",
    "one (note|letter) for (each|every|everyone|everybody)",
    "(give|giving|gave|given) (my|all my|away my) (stuff|things|belongings|possessions|clothes|guitar|books|games|jewellery|jewelry) away",
    "(give|giving) my (stuff|things|belongings|possessions) (away|to)",
    "(life insurance|my passwords|my pin|my bank details) * (easy for them|for them after|for after|for when)",
    "(wrote|written|write|left|leave) down my passwords",
    "(will not|wont|will never|not) be needing (it|them|any of (it|them)|this|that|these|any of my (stuff|things|belongings|clothes|stuff)|my (stuff|things|belongings|clothes))",
    "(will not|wont|not) (be around|be here|be alive) to (use|see|need|enjoy|spend|read|wear) (it|them|this|that)",
    "(delete|deleted|deleting|wipe|wiped|close|closed) * (so) (there be|there is) nothing left of me",
    "nothing left of me",
    "(so|when) (nobody|no one|noone) (be|is) left with my (debt|debts|mess|stuff|bills)",
    "(when|after|once) i (be|am) (gone|dead)",
    "(whoever|the person who|whoever it is who|the one who) (find|finds|will find|has to find) me",
    "(rehome|rehomed|rehoming) the (cat|dog|pet|rabbit|hamster|animals)",
    "(collect|collected|collecting|save|saving|saved) (all|all of) my (prescriptions|prescription|meds|medication|tablets|pills)",
    `(save|saving|keep|keeping) (them|it) for (when|the day|the night) i (be|am) ready`,
    "(instructions|plans|wishes|playlist|songs) for my funeral",
    "my funeral (playlist|songs|music)",
    "(mind|look after|take care of|watch|have) my (little one|kids|kid|son|daughter|children|baby|dog|cat|pet) * just in case",
    "(told|tell|telling) (work|my boss|them|my manager) i (will not|wont) be (back|coming back|in) (after|from)",
    "(sorted|sort|decided|decide|written|wrote) [out] who gets what",
    "(backed|back) up [all] my (photos|pictures|files) for (mum|mom|my|them|dad|her|him)",
    "(wiped|wipe|cleared|clear) my (laptop|phone|computer|history|search history)",
    `(save|stockpile|stockpiled|hoard|hoarded|collect|collected|stash|stashed|store|stored|saved|keep|kept|gather|gathered) [up] ${OWNER} ${PILL_NOUN}`,
    `(save|stockpile|stockpiled|hoard|hoarded|stash|stashed|saved) * ${PILL_NOUN}`,
    "(suicide|goodbye|farewell) (note|letter|video|message|text|email|post|voicemail)",
    `(have|got|carry|carrying|keep|kept) (a|the|my) (rope|noose|gun|blade|razor) (with me|in my|on me|ready|hidden|under my)`,
    `(put|putting|set|setting|keep|keeping|hide|hiding|hid|stash|stashing) [my|the|some|all my] ${PILL_NOUN} (aside|away|by)`,
    `(count|counting|counted|line|lining|lined) (out|up) [my|the|all|all my|all the] ${PILL_NOUN}`,
    "(a|the|my) (date|day) [be] (picked|set|chosen|decided)",
    `${ALCOHOL} (and|with|plus) (all my|all the|all of my|a load of my|loads of|enough|every|a box of|a packet of|the rest of my) ${PILL_NOUN}`,
    "(lethal|fatal|deadly|toxic) (dose|amount|overdose|quantity)",
    "(more|less|most|least) (painless|painful|effective|reliable|quick|quicker|certain|likely to work) * (hang|hanging|pill|overdose|jump|jumping|drown|drowning|gun|cut|cutting|poison|gas|bleach)",
    "(hang|hanging|pill|overdose|jump|jumping|drown|drowning|gun|poison) or (hang|hanging|pill|overdose|jump|jumping|drown|drowning|gun|poison|cutting)",
    "how (high|tall|deep|far down) (the|a|that|this) (bridge|building|cliff|drop|roof|car park|water|river|fall|balcony)",
    "(measure|measured|tested|test|check|checked) (the|a|my) (rope|belt|cord|ligature|noose|beam)",
    "(train|trains) (time|times|timetable) * (crossing|tracks|line|bridge)",
    "(gun|shotgun|pistol|rifle) * (loaded|bullets|ammo|ammunition)",
    "(load|loaded) (the|my|dad|a|his) (gun|shotgun|pistol|rifle)",
    `how (much|many) ${PILL_NOUN} * (lethal|fatal|deadly|enough|kill)`,
    `${PILL_NOUN} (be|would be|will be|is) (lethal|fatal|deadly|enough to)`,
    "(write|wrote|written|draft|drafted|update|updated|make|made|sort|sorted|do|done|leave|left|change|changed|finish|finished) [out|up] my will",
    "my will (be) (written|done|sorted|ready|updated)",
    `(write|wrote|written|leave|left) (letter|note) (to|for) [all] [my|of my] ${FAMILY}`,
    `(letter|note|message) * for (after|when) i (be|die|am) (gone|dead|not here)`,
    "for (after|when) i (be|am) (gone|dead|not here|not around)",
    "give away (all|everything|my stuff|my thing|my things|my belongings|my possession|my possessions|most of my|all of my|all my)",
    "(gave|given) away (all|everything|my stuff|my thing|my things|my belongings|my possession|my possessions|most of my|all of my|all my)",
    "(give|gave|given) (all|most) [of] my (stuff|thing|things|belongings|possession|possessions) away",
    `(give|gave|given|rehome|rehomed|give away|gave away) my ${PET}`,
    `(new|a new|good) (home|owner|owners|family) for my ${PET}`,
    "goodbye * without (them|anyone|people|him|her|anybody) (knowing|realising|realizing|noticing)",
    "(tape|taped|taping|seal|sealed|sealing) [up] (the|my) (garage|car|windows|doors|door|vents)",
    `my ${PET} (have|has|had|get|got) a (new|good) home`,
    `(look|looked|looking) after my ${PET} (for me|when i|after i)`,
    "(say|said) my goodbye",
    "(say|said) goodbye to (everyone|everybody|all of you|the people i love|my loved ones|the world|this world)",
    `${RESEARCH} * ${DEATH_WORDS}`,
    "how many (pill|tablet|paracetamol) (it take|would|to|will|does it take|do it take|would it take)",
    "(which|what) (dose|amount) * (enough|kill|lethal|fatal)",
    `enough ${PILL_NOUN}`,
    `(dose|amount) * enough to`,
    `(buy|bought|get|got|order|ordered|find|found|make|made) (a|some|the) (rope|noose|ligature|hose|hosepipe|gun|shotgun|charcoal|razor blade|blade|helium)`,
    "(buy|bought|order|ordered) rope",
    `(buy|bought|order|ordered|get|got) ${LOTS} ${PILL_NOUN}`,
    "(sort|sorted|put|putting|get|got) [out] my affairs [in order]",
    "(tie|tied|make|made) (a|the) noose",
    "my funeral (wishes|plans|plan|arrangements|instructions)",
    "(rope|noose|pill|tablet|gun|ligature|hose) [be] (ready|set up|tied|in place|prepared|sorted|loaded)",
    "(wrote|written|write|left|leave) (goodbye|a goodbye|my goodbye)",
    "(pick|picked|set|chosen|choose|chose|decided on|fix|fixed) (a|the) (date|day)",
    `how many ${PILL_NOUN} (would|does|will|do|did|should|could) (it|i) (take|need)`,
    "(most|least|quickest|fastest|easiest|surest|best|a) (painless|quick|easy|sure|reliable|effective|good) (way|ways|method|methods) to (die|go|kill myself|end it|end my life|overdose)",
    "(best|easiest|quickest|surest|fastest|most painless) (way|method) to (die|go|kill myself|end it|end my life|overdose)",
    "(got|get) rid of (all|everything|most) [of] my (stuff|thing|things|belongings)",
  ),
  ...cues("plan-weak")("(have|got|made|have got) a plan", "[the|my] plan (be|is)"),
  ...cues("plan-set")(
    "(a|the) (place|spot) (on|by|near|at|in) (the|a|my) * (i have been|i be|i have) (thinking of|thinking about|picked|chosen|found|looking at)",
    "the (how|when|where) (be) (figured out|worked out|sorted|decided|planned|set|chosen|picked)",
    "(worked|figured|sorted) out the (timing|time|details|logistics|route|when|where|how)",
    "[my|the] plan [be] (made|set|ready|sorted|in place|done|decided)",
    "(a|the) (place|spot) (i have been|i be|ive been|i have) (thinking of|thinking about|picked|chosen|found|looking at)",
    "(have|got|found) (a|the) (place|spot) (picked|chosen|sorted)",
    "(got|have) (it|everything) [all] planned",
  ),
  ...cues("intent-weak")(
    "(nobody|no one|nothing|you) (will|can|be go to|gonna|could) stop me (this time|now|tonight)",
    "i be (go to|gonna) do it",
    "(work|working|worked|build|building|psych|psyching) (up to it|up the courage|up the nerve|myself up)",
    "(to|then|and) jump",
    "(and|then) (not|never) (come|coming) back",
    "(that will|that would|it will|and that will|and it will) be (that|the end of it|the end of me)",
    "(it|everything|this|it all|all of this) (will|be go to|be gonna) [all] be over (soon|tonight|today|by|in|before|tomorrow|this)",
    "(i be|i am) ready (now|to go)",
    "i be ready",
    "do it (now|tonight|right now)",
    "not (getting on|get on|catching|here for|for a walk|here to catch)",
    "(i be|be) go (in|under|now)",
    "before i (go|leave) (for good|forever|for ever)",
    "next time i (will not|wont|be not go to) (swerve|stop|bottle it|chicken out|pull back|hesitate|fail|mess it up|wake up|call anyone)",
    "(finally|really|actually) (go to|gonna|about to|will) do it",
    "(go to|gonna) do it (tonight|today|now|soon)",
  ),
  ...cues("prep-weak")(
    "(easy|easier|simpler) for (them|everyone|my family|whoever|him|her) (after|when i|once i|afterwards)",
    "(sort|sorting|sorted) [out] my (things|stuff|belongings|possessions|affairs) [out]",
    "(gave|give|giving|given) (most|all|everything|loads|lots|half) * (to charity|to the charity shop|away)",
    "(will not|wont|not) need (any of it|it|them|any of them|anything|my stuff|my things) (after|by|from|beyond|once|anymore)",
    "(rehomed|rehome|rehoming)",
    "(box|boxes|pack|packs|packet|packets|strip|strips|bottle|bottles) (saved|stashed|hoarded|put away|hidden|put aside) [up]",
    "one for (mum|mom|dad|my|each|every|the) * one for",
    "(can|could|should|will|may) have my (clothes|stuff|things|belongings|car|books|jewellery|jewelry|room|games|money|guitar|phone|bike)",
    "(left|leave|written|wrote) (instructions|my passwords|passwords)",
    `${RESEARCH} * (nearest|highest|tallest) [high] (bridge|building|cliff|car park|multi storey|tower)`,
    "who (gets|get|will get|should get|should have|can have) (what|my)",
    "(will not|wont|not) be able to (look after|take care of|care for|feed|walk) (him|her|them|my)",
    `my ${PET} * (go to|going to|will go to|stay with|live with|be with)`,
    `${PILL_NOUN} (counted|counted out|lined up|ready|sorted|saved|hidden)`,
    "(note|notes|letter|letters) (written|done|ready|left|finished|typed)",
    "(everything|it all) [be] (ready|set|sorted|in place)",
    "(now|just|now just) (waiting|wait)",
    "(wait|waiting|need to wait) (till|until|for) (they|everyone|everybody|my family|the house|my parents|my partner) [be|to be|to go to] (asleep|out|gone|in bed|sleep|bed)",
    "(arranged|arrange|sorted|asked) for (someone|somebody|my mum|my mom|my sister|my brother|my friend|a friend|my neighbour|my neighbor) to (look after|take care of|have|take) my",
    "(will not|wont|will never|not go to|will not be needing) need (them|it|this|that|these|those|anything|any of it|my)",
    "(when|after|once) i (be|am) (gone|dead|not here|not around|no longer here)",
    "(leave|leaving|left) (my|all my) (savings|money|stuff|things|belongings|house|car|flat|possessions|everything) to",
    "(written|wrote|write|finished|finish) (the|my|all the|all my) (letter|note)",
    "(sorted|sort|sorting|rehomed|rehome) [out] (the|my) (cat|dog|pet|rabbit|fish|hamster|animals|kids)",
    `(have|got|bought|saved|collected|counted) <many> ${PILL_NOUN}`,
    "(take|swallow|taking|swallowing) them (after|tonight|later|when|now|all)",
    "(go to|gonna|will|about to) (take|swallow) them",
    "(cancel|cancelled|canceled) * (forever|for good|permanently)",

    `(buy|bought|get|got|order|ordered|collect|collected) ${PILL_NOUN}`,
    "(load|loads|lot|lots|a lot|plenty|a load|a bunch|box|boxes|packet|packets) of (it|them)",
    "(take|swallow|down|neck) everything",
    `(and|with|plus) all my ${PILL_NOUN}`,
    "(got|have) (it|everything) [all] (planned|worked out|sorted|ready)",
    `(write|wrote|written|leave|left|type|typed|type up|typed up|record|recorded) (a|some) (letter|note) (to|for) [my] ${FAMILY}`,
    "(cancel|cancelled|canceled) everything",
    "(took|taken|swallowed|downed|necked) (everything|it all|them all|all of them|the lot)",
    `(got|have|have got|collected) (the|my|all the|all my|enough) ${PILL_NOUN}`,
    "(write|wrote|written|make|made|making|writing) a will",
  ),
  // ------------------------------------------------------------ imminence: it is about to happen
  ...cues("imminence")(
    "(i be|be|i am) (on|between|lying on|sat on|standing on) the (train tracks|tracks|railway line|rails|railway tracks)",
    "(tell|let) (my|them|him|her) * (it be not|it was not|this be not|that it be not) (their|your|his|her|anyone) fault",
    "(if|when) (someone|anyone|somebody|you|they) (find|finds|read|reads|see|sees) this (i be|i am|im)",
    "(will|be go to|gonna) [all] be over (in an hour|in a few hours|tonight|in a minute|in minutes|soon)",
    "before i (go|leave|die) (for good|forever|for ever)",
    "(be) (doing|do) it (now|tonight|right now)",
    "this (be|is) (goodbye|my goodbye|the end|it)",
    "goodbye (everyone|everybody|all|world|forever|for good|for ever|cruel world|guys|all of you)",
    "(last|final) (time you will hear from me|message|text|goodbye|time you hear from me|words|note)",
    "(last|final) time (you|anyone) (will|ever) (hear|see) (from|me)",
    "(will not|never|wont) hear from me again",
    "by the time (you|anyone|someone|somebody|they|people) (read|see|find|get) (this|it|me)",
    "(will not|will never|wont) be (here|alive|around) (tomorrow|by morning|in the morning|much longer|for long|by tonight|next week|anymore)",
    "not be alive (by|in the|tomorrow|much longer)",
    `(tell|let) (my|them) ${FAMILY} (i be sorry|that i be sorry|i love|that i love)`,
    `on my way to the (${HIGH}|tracks|railway|sea|river|cliff|edge)`,
    "(stand|sit|be) (on|at) the (edge|ledge)",
    `(stand|sit) on the (${HIGH}|tracks|railway|platform edge)`,
    `(with|have|got|hold|holding|have got) (the|my|all the|all my) (${PILL_NOUN}|knife|rope|noose|gun|blade|razor|bleach) (in front of me|in my hand|in my hands|right here|here with me|next to me|ready|lined up|counted out)`,
    "(tonight|today|now) [be] the (night|day)",
    "(be|am) (do|doing) it (tonight|today|now|right now|this evening)",
    "(be go to|be gonna) do it (tonight|right now|this evening)",
    "(will|ill|be go to|gonna) be (dead|gone) (by|before|tomorrow|tonight|soon|in the morning)",
    "(find|stop|save|reach) me * (too late|in time)",
    "(will not|wont|not) be (a burden|a problem|in the way|in anyone way|around|here|a bother) * (much longer|for long|for much longer|after|anymore|any more|soon)",
    "this be where i (say goodbye|leave you|go|stop)",
    "(walk|walking|sit|sat|sitting|stand|stood|standing|lie|lay|lying) (along|on|between) the (train tracks|tracks|railway|railway line|rails)",
    "(be) (say|saying) goodbye (now|for good|forever|for the last time)",
    "(say|saying|said) my (last|final) goodbye",
    "(do not think|not sure|can not promise|do not know if|doubt|can not guarantee) i (can|will|would|be go to|be gonna|be) [still] (stay alive|stay safe|be safe|keep myself safe|be here|be alive|survive) ",
    "(do not think|not sure|can not promise|do not know if|doubt) i (will|would|can|be go to) (make it|survive|last) (through|till|until|to) (the night|tonight|morning|tomorrow)",
    "(be) (swallow|down|neck) (them|it all|them all|the lot) (now|right now)",
    "before (anyone|someone|somebody|they|you) (can|could) (stop|find|save|reach) me",
    "my last (day|night|week|sunset|morning|breath) (alive|on earth|on this earth|breathing|ever)",
    "(this will be|this be|today be|tonight be|it be|it will be|this is) my last (day|night)",
    `(go|going|head|heading|walk|walking|drive|driving|on my way) * with (a|the|my) (rope|noose|gun|${PILL_NOUN}|knife|blade|razor|hose|hosepipe)`,
    "do it (when|once|after) (everyone|everybody|they|no one|nobody|my family|the house) [be|is|are] (asleep|out|gone|at work|not looking|not home|in bed)",
    `${PILL_NOUN} * (in front of me|in my hand|in my hands|next to me|lined up|counted out)`,
    "it be time (to go|now|for me to go)",
    "(go to|about to|will|gonna|ready to) die (tonight|today|now|right now|this evening)",
    "(want|need) to (stop exist|not exist|cease to exist|disappear|not be here|not be alive|die) [permanently|forever] (tonight|today|now|right now)",
  ),
  ...cues("timing")(
    "(when|while|till|until|once) (the house be empty|nobody be home|no one be home|nobody be in|no one be in|no one be around|nobody be around|the house be quiet|they be asleep|everyone be asleep)",
    "(nobody|no one|noone) (home|in|around|round) (till|until|before)",
    "(will not|wont|not) be (round|home|back|in|around) (till|until|before)",
    "(next|this|on) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)",
    "(on|by|before) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    "(in an hour|in a few hours|after work|after school|this weekend|tonight|on the anniversary)",
    "the when be soon",
    // Not feeling safe is about now: with risk it is imminent, like a time.
    "(do not|not|no longer|never) feel safe",
    "(tonight|tonite|right now|now|today|this evening|this afternoon|in an hour|in a few hours|by morning|before morning|tomorrow|this weekend|soon|later tonight|at midnight|when everyone * (asleep|out|at work|gone))",
  ),
  ...cues("farewell")(
    "love you all",
    "(sorry|apologies) to (whoever|anyone who|the person who|whoever has to|everyone who)",
    "(goodbye|bye)",
    "i love you",
    "(thank|thanks) [you] for (everything|being there|all you have done|all of it)",
    "(will not|wont) be around",
    "i be [so] sorry",
  ),
  ...cues("apology")(
    "(tell|let) (her|him|them|my) * (i love|that i love) (her|him|them|you|everyone)",
    "sorry to (whoever|anyone who|the person who)",
    "(i have|i be|i am) made my peace",
    "i be sorry (mum|mom|dad|everyone|guys|all|everybody|for being a burden)",
    "(thank|thanks) [you] for trying",
    "(made|make|making) [my] peace",
    "(do not|never) (try to|come to|come and) (find|look for|search for) me",
    "i love you all",
    "(i be sorry|sorry) for everything",
    "please forgive me",
    "it be time",
  ),
  ...cues("place-at")(
    `(${WATER}|tracks|railway|bridge|edge|drop|cliff) [be|is|s] right (there|here|in front of me|below me|beneath me|under me)`,
    `(at|on) the (train station|station|platform|tracks|level crossing)`,
    `(by|at|near|beside|next to|parked by|parked at) the (${WATER}|cliff|cliffs|tracks|railway|edge|ledge)`,
    `(parked|sitting|sat|stood|standing) (at|on) the top of [the] ${HIGH}`,
    "(in|into) the woods",
    `(be|stand|sit|standing|sitting|up) (on|at) the (${HIGH}|tracks|railway|edge|ledge|platform)`,
    `(on|at) the (edge|ledge) of`,
    `(be|sit|stand) (at|on) the top of [the] ${HIGH}`,
  ),
  ...cues("place")(
    `(head|heading|go|going|went|drive|driving|drove|walk|walking|walked|climb|climbed|on my way) (to|up to|down to|towards|onto) the (${HIGH}|tracks|railway|${WATER}|cliff|cliffs|edge|woods|motorway)`,
    "(go|head|walk|drive|drove|walking|driving|heading|on my way) to the (bridge|cliff|tracks|railway|roof|edge|ledge|sea|river|multi storey|car park)",
  ),
  ...cues("means")(
    "(have|got|have got) (the|my) means",
    "(belt|cord|cable|shotgun|rifle|antifreeze|weedkiller|bleach|razor|razors|blade|blades)",
    "(pill|tablet|paracetamol|painkiller|sleeping pill|co codamol|codeine|antidepressant|sertraline|fluoxetine|citalopram|mirtazapine|amitriptyline|quetiapine|lithium|diazepam|tramadol|insulin|propranolol|medicine cabinet|medicine cupboard|vodka|whisky|whiskey|rope|noose|knife|blade|razor|gun|shotgun|pistol|bleach|poison|ligature|charcoal|helium|antifreeze)",
  ),
  // ------------------------------------------------------------ plan: how, where, when
  ...cues("plan")(
    `plan be [to] [the|a] (${HIGH}|tracks|railway|${WATER}|motorway)`,
    "plan * (the|my|got the|have the) means",
    `(have|got|made|make|have got|there be) a plan (to|for) (${ACTIVE}|die|dying|overdose|jump|jumping|it|end|ending|do it|hang|when|how)`,
    "(have|got|made|have got) a suicide plan",
    `(have|got|found|have got) (a|the) (way|method|means) to ${ACTIVE}`,
    "plan [be] [to] (bridge|pill|tablet|rope|noose|train|tracks|jump|overdose|od|gun|hang|cliff|roof|drown)",
    "(have|got|chose|chosen|picked|decided on|found) (a|the|my) method",
    `(when|where|how) i [will|be go to|be gonna] ${ACTIVE}`,
    `(the|my) plan (be) to (${ACTIVE}|overdose|jump|hang|drown|die|do it|end it|od)`,
    "(plan|a plan) and [the] means",
    "know (exactly|just) (how|where|when) (i|i be|to)",
    `know [exactly] how to ${ACTIVE}`,
    "know how i (be go to|will|would|could|am go to|be gonna) do it",
    "know (how|where|when) (i would|i will|i be go to|to) do it",
    "(how|where|when) and (how|where|when)",
    "(work|worked|figure|figured|planned|plan|thought|decided) (out|through) (how|where|when|it|the details)",
    "(figure|figured|worked|work) out (how|where|when) (to|i)",
    "(planned|plan|planning) (how|when|where) (to|i)",
    "(plan|planned|planning) it (all|out)",
    "(decided|decide) on (the|a) (method|date|place|way|day|time)",
    "know which (bridge|pill|tablet|building|train|station|one|way|method|day)",
    "(where|when|how) i (will|would|be go to|am go to) do it",
    "(thought|think) it (through|all through)",
    "(decided|decide|know|chose|chosen|planned|plan|worked out|figured out|picked) (how|when|where) i (will|would|be go to|be gonna) (die|do it|end it|end my life|kill myself)",
  ),
  // ------------------------------------------------------------ intent: wants or means to act
  ...cues("intent")(
    "(intend|intended|plan|planning|mean|meant|decide|decided|go to|gonna) to (die|be dead)",
    "(stop|stopped|quit) (eat|eating|drink|drinking|take my meds|taking my meds) (until|till|so) (i|that i) (die|be dead|starve)",
    `${WANT} [to] [just|really|finally|actually|simply|go and|go ahead and|seriously] ${ACTIVE}`,
    `(want|wanted|need|ready|decide|decided|about to) [to] [just|really|finally|actually|simply] (die|be dead)`,
    `be (end|kill|top|unalive|off) (it|myself|my life|things|everything|it all)`,
    "(my) mind (be) made up",
    "(ready|time) to (die|let go|leave this world|go for good)",
    "(not|never) feel safe (with|around|by) myself",
    "(can not|not sure i can|do not think i can) keep myself safe",
    "(made|make) up my mind",
    "(go|going|head|heading|packed|ready|leave|leaving) * (other side|afterlife|the next life)",
    "(plan|planning|intend|intending|decided|going|go) (on|to) not (wake up|waking up|be here|being here|be alive|being alive)",
    "(something|a thing|something that) i (can not|will not be able to|will never be able to) (take back|undo|come back from)",
    "(make sure|ensure|so) i (do not|never|will not|wont) wake up",
    "(check out|clock out|sign off|log off|bow out) (for good|permanently|forever|of life)",
    "leave (this world|this earth|this life)",
    "(suicide|death|dying|killing myself|ending it|end it) (be) the (only|best) (way out|option|answer|way|choice|solution)",
    "(only|best) (way out|option|answer|choice|solution) (be) (to die|death|suicide|killing myself|to end it|ending it|to kill myself)",
    "not (go to|gonna) be (alive|around|here) (much|for) (longer|long)",
    "(will|going to|go to|gonna) (end it|kill myself|do it) (tonight|today|now|soon|this weekend|tomorrow)",
    "(go|going) through with it",
    `(plan|planning|think|thinking) (on|of) ${ACTIVE}`,
    "(be) (done|finished) (i be go to|i will|gonna) (end|kill)",
  ),
  // ------------------------------------------------------------ method: how, with the writer as object
  ...cues("method", "self")(
    "(hang|hanged|hung) myself",
    "(shoot|shot|stab|stabbed|drown|drowned|poison|poisoned|gas|gassed|suffocate|suffocated|electrocute|electrocuted|strangle|strangled|set fire to|burn myself to death) myself",
    "(throw|threw|fling|hurl) myself (off|from|in front of|under|into|in)",
    "(hold|held|put|press|pressed) (a|the|my) (knife|blade|razor|gun) (to|against|on|at) my (wrist|throat|neck|head|arm|chest)",
    "(use|used|turn|point) * on myself",
    "blow my brain [out]",
    "(gun|pistol|rifle|shotgun) (to|against) my head",
  ),
  ...cues("method")(
    `(step|walk|lie|lay|stand|throw myself|walking|stepping) (out|out into) (in front of|under) [a|the] (${VEHICLE}|lorry|train)`,
    "(drink|drinking|swallow|swallowing|ingest) * (bleach|poison|antifreeze|weedkiller|drain cleaner)",
    "(use|using|used) (the|a|my|that) (rope|belt|cord|knife|blade|razor|gun|shotgun|cable) * (on myself|to do it|to end it)",
    "(overdose|od|take an overdose|take a overdose)",
    `(take|swallow|down|neck) ${LOTS} [of] ${OWNER} ${PILL}`,
    `(take|swallow|down|neck) (them|it) all`,
    `overdose on ${OWNER} ${PILL}`,
    "noose",
    "(ligature|rope|belt|cord|scarf|cable) * (neck|myself|ceiling|beam|banister|tree)",
    `(jump|leap) (off|from|out of|in front of|under|into) * (${HIGH}|${VEHICLE}|${WATER}|tracks)`,
    `(jump|leap) (off|from) (something|somewhere) (high|tall)`,
    `(step|fall|let myself fall|throw myself|walk) (off|from) (a|the) ${HIGH}`,
    "(drive|crash|drove|steer|swerve) * (into|in front of) oncoming",
    `(step|walk|lie|lay|stand|throw myself) [down] (in front of|under|on|onto) [a|the] [train|railway] (${VEHICLE}|tracks|railway|line)`,
    `(walk|swim|wade) (into|out into|out to|in) the ${WATER}`,
    "(drive|crash|drove|steer) * (into|off) (a|the) (wall|tree|bridge|cliff|river|lorry|truck|oncoming|motorway|barrier)",
    "crash my car",
    "(car|engine|exhaust|fume|fumes|hose|hosepipe) * (garage|closed|shut)",
    "(garage) * (engine|exhaust|fume|fumes|car running|door shut)",
    "run the (car|engine) (in|inside) the garage",
    "(slit|cut|slash|open|slice) [open] [my] (wrist|vein|throat|artery|arteries)",
    "(cut|slash|slice) (deep|deeper|too deep|really deep|down|along) [enough]",
    "(drink|drinking|swallow|take|ingest) (bleach|poison|antifreeze|weedkiller|drain cleaner)",
    "(gun|shotgun|pistol|rifle) on myself",
    `(jump|leap) [off|from] (it|there) (tonight|now|today)`,
    "(go to|about to|want to|ready to|gonna|could|will|going to|so i can|then i can) jump",
    "(bullet|gun|pistol) (in|into|to|through) my (head|brain|mouth|chest|heart)",
    "eat (my|a) (gun|bullet)",
    "(drink|drank|starve|starved|bleed|freeze|poison|gas) myself to death",
    "set (myself|me) (on fire|alight|ablaze)",
    "(run|walk|step|jump|throw myself) into (the|a) (road|traffic|motorway|path of)",
    "(go to|want to|about to|gonna|could|will) (step|walk) (in front of|into) (a|the)",
    "lie down on the (tracks|railway|line|road)",
    `${THINK} (drive|driving|crash|crashing|swerve|swerving) (off|into)`,
    `${THINK} [the] (train tracks|tracks|railway|bridge|rope|noose|overdose|overdosing|jump|cliff|gun|pill|tablet|paracetamol|drown|drowning|hang|hanging|gas|gassing|suffocate|suffocating)`,
    "(want|need|go to|gonna|about to|ready) to (drown|hang|overdose|od)",
    "(go to|gonna|about to|will|want to|ready to) (take|swallow|down|neck) (the lot|everything|them all|it all|all of them|all of it)",
    `(walk|walking|go|going|swim|swimming) [out] (into|in) the ${WATER} * (keep walking|keep going|keep swimming|not come back|never come back)`,
    "(hose|hosepipe|pipe|tube) * (exhaust|car window)",
    "(look|stare|staring|looking) at (the|my) (rope|noose|gun|bridge|tracks|knife|blade|razor|pill|tablet|paracetamol) (i|and|every|again|for|all)",
  ),
  // ------------------------------------------------------------ self-harm: urges and acts
  ...cues("self-harm", "self")(
    "(cut|burn|burned|burnt|hurt|harm|harmed|hit|punch|punched|scratch|scratched|bite|bit|pinch|pinched|starve|starved|slap|slapped|stab|stabbed|punish|punished|bruise|bruised|mutilate|mutilated|injure|injured) myself",
    "(cut|burn|burned|burnt|scratch|scratched) my (arm|arms|leg|legs|thigh|thighs|skin|wrist|stomach|hip|hips|body)",
  ),
  ...cues("self-harm")(
    "(bang|hit|punch|smash|slam) my (head|fist|fists|hand|hands) (against|on|off|into) (the|a) (wall|walls|floor|door|desk)",
    "(hide|hid|cover|covered) [up] my (arm|leg|thigh|wrist|stomach|skin) * (cut|cuts|scar|scars|burn|burns|mark|marks)",
    "(hide|hid|cover|covered) [up] my (cuts|scars|marks|burns)",
    "(arm|leg|thigh|wrist|stomach|skin|body) (be) (covered in|full of|all) (cut|cuts|scar|scars|burn|burns|marks|bruises)",
    "my (hand|arm|finger|fingers|skin|wrist|leg|thigh|face|head) * on purpose",
    "(held|hold|put|press|pressed|kept|keep|stuck) my (hand|arm|finger|fingers|skin|wrist|leg|thigh|face|head) (on|in|under|against|over|onto) * on purpose",
    "(give|gave|giving|inflict|inflicted|cause|caused) (it|pain|the pain|hurt) (to|on) myself",
    "(scratch|scratched|pick|picked) * (until|till|til) i (bleed|bled)",
    "(deserve|deserved) (the pain|to hurt|to be hurt|the hurt)",
    "self (harm|harmed|harming|injury|injure|injured|injuring|mutilation|mutilate|destruct)",
    "(want|need|urge|urges|itch|craving|crave|tempt|tempted|go to|gonna|about to|will) [to] (cut|burn|hurt)",
    "(want|need|go to|gonna|about to|will|urge to|feel like) (hurt|harm|cut|burn|punish) myself",
    "(start|started|relapse|relapsed|begin|began|back to|stop) [and] (cut|cutting|burning)",
    "(cut|cutting) again",
    "(fresh|new|deep|open) (cut|wound|scar|scars) on (my|me)",
    "(fresh|new) (cut|cuts|wound|wounds|burn|burns)",
    "(scratch|scratched|pick|picked|pull|pulled|bite|bit|punch|punched|hit|bang|banged|rub|rubbed) * (until|till|til) (it|they) (bleed|bled|bleeds|bruised|blistered)",
    "(bang|banged|hit|punch|punched) (my head|the wall|a wall|walls) * (until|till|til|on purpose|hurt|bleed|bled)",
    "(hurt|hit|burn|burned|cut|punch|punched|scratch|scratched) * on purpose",
    "(feel|cause|want) pain so i",
    "(harm|harming|hurting|hurt) myself",
    "(razor|blade|knife|lighter|scissors|compass|glass) on (my|myself) (arm|leg|thigh|wrist|skin|body|stomach|hip|ankle|chest|face)",
    "(use|used|using) (a|the|my) (razor|blade|knife|lighter|scissors|compass|glass) on (myself|my)",
    "(cut|scar|burn|bruise|wound) (all over|on|up and down|across) my (arm|leg|thigh|wrist|skin|body|stomach|hip|ankle|chest|face)",
    "(want|need|miss|crave) [to feel] the (blade|razor)",
    `${THINK} (cut|cutting|self harm|hurt myself|burn myself|burning myself|hurting myself)`,
    "(pull|pulled|bite|bit|bang|banged|pinch|pinched|slap|slapped) * on purpose",
    "(hard time|struggle|struggling|trying|try|fighting|fight|hard) (not|not to) (hurt|harm|cut|burn) myself",
  ),
  // ------------------------------------------------------------ suicidal thoughts: active, non-specific
  ...cues("suicidal-thoughts")(
    "(suicide|death|dying|kill myself|killing myself|end it|ending it) (keep|keeps) (pop|popping|come|coming|creep|creeping|go|going|flash|flashing) (into|through|in|across) my (head|mind)",
    "(unalive|suicide) (thought|thoughts|urge|urges|feeling|feelings|ideation)",
    "(think|thought) about (kill myself|dying by suicide|suicide) (again|every day|all the time|a lot)",
    "suicidal",
    "suicidal (thought|thoughts|feeling|feelings|ideation|urge|urges)",
    `${THINK} ${ACTIVE}`,
    `${THINK} (die|death|dying|be dead|not be here|not be alive|not exist|suicide|end it|ending it|end my life|not waking up)`,
    "(thought|thoughts|idea|ideas|urge|urges) (of|about) (suicide|death|dying|kill myself|end my life|end it|not be here|be dead|taking my life|take my life)",
    "suicide (be) (on my mind|in my head|all i think about)",
    "(can not|can not stop) stop think about (death|die|dying|suicide)",
    `(feel|felt) like (die|dying)`,
    "(dark|bad|intrusive) thought * (end|suicide|die|kill)",
    "dark thought",
    `(${ACTIVE}) (be|sound|seem|feel) [like] (the answer|appealing|tempting|easier|better|a good idea)`,
    "(kill|killed|unalive|end|ended) myself",
    "(urge|urges|impulse|impulses) to (jump|step off|throw myself|crash|drive off|swerve)",
    "(take|taking|end|ending) my [own] life",
    "(end|ending) it all",
    "(imagine|imagining|picture|picturing|plan|planning|think about|thinking about) my [own] funeral",
    "(death|dying|suicide|killing myself) (be) all i [can] think about",
    "(go to|gonna|might|will|could|scared i will|scared i be go to) do something (stupid|drastic|bad to myself)",
    "(in order to|so i can|so that i can) (end it all|end my life|kill myself|die|end it)",
    "(should|might as well|may as well) [just] die",
    "(suicide|death|dying|killing myself|ending it|ending my life|ending it all) * (mind|head)",
    "to (end it all|end my life|kill myself|end it)",
  ),
  // ------------------------------------------------------------ wish to be dead: passive
  ...cues("wish-to-be-dead")(
    "(just|only|basically) (wait|waiting) [for it|for life|for everything|for it all|for my life] to (be over|end)",
    "(pray|hope|wish|keep hoping|keep praying) * i (do not|will not|never) wake up",
    "(would not|do not|not) (mind|care) [at all] if (the|a|my) (plane|car|bus|train) (crash|crashed|went down|goes down|go down)",
    "life * (wait|waiting) * (be over|end|to end|be done)",
    "(hope|hoping|wish|pray|praying) (something|anything) (bad|terrible|awful|fatal) (happen|happens|will happen) to me",
    "(swap|trade|switch) places with (someone|anyone|somebody|a person) (who be|who is|that be|whos) (dying|dead|terminal)",
    "(not fussed|not bothered|do not care|do not mind|indifferent) (if|whether|about whether) i (live|die)",
    `(nice|good|easier|peaceful|lovely|better|simpler|kinder|a relief) [it] (would|will|could) be to [just] (${PASSIVE}|stop existing|stop exist|${ACTIVE})`,
    "(died|die|dying|pass away|passed away) in my sleep",
    "(want|wish|hope|hoping) (the|my) (cancer|illness|tumour|tumor|disease) (to come back|to return|to spread|come back)",
    "(do not|not) [really] (look|bother looking|bother to look) (when|before) i cross",
    "(terminal|fatal) (diagnosis|illness) * (relieved|relief|glad|happy)",
    "(terminal|fatal) (diagnosis|illness|disease) [i think|i reckon|honestly] i (would|will) [be] [kind of|actually|honestly|secretly] (relieved|glad|happy|grateful)",
    "if i (did not|do not|never) wake up [tomorrow|tonight|again|in the morning] it (would|will|could|might) be [a|such a] (relief|release|blessing|mercy|better|easier)",
    "if i (did not|do not|never) wake up (tomorrow|tonight|again|in the morning) * (relief|relieved|fine|ok|okay|better)",
    "(can not|do not|could not) (see|picture|imagine) [myself] (be|being) (alive|here|around) (in|by|at|next|for)",
    `${WISH} * ${PASSIVE}`,
    `${WISH} ${PASSIVE}`,
    "(would|id|i would) (rather|sooner|prefer to) be dead",
    "(be|feel) better off dead",
    "(happier|better off|happy) dead",
    "(death|dying|be dead) (would|will|could|might) be (a relief|a release|a blessing|welcome|peaceful|nice|easier|better|a mercy|kind)",
    "(death|dying|be dead|die) (sound|seem|feel|look) [so|really|kind of] (peaceful|nice|good|like a relief|appealing|better|easier|tempting|like a release|lovely|calm)",
    "(death|dying) (do not|no longer) (scare|frighten) me",
    "(do not|not|never) want to (be here|be alive|live|exist|wake up|be around|carry on|go on|live anymore|be here anymore|be alive anymore)",
    "want to not (be here|be alive|exist|wake up|be around)",
    "(want|wish) [to] [just] (disappear|vanish) [forever|for good|completely]",
    "(disappear|vanish) (forever|for good|and never come back)",
    "(want|wish|like) to [go to] sleep forever",
    "(want|wish|need) (it|everything|it all|all of it|this all|the world|my life) * (end|stop)",
    "if i (die|died|be dead|do not wake up|did not wake up|get hit|got hit|never woke up) * (not care|not mind|be fine|be ok|be okay|be good|relief|better)",
    "(would not|do not|not|would never) (care|mind) if i (die|died|be dead|get hit|got hit|do not wake up|did not wake up|never woke up|be gone|disappear)",
    "(welcome|embrace) death",
    "(press|push) a button and (not exist|disappear|die|be gone|never have existed|stop exist)",
    "(fine|ok|okay|happy|glad|good|relieved|at peace) if i [just] (did not wake up|do not wake up|never woke up|died|die|was gone|be gone|disappeared)",
    "(die|dying|pass away|passing away) in my sleep",
    "(hope|wish|pray) (the|this|my) (plane|car|bus|train) (crash|crashes|goes down|go down)",
    "(would|i would) welcome (a heart attack|death|the end|an accident|a crash|cancer|a fatal|a terminal|a terminal diagnosis|a terminal illness|an illness)",
    "(do not|not|never|would not) care (if|whether) i (live|die) or (die|live|not)",
    "(would not|do not) mind (not exist|not being here|not be here|not waking up|not wake up|dying|die|being dead|be dead)",
    "(do not|can not) see myself (be|being) (alive|here|around) (in|by|next|for|much)",
    "(relief|release|blessing|mercy) to (die|be dead|not wake up|not exist|be gone)",
    "(better off|happier|be|rather be) (six feet under|in the ground|in a box|pushing up daisies|in my grave)",
    "want out (of this life|of life|of this world|of existence)",
    "(not sure|do not know if|do not know whether|unsure if|unsure whether) i [even] (want|wanna) to (live|be alive|be here|exist|carry on|go on|keep going|keep living) ",
    "(hate|hated|despise) (being alive|living|existing|still being alive)",
    "if i (got|get) hit by (a|the) (bus|car|train|truck|lorry)",
    "(want|wish|need) (my life|life|it|it all|everything) * (be over|over)",
    "(do not|not|never) deserve to (live|be alive|be here|exist|be happy and alive)",
    "(should not|should never|shouldnt) be (alive|here|born)",
    "(why|how) (be|am) i still (alive|here|breathing)",
    "(why|how) (be|am) i [even|even still] (alive|breathing)",
    "why i (be|am) still (alive|here|breathing)",
    "deserve to die",
    "(easier|better|nicer|simpler|kinder) (to be dead|to die|being dead|if i die|if i died|if i be dead|if i did not wake up)",
    "(want|need|like) to [just] (go to sleep and (never|not) wake up|fall asleep and (never|not) wake up|never wake up|not wake up|sleep forever|stop exist|not exist)",
    "(wait|waiting) (to die|for death|for the end|to be dead)",
    "(want|need) (the pain|it all|everything|the hurt) to (stop|end) [forever|for good]",
    "(hope|wish|pray) * (get|got|have) (cancer|ill|sick|hit) and die",
    "(wish|wished) i (be|had) not (alive|here|born)",
    "(wish|wished) i (be) never born",
    "(tired|sick|weary) of (be alive|being alive|existing|exist)",
  ),
  // ------------------------------------------------------------ hopelessness: no point, a burden
  ...cues("hopelessness")(
    "nothing [be|will] [ever] [go to|gonna] (get|be|feel) (better|any better|easier)",
    "(it|its|things|life|my life|this) [be|will] never [ever] [go to|gonna] (get|be|feel) (better|any better|easier)",
    "(can not|do not) see (a|any) way (forward|through|ahead)",
    "no light at the end of (the|this|my) tunnel",
    "no (version of the|version of my) future",
    "(run out of|ran out of|no more|lost all my|lost my|out of) (reason|reasons) to (live|keep going|go on|stay|be here|carry on|keep living|stay alive)",
    "(tired|sick|weary|exhausted) of (trying to|try to) (live|stay alive|keep going|be alive)",
    "(just|only) (exist|existing) [and] not (living|live)",
    "(do not think|not sure|doubt|do not know if) i (will|would|be go to) make it to (<num>|thirty|forty|twenty|my <num>|next year|christmas|my birthday)",
    "(can not|do not|can no longer) see (a|any) reason [for me] to [still] (live|be here|be alive|go on|keep going|carry on|stay)",
    "life (be) [just|only|nothing but] (pain|suffering|misery|torture|agony)",
    "(do not know|not sure|no idea) why i (keep going|bother|carry on|be still here|keep trying|keep living|even try|still bother)",
    "(easier|better|happier|lighter|freer|simpler|calmer) (life|lives|time|place) without me",
    "(lighter|freer|better|happier|easier) without me (in it|around|here)",
    "deserve [a] better (mum|mom|dad|parent|partner|daughter|son|friend|sister|brother|wife|husband|girlfriend|boyfriend) than me",
    "(get over it|be relieved|relieved|be better off|be free|be happier|be fine|move on) * if i (be|was|were) (gone|dead|not here|not around)",
    "if i (be|was|were) (gone|dead|not here|not around|no longer here) * (get over it|relieved|better off|free|happier|fine|would not have to|not have to|not need to|would not need to)",
    "(better|easier|happier) [off] for (all of them|all of us|everyone|everybody|them|my family|the family|my kids|people|you|him|her) (if|when) i [just] (disappeared|died|die|vanished|was gone|be gone|was not here|be not here|was dead|be dead)",
    "(take|taking|took) up space",
    `without me [my] (${FAMILY}|she|he|they|everyone|everybody|you|we|the world) (would|will|could) [finally|all] be (free|happier|better|fine|better off|okay|ok|relieved|lighter)`,
    "(sick|tired|weary) of being (the|a) (problem|burden|nuisance|disappointment|letdown)",
    "(they|everyone|everybody|you|my family|people|the world|she|he) (would|will) [all] be better off (if|without|when|i know)",
    "(they|everyone|everybody|my family|the world) (would|will) all be better off",
    "(everyone|everybody|my family|the world|they all) (would|will) be better off",
    "(would|will|does) (anyone|anybody|people|everyone) [even|actually|really] (notice|care|miss me) (if i|when i)",
    "(better|easier|happier) [off] without me",
    "(do not|can not|not|no longer) see the point (in|of) (live|living|life|go on|going on|carry on|be alive|being alive|anything|it all|existing|any of it|me being here|being here|me)",
    "(life|living|existence|existing|my life) (feel|be|seem) [so|completely|totally] (pointless|meaningless|hopeless|not worth it|empty and pointless)",
    "(better|easier|happier) [off] [for everyone|for everybody|for them|for my family] (if|when) i (would|had) never (be|been) born",
    "(better|easier|happier) [off] [for everyone|for everybody|for them|for my family] (if|when) i [just] (be|am|was|were|be not) (gone|dead|not around|not here|not alive|never born|no longer here)",
    "(better|easier|happier|relieved|glad|happy) [off] [for everyone|for everybody|for them|for my family] (if|when) i [just] (disappeared|died|die|vanished|left for good|did not exist|was not here)",
    "(can not|do not|can no longer) see (a|any) way out",
    "what [be] [even] the point (anymore|any more)",
    "(do not think|not sure|do not know if) i can (carry on|go on|keep going|keep living|do this anymore)",
    "happier (if|when|without) (i|me) * (gone|dead|not around|not here)",
    "(be|feel like|feel) (a|such a|just a|only a|nothing but a) burden",
    "burden (to|on|for) (everyone|my|them|others|people|the|you|everybody)",
    "(no one|nobody|noone) (would|will|would even) (miss me|notice|care|miss)",
    "(no one|nobody) (care|cares) if i (die|live|be alive|be gone)",
    "what [be] [even] the point (in|of) [even] (live|living|life|be alive|being alive|go on|going on|carry on|anything|it all|any of it|trying|me|existing|exist)",
    "(no|not any|any) point [in|of|to] [me] [even] (live|living|life|be alive|being alive|go on|going on|carry on|any of it|it all|existing|exist)",
    "no point (anymore|any more|to any of it|to anything)",
    "(no|not see a|not see any|can not see a|can not see any|can not find a|can not find any|not find a) reason [for me] to (live|go on|stay|be alive|keep going|carry on|be here|keep living)",
    "(done|tired|sick|weary) [of] fighting",
    "(favour|favor) (if|when|by) i (died|die|be gone|was gone|disappeared|killed myself|dying|disappearing)",
    "(exhausted|tired|sick|weary|worn out|drained) (by|of|with) (life|living|existing|being alive)",
    "(had enough|fed up) (of|with) (life|living|being alive|existing)",
    "can not fight (it|this|anymore|any longer) [anymore]",
    "(no one|nobody|they|no body) (will|would) (have to|need to) (deal with|put up with|worry about|look after|see) me (anymore|any more|after|again|ever)",
    "nothing [left] to live for",
    "(can not|can no longer|can not keep) (go on|carry on|keep going|keep live|keep living|continue)",
    "can not keep (go|going|live|living|do this|doing this) (like this|anymore|any more)",
    "(do not|not) know how [much] longer i can (go on|keep going|keep go|do this|take this|take it|live like this|hold on|last)",
    "(life|living) (be not|not|isnt|be never) worth (live|living|it)",
    "(tired|sick|weary) of (live|living|life)",
    "done with (life|living|live|this life|it all|this world|everything)",
    "give up on (life|living|live|everything|myself)",
    "(no|not see a|not see any|can not see a|can not see any|do not see a|do not see any|see no|never have a) future",
    "(life|my life|living) (have|has|had) no (meaning|point|purpose|value)",
    "no (meaning|purpose|point) (in|to) (life|my life|living|being alive)",
    "(no|not see any|can not see any) way out",
    "(waste|waste of) (space|oxygen|air)",
    "too (painful|hard|much) to (keep living|keep going|live|go on|carry on|bear living)",
    "only (stay|staying|live|living|keep going|keep myself) [alive] (for|because)",
    "(world|everyone|everybody|family) (would|will) be better without me",
    "(no|nothing) to look forward to",
    "nothing (will|be go to) ever get better",
    "(hopeless|pointless) (to|about) (live|living|life|carry on|go on)",
  ),
  // ------------------------------------------------------------ context that counts only with risk
  ...cues("distress")(
    "(not|no longer) (scared|afraid|frightened) (anymore|any more|of dying|of death|to die|now)",
    "why bother",
    "(every day|each day|everything|life) (be|feel) [just] (the same|grey|pointless|meaningless|nothing)",
    "can not see (it|that|this|things) ever (change|changing|getting better|improving|not being|being different)",
    "(everything|it all|all of it|life) [be] [so] pointless",
    "(still|just) want out",
    "can not (do|face|take|survive|get through) another (night|day)",
    "(do not|not|no longer) care (what happen|what happens|what becomes) (to|of) me",
    "(do not|not|no longer) care what happens",
    "can not (do this|take this|take it|cope|go on) [anymore|any more]",
    "can not (anymore|any more|do it anymore)",
    "(hopeless|worthless|pointless|empty inside)",
    "(give up|giving up|given up)",
    "(end of my|end of the) (rope|tether)",
    "(have|had) enough",
    "(i be done|i be finished)",
    "nothing matters",
    "(want|need) (the pain|it|this) to stop",
    "no point",
    "what [be] [even] the point",
    "never be happy",
    "(i give up|give up)",
  ),
  ...cues("mention")(
    "unalive",
    "(suicide|overdose|self harm|kill myself|killed myself|noose|self harming|suicidal)",
    "(kill|killed|hurt|harm|harmed|cut|hang|hanged|hung) (himself|herself|themselves|themself)",
  ),
  ...cues("try-again")(
    "(want|go to|gonna|will|going to|need) to try again",
    "try [it] again",
    "(be|i be) go back (today|tonight|tomorrow|there|later)",
    "(be|i be) go back",
  ),
  ...cues("fixation")(
    "(keep|kept|be|been|can not stop) (look|looking|stare|staring|glance|glancing) at (it|them)",
    "(keep|kept|be|been|can not stop) (think|thinking) about (drink|drinking|swallow|swallowing|take|taking|use|using) (it|them)",
    "(that|which|it|this) (would|will|could|should|might) do (it|the job|the trick)",
    "(stare|staring|stared|look|looking) at it all (evening|night|day)",
  ),
  ...cues("access")(
    "know where (the key|the keys|the code|he keep|she keep|they keep|it be kept|they be kept|it be|they be)",
    "(have|got|get) access to (a|the|my|his|her|dad) (gun|shotgun|rifle|pills|tablets|meds|medication|key)",
  ),
  ...cues("relapse")("(relapse|relapsed|slipped up|slip up|had a relapse)"),
];

/**
 * Words run together to dodge a filter, and the words they stand for.
 * @example RUN_TOGETHER.killmyself // "kill myself"
 */
export const RUN_TOGETHER: Readonly<Record<string, string>> = {
  wanttodie: "want to die",
  wannadie: "want to die",
  killmyself: "kill myself",
  killingmyself: "kill myself",
  endmylife: "end my life",
  takemyownlife: "take my own life",
  hangmyself: "hang myself",
  unalivemyself: "unalive myself",
  suicidal: "suicidal",
  betteroffdead: "better off dead",
};
