/**
 * PHQ-9 and GAD-7 (public-domain questionnaires): scored on the device and again on the server with the
 * same function, so both always agree on the total, the severity band and the risk item. The C-SSRS
 * screener, which has no total, is triaged in ./cssrs.ts.
 */

/**
 * The questionnaires Haven offers.
 * @example INSTRUMENTS.includes("GAD-7") // true
 */
export const INSTRUMENTS = ["PHQ-9", "GAD-7"] as const;

/** @example const instrument: Instrument = "PHQ-9"; */
export type Instrument = (typeof INSTRUMENTS)[number];

/**
 * How many items each questionnaire has.
 * @example ITEM_COUNT["GAD-7"] // 7
 */
export const ITEM_COUNT: Readonly<Record<Instrument, number>> = Object.freeze({ "PHQ-9": 9, "GAD-7": 7 });

/**
 * Severity bands; GAD-7 never reports "moderately severe".
 * @example const severity: Severity = "moderately severe";
 */
export type Severity = "minimal" | "mild" | "moderate" | "moderately severe" | "severe";

/**
 * A scored questionnaire.
 * @example const score: AssessmentScore = { instrument: "GAD-7", score: 3, severity: "minimal", riskItemPositive: false };
 */
export interface AssessmentScore {
  instrument: Instrument;
  score: number;
  severity: Severity;
  riskItemPositive: boolean;
}

/** Lowest total of each band, highest band first (Kroenke 2001 for PHQ-9; Spitzer 2006 for GAD-7). */
const BANDS: Readonly<Record<Instrument, readonly (readonly [number, Severity])[]>> = {
  "PHQ-9": [
    [20, "severe"],
    [15, "moderately severe"],
    [10, "moderate"],
    [5, "mild"],
    [0, "minimal"],
  ],
  "GAD-7": [
    [15, "severe"],
    [10, "moderate"],
    [5, "mild"],
    [0, "minimal"],
  ],
};

/** PHQ-9 item 9 ("thoughts that you would be better off dead, or of hurting yourself"), zero-based. */
const PHQ9_RISK_ITEM = 8;

/**
 * Totals a questionnaire whose answers are each an integer 0..3 ("not at all" .. "nearly every day"), in
 * item order. Any answer on PHQ-9 item 9 other than "not at all" is positive on the risk item. A wrong
 * number of answers, or an answer that is not an integer 0..3, is answered with an error value.
 * @example scoreAssessment("PHQ-9", [1, 1, 1, 1, 1, 0, 0, 0, 1])
 * // { instrument: "PHQ-9", score: 6, severity: "mild", riskItemPositive: true }
 * @example scoreAssessment("GAD-7", [0, 1]) // { error: "WRONG_ITEM_COUNT" }
 */
export function scoreAssessment(
  instrument: Instrument,
  answers: readonly number[],
): AssessmentScore | { error: "WRONG_ITEM_COUNT" | "ANSWER_OUT_OF_RANGE" } {
  const bands = BANDS[instrument];
  // An instrument name that came from JSON may be anything; treat it like a questionnaire of the wrong length.
  if (bands === undefined || answers.length !== ITEM_COUNT[instrument]) return { error: "WRONG_ITEM_COUNT" };
  let score = 0;
  // An indexed loop rather than every/reduce, which skip the holes of a sparse array.
  for (let i = 0; i < answers.length; i++) {
    const answer = answers[i];
    if (answer === undefined || !Number.isInteger(answer) || answer < 0 || answer > 3) {
      return { error: "ANSWER_OUT_OF_RANGE" };
    }
    score += answer;
  }
  const severity = bands.find(([min]) => score >= min)?.[1] ?? "minimal";
  const riskItemPositive = instrument === "PHQ-9" && (answers[PHQ9_RISK_ITEM] ?? 0) >= 1;
  return { instrument, score, severity, riskItemPositive };
}

/**
 * The rolling window over which questionnaires are limited: 14 days.
 * @example ASSESSMENT_WINDOW_MS // 1_209_600_000
 */
export const ASSESSMENT_WINDOW_MS = 14 * 24 * 3600_000;

/**
 * How many of one questionnaire may be taken in a window (the seed's rule).
 * @example ASSESSMENTS_PER_WINDOW // 2
 */
export const ASSESSMENTS_PER_WINDOW = 2;

/**
 * Whether another questionnaire of one instrument may be taken at `atMs`, given when that instrument was
 * taken before: allowed while every 14-day window (end − 14 days, end] that would contain it holds
 * fewer than two others. Offline replays arrive out of order, so later entries count too: two taken on
 * days 5 and 10 refuse a replayed one from day 1. Pass only that instrument's times. A non-finite
 * `atMs` is not allowed.
 * @example assessmentAllowed([0, 1000], 1000) // false
 * @example assessmentAllowed([0, 1000], ASSESSMENT_WINDOW_MS) // true, 0 has left the window
 */
export function assessmentAllowed(previousAtMs: readonly number[], atMs: number): boolean {
  if (!Number.isFinite(atMs)) return false;
  const ends = [atMs, ...previousAtMs.filter((at) => at >= atMs && at < atMs + ASSESSMENT_WINDOW_MS)];
  return ends.every(
    (end) => previousAtMs.filter((at) => at > end - ASSESSMENT_WINDOW_MS && at <= end).length < ASSESSMENTS_PER_WINDOW,
  );
}
