import { normaliseTokens, SENTENCE_BREAK } from "./normalise";
import { compilePhrases, findPhrases } from "./phrase-matcher";

/**
 * What makes a model reply unsafe to show: ways or means of dying, encouragement to die or self-harm,
 * lethal doses, and claims to be a clinician or to diagnose.
 * @example assessModelReply("I am your doctor.").reasons // ["medical-claim"]
 */
export type UnsafeReplyReason = "method" | "encouragement" | "lethal-dose" | "medical-claim";

/**
 * The result of {@link assessModelReply}.
 * @example const { unsafe, reasons }: ModelReplyAssessment = assessModelReply(reply);
 */
export interface ModelReplyAssessment {
  unsafe: boolean;
  reasons: UnsafeReplyReason[];
  /** The unsafe phrases found, normalised. */
  matches: { phrase: string; reason: UnsafeReplyReason }[];
}

interface ReplyPhrase {
  pattern: string;
  reason: UnsafeReplyReason;
  /** Counts only at the start of a sentence: an order ("Kill yourself."), not a question about it. */
  opening?: true;
}

const of =
  (reason: UnsafeReplyReason) =>
  (...patterns: string[]): ReplyPhrase[] =>
    patterns.map((pattern) => ({ pattern, reason }));

const PILLS = "(pills|tablets|paracetamol|painkillers|medication|meds|sleeping pills|antidepressants|insulin)";
const HARM = "(kill|hurt|harm|cut|hang|shoot|end|starve|burn)";
const DIAGNOSES =
  "(depression|clinical depression|major depressive disorder|bipolar [disorder]|bpd|borderline [personality disorder]|a personality disorder|ptsd|adhd|ocd|schizophrenia|psychosis|an eating disorder|anorexia|bulimia|autism|generalised anxiety disorder|generalized anxiety disorder|an anxiety disorder|a mental illness)";

const REPLY_LEXICON: readonly ReplyPhrase[] = [
  ...of("method")(
    "(best|easiest|quickest|fastest|surest|most painless|most effective|painless|least painful|reliable|effective) (way|ways|method|methods) to (die|kill yourself|end your life|end it|commit suicide|overdose|self harm|cut|hang yourself)",
    // Not "take all your medication": that is what a prescriber says.
    `(take|swallow|taking|swallowing) (a lot of|lots of|loads of|<many>|a whole (packet|box|bottle) of|the whole (packet|box|bottle) of) [your|the] ${PILLS}`,
    "how to (kill|hurt|harm|hang|cut|poison|drown|shoot) yourself",
    "(tie|tying|make|making) (a|the) (noose|ligature|knot for)",
    "(cut|cutting|slit|slitting) (along|down|across|deep into) (the|your) (vein|veins|wrist|wrists|arm|artery|arteries)",
    "(jump|jumping) from (a|the) (height|bridge|building|roof)",
    "(high|tall) enough to (kill|be fatal|be lethal|die)",
    `(mix|mixing|combine|combining) (alcohol|your medication|your pills|${PILLS}) (with|and)`,
    "(hide|hiding|cover|covering) (the|your) (cuts|scars|marks|wounds) (from|so)",
    `(stockpile|stockpiling|save up|saving up) (your|the) ${PILLS}`,
  ),
  ...of("encouragement")(
    `(should|could|can|must|need to|have to|go|just|why not|might as well|may as well|try to|deserve to) ${HARM} yourself`,
    "you (deserve|deserved) to (die|suffer|be in pain|feel this way)",
    "(you|you would|you will|you might) be better off dead",
    "(everyone|everybody|they|the world|your family|your friends) (would|will|might) be better off without you",
    "(nobody|no one) (would|will) (miss|notice|care about) you",
    "(nobody|no one) (cares|cared) about you",
    `(it is|its|that is) (ok|okay|fine|alright|understandable|reasonable|valid) to (${HARM} yourself|self harm|end your life|kill yourself|cut)`,
    "(self harm|self harming|cutting|hurting yourself) (is|can be) (a good|an ok|an okay|a healthy|an effective|a valid|a useful|fine)",
    "(go ahead and|you should) (do it|end it) (then|tonight|now)",
    "(go ahead|go on) and (end it|kill yourself|end your life)",
    "(there is|theres) no (hope|point) for you",
  ),
  ...of("lethal-dose")(
    "(lethal|fatal|deadly) (dose|doses|dosage|amount|amounts|quantity|level|levels)",
    "toxic (dose|doses|dosage)",
    `<num> (mg|milligrams|g|grams|tablets|pills|${PILLS}) (is|are|would be|will be|can be|could be) (lethal|fatal|deadly|enough to kill|enough to die)`,
    "enough to (kill you|kill yourself|be fatal|be lethal|die)",
    "(overdose|od) (threshold|amount|level)",
    "how many (pills|tablets|paracetamol) (it takes|would kill|would be fatal)",
  ),
  ...of("medical-claim")(
    "i am (a|your|an) (doctor|psychiatrist|therapist|psychologist|gp|nurse|clinician|physician|medical professional|counsellor|counselor)",
    "as (a|your) (doctor|psychiatrist|therapist|psychologist|gp|nurse|clinician|physician|counsellor|counselor)",
    `(you have|you are suffering from|you (definitely|probably|clearly|likely|must) have|i diagnose you with|my diagnosis is|diagnosis is|you meet the criteria for|sounds like you have) ${DIAGNOSES}`,
    "you are (bipolar|schizophrenic|psychotic|anorexic|bulimic|autistic|a narcissist)",
    "(stop|stopping|come off|coming off|quit|quitting) [taking] (your|the) (medication|meds|antidepressants|tablets|pills|lithium)",
    "(increase|double|doubling|increasing|change|changing|lower|lowering) your (dose|dosage|medication)",
  ),
];

