/**
 * The Columbia Suicide Severity Rating Scale screener (C-SSRS Screen Version, "Recent": the past
 * month, with behaviour asked over the lifetime and then "within the past 3 months?"): six yes/no
 * questions with the screener's own skip logic, triaged by the screener's rule and mapped to
 * Haven's flag levels. Scored on the device and again on the server with this one function, so
 * both always agree on the flag it raises.
 *
 * The questions (the wording the PWA shows lives in pwa/src/screens/questionnaires.ts):
 * 1. `wishToBeDead`: wished you were dead or could go to sleep and not wake up;
 * 2. `suicidalThoughts`: any actual thoughts of killing yourself;
 *    if yes, ask 3–5; if no, go straight to 6;
 * 3. `method`: thinking about how you might do this;
 * 4. `intent`: these thoughts with some intention of acting on them;
 * 5. `plan`: worked out (or started to) the details, and intend to carry out the plan;
 * 6. `behaviour`: ever done, started or prepared anything to end your life;
 *    if yes, `behaviourWithin3Months`: was this within the past 3 months?
 */
import type { CssrsCategory, FlagLevel } from "./risk-flags";

/** The instrument's name, as assessments carry it. */
export const CSSRS = "C-SSRS" as const;

/**
 * The screener's items in the order it asks them.
 * @example CSSRS_ITEMS[0] // "wishToBeDead"
 */
export const CSSRS_ITEMS = [
  "wishToBeDead",
  "suicidalThoughts",
  "method",
  "intent",
  "plan",
  "behaviour",
  "behaviourWithin3Months",
] as const;

/** @example const item: CssrsItem = "plan"; */
export type CssrsItem = (typeof CSSRS_ITEMS)[number];

/** The items asked only after a yes to Q2 (suicidal thoughts). */
const AFTER_THOUGHTS = ["method", "intent", "plan"] as const satisfies readonly CssrsItem[];

/**
 * One screener's answers, true for yes. Q3–Q5 are asked only after a yes to Q2 (absent, or no,
 * otherwise); the 3-month question only after a yes to Q6 (absent otherwise).
 * @example const answers: CssrsAnswers = { wishToBeDead: true, suicidalThoughts: false, behaviour: false };
 */
export interface CssrsAnswers {
  wishToBeDead: boolean;
  suicidalThoughts: boolean;
  method?: boolean;
  intent?: boolean;
  plan?: boolean;
  behaviour: boolean;
  behaviourWithin3Months?: boolean;
}

/**
 * What the screener raises: the flag's level and the most severe category answered yes; both
 * null when every answer is no (no flag).
 * @example const triage: CssrsTriage = { level: "high", category: "plan" };
 */
export type CssrsTriage =
  | { level: Exclude<FlagLevel, "low">; category: CssrsCategory }
  | { level: null; category: null };

/**
 * Why answers do not fit the screener, and at which item:
 * - `ANSWER_MISSING`: a question that is asked has no answer;
 * - `ANSWER_NOT_YES_NO`: an answer is not true or false;
 * - `SKIPPED_ITEM_ANSWERED`: a question the skip logic leaves out has an answer (Q3–Q5 yes after
 *   a no to Q2; the 3-month question after a no to Q6);
 * - `UNKNOWN_ITEM`: the screener has no such question.
 */
export type CssrsError = {
  error: "ANSWER_MISSING" | "ANSWER_NOT_YES_NO" | "SKIPPED_ITEM_ANSWERED" | "UNKNOWN_ITEM";
  item: string;
};

/**
 * The questions asked, in order, given the answers so far: Q1, Q2 and Q6 always; Q3–Q5 after a
 * yes to Q2; the 3-month question after a yes to Q6. A form shows these and no others.
 * @example cssrsAsked({ suicidalThoughts: false }) // ["wishToBeDead", "suicidalThoughts", "behaviour"]
 */
export function cssrsAsked(answers: Partial<CssrsAnswers>): CssrsItem[] {
  return CSSRS_ITEMS.filter((item) => {
    if ((AFTER_THOUGHTS as readonly CssrsItem[]).includes(item)) return answers.suicidalThoughts === true;
    if (item === "behaviourWithin3Months") return answers.behaviour === true;
    return true;
  });
}

/**
 * Triages the screener by the Columbia rule, mapped to Haven's levels: a yes to Q4 (intent), Q5
 * (plan) or Q6 within the past 3 months is `high` (the screener's high risk); a yes to Q3
 * (method) or to Q6 longer ago is `medium` (its moderate risk); a yes to Q1 or Q2 alone is
 * `medium` too (the screener's low risk, but Haven treats any suicidal content as at least
 * medium, like PHQ-9 item 9); all no raises nothing. The category is the most severe one answered
 * yes, in the order of CSSRS_CATEGORIES: behaviour (Q6, recent or not), plan, intent, method,
 * suicidal-thoughts, wish-to-be-dead. Answers that do not fit the screener's form (see
 * CssrsError) are answered with an error value, never a triage.
 * @example triageCssrs({ wishToBeDead: true, suicidalThoughts: false, behaviour: false })
 * // { level: "medium", category: "wish-to-be-dead" }
 * @example triageCssrs({ wishToBeDead: false, suicidalThoughts: false, behaviour: true, behaviourWithin3Months: true })
 * // { level: "high", category: "behaviour" }
 * @example triageCssrs({ wishToBeDead: false, suicidalThoughts: false, plan: true, behaviour: false })
 * // { error: "SKIPPED_ITEM_ANSWERED", item: "plan" }
 */
export function triageCssrs(answers: CssrsAnswers): CssrsTriage | CssrsError {
  // Answers may come from JSON: anything that is not an object has answered nothing.
  const given: Record<string, unknown> = typeof answers === "object" && answers !== null ? { ...answers } : {};
  const unknown = Object.keys(given).find((key) => !(CSSRS_ITEMS as readonly string[]).includes(key));
  if (unknown !== undefined) return { error: "UNKNOWN_ITEM", item: unknown };
  for (const item of CSSRS_ITEMS) {
    const value = given[item];
    if (value !== undefined && typeof value !== "boolean") return { error: "ANSWER_NOT_YES_NO", item };
  }
  const asked = cssrsAsked(given as Partial<CssrsAnswers>);
  for (const item of CSSRS_ITEMS) {
    const value = given[item];
    if (asked.includes(item)) {
      if (value === undefined) return { error: "ANSWER_MISSING", item };
      // Q3–Q5 after a no to Q2 may be sent as no (a form that sends every item); a yes is not.
    } else if (value === true || (item === "behaviourWithin3Months" && value !== undefined)) {
      return { error: "SKIPPED_ITEM_ANSWERED", item };
    }
  }
  const a = given as unknown as CssrsAnswers;
  const recentBehaviour = a.behaviour && a.behaviourWithin3Months === true;
  const category = mostSevere(a);
  if (category === null) return { level: null, category: null };
  const high = a.intent === true || a.plan === true || recentBehaviour;
  return { level: high ? "high" : "medium", category };
}

/** The most severe category answered yes, or null when all are no. */
function mostSevere(a: CssrsAnswers): CssrsCategory | null {
  if (a.behaviour) return "behaviour";
  if (a.plan) return "plan";
  if (a.intent) return "intent";
  if (a.method) return "method";
  if (a.suicidalThoughts) return "suicidal-thoughts";
  if (a.wishToBeDead) return "wish-to-be-dead";
  return null;
}