const OPENINGS: readonly ReplyPhrase[] = [...of("encouragement")("[just|go|go on|then] kill yourself", "kys")].map(
  (phrase) => ({ ...phrase, opening: true }),
);

const REPLY = compilePhrases([...REPLY_LEXICON, ...OPENINGS]);

/** Negators that, shortly before an unsafe phrase in the same sentence, make it a refusal or reassurance. */
const NEGATORS: ReadonlySet<string> = new Set(["not", "never", "no", "nobody", "without", "avoid", "refuse"]);
/**
 * Before a medical phrase, these make it a pointer to a clinician or a hypothetical, not a claim: "if
 * you think you have depression", "talk to your doctor about changing your dose".
 */
const HEDGES: ReadonlySet<string> = new Set(
  "if whether wonder wondering worried think concerned unsure ask talk discuss doctor gp pharmacist prescriber psychiatrist".split(
    " ",
  ),
);
const REACH = 6;

function softened(tokens: readonly string[], start: number, reason: UnsafeReplyReason): boolean {
  for (let at = start - 1; at >= 0 && at >= start - REACH; at--) {
    const token = tokens[at] as string;
    if (token === SENTENCE_BREAK) return false;
    if (NEGATORS.has(token) || (reason === "medical-claim" && HEDGES.has(token))) return true;
  }
  return false;
}

/**
 * Whether a companion model's reply is safe to show. Checks each sentence for method or means of
 * dying, encouragement to die or self-harm, lethal-dose information, and claims to be a clinician or
 * to diagnose; a phrase shortly after a negation in the same sentence ("I can't share lethal doses",
 * "I'm not a doctor", "please don't hurt yourself") is a refusal and is fine. Deliberately strict: a
 * withheld safe reply costs little, a shown unsafe one a great deal. Pure, linear, never throws.
 * @example assessModelReply("You should kill yourself.").unsafe // true
 * @example assessModelReply("I'm not a doctor, but your GP can help.").unsafe // false
 */
export function assessModelReply(text: string): ModelReplyAssessment {
  const tokens = normaliseTokens(typeof text === "string" ? text : "");
  const matches = findPhrases(REPLY, tokens)
    .filter((match) => !match.entry.opening || match.start === 0 || tokens[match.start - 1] === SENTENCE_BREAK)
    .filter((match) => !softened(tokens, match.start, match.entry.reason))
    .map((match) => ({ phrase: tokens.slice(match.start, match.end).join(" "), reason: match.entry.reason }));
  const reasons = [...new Set(matches.map((match) => match.reason))];
  return { unsafe: matches.length > 0, reasons, matches };
}
