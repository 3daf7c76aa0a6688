import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ASSESSMENT_WINDOW_MS,
  ASSESSMENTS_PER_WINDOW,
  type AssessmentScore,
  assessmentAllowed,
  INSTRUMENTS,
  type Instrument,
  ITEM_COUNT,
  type Severity,
  scoreAssessment,
} from "./assessments";

const DAY = 24 * 3_600_000;
const SEVERITY_ORDER: readonly Severity[] = ["minimal", "mild", "moderate", "moderately severe", "severe"];

/** Answers for `instrument` that total `score`, filled from the first item, leaving PHQ-9 item 9 at 0 when it can. */
function answersTotalling(instrument: Instrument, score: number): number[] {
  const answers: number[] = new Array(ITEM_COUNT[instrument]).fill(0);
  let left = score;
  for (let i = 0; i < answers.length && left > 0; i++) {
    answers[i] = Math.min(3, left);
    left -= answers[i] ?? 0;
  }
  return answers;
}

function scored(instrument: Instrument, answers: readonly number[]): AssessmentScore {
  const result = scoreAssessment(instrument, answers);
  if ("error" in result) throw new Error(`expected a score, got ${result.error}`);
  return result;
}

describe("scoreAssessment bands", () => {
  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "moderately severe"],
    [19, "moderately severe"],
    [20, "severe"],
    [27, "severe"],
  ] as const)("scores a PHQ-9 total of %i as %s", (score, severity) => {
    expect(scored("PHQ-9", answersTotalling("PHQ-9", score))).toMatchObject({ score, severity });
  });

  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "severe"],
    [21, "severe"],
  ] as const)("scores a GAD-7 total of %i as %s", (score, severity) => {
    expect(scored("GAD-7", answersTotalling("GAD-7", score))).toMatchObject({ score, severity });
  });

  it("returns the instrument it scored", () => {
    expect(scored("GAD-7", [0, 0, 0, 0, 0, 0, 0]).instrument).toBe("GAD-7");
  });
});

describe("scoreAssessment risk item", () => {
  it("flags PHQ-9 when item 9 is 1 or more, whatever the total", () => {
    for (const answer of [1, 2, 3]) {
      expect(scored("PHQ-9", [0, 0, 0, 0, 0, 0, 0, 0, answer]).riskItemPositive).toBe(true);
    }
  });

  it("does not flag PHQ-9 when item 9 is 0, even at a high total", () => {
    expect(scored("PHQ-9", [3, 3, 3, 3, 3, 3, 3, 3, 0]).riskItemPositive).toBe(false);
  });

  it("looks only at item 9, not item 8 or item 1", () => {
    expect(scored("PHQ-9", [3, 0, 0, 0, 0, 0, 0, 3, 0]).riskItemPositive).toBe(false);
  });

  it("never flags GAD-7, even with every answer at 3", () => {
    expect(scored("GAD-7", [3, 3, 3, 3, 3, 3, 3]).riskItemPositive).toBe(false);
  });
});

describe("scoreAssessment invalid input", () => {
  it.each([
    ["PHQ-9", 8],
    ["PHQ-9", 10],
    ["PHQ-9", 0],
    ["PHQ-9", 7],
    ["GAD-7", 6],
    ["GAD-7", 8],
    ["GAD-7", 9],
  ] as const)("answers %s with %i answers with WRONG_ITEM_COUNT", (instrument, count) => {
    expect(scoreAssessment(instrument, new Array(count).fill(0))).toEqual({ error: "WRONG_ITEM_COUNT" });
  });

  it.each([4, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "answers an answer of %s with ANSWER_OUT_OF_RANGE",
    (bad) => {
      expect(scoreAssessment("PHQ-9", [0, 0, 0, bad, 0, 0, 0, 0, 0])).toEqual({ error: "ANSWER_OUT_OF_RANGE" });
      expect(scoreAssessment("GAD-7", [0, 0, 0, 0, 0, 0, bad])).toEqual({ error: "ANSWER_OUT_OF_RANGE" });
    },
  );

  it("reports the wrong count before a bad answer", () => {
    expect(scoreAssessment("GAD-7", [4, 4])).toEqual({ error: "WRONG_ITEM_COUNT" });
  });

  it("refuses a sparse array with holes rather than scoring the holes as 0", () => {
    const sparse: number[] = new Array(7);
    sparse[0] = 1;
    expect(scoreAssessment("GAD-7", sparse)).toEqual({ error: "ANSWER_OUT_OF_RANGE" });
  });

  it("answers an instrument name it does not know (say, from JSON) with WRONG_ITEM_COUNT", () => {
    expect(scoreAssessment("PHQ-2" as Instrument, [0, 0])).toEqual({ error: "WRONG_ITEM_COUNT" });
  });

  it("does not mutate the answers", () => {
    const answers = [1, 2, 3, 0, 1, 2, 3];
    scoreAssessment("GAD-7", answers);
    expect(answers).toEqual([1, 2, 3, 0, 1, 2, 3]);
  });
});

describe("scoreAssessment properties", () => {
  const answersFor = (instrument: Instrument) =>
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: ITEM_COUNT[instrument], maxLength: ITEM_COUNT[instrument] });
  const twoSets = fc
    .constantFrom(...INSTRUMENTS)
    .chain((instrument) => fc.tuple(fc.constant(instrument), answersFor(instrument), answersFor(instrument)));

  it("scores the sum of the answers", () => {
    fc.assert(
      fc.property(twoSets, ([instrument, answers]) => {
        expect(scored(instrument, answers).score).toBe(answers.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it("never gives a lower severity to a higher score", () => {
    fc.assert(
      fc.property(twoSets, ([instrument, a, b]) => {
        const [lo, hi] = [scored(instrument, a), scored(instrument, b)].sort((x, y) => x.score - y.score);
        if (lo === undefined || hi === undefined) throw new Error("two scores expected");
        expect(SEVERITY_ORDER.indexOf(lo.severity)).toBeLessThanOrEqual(SEVERITY_ORDER.indexOf(hi.severity));
      }),
    );
  });
});

describe("assessmentAllowed", () => {
  const now = 100 * DAY;

  it("allows a first and a second questionnaire in a window", () => {
    expect(ASSESSMENTS_PER_WINDOW).toBe(2);
    expect(ASSESSMENT_WINDOW_MS).toBe(14 * DAY);
    expect(assessmentAllowed([], now)).toBe(true);
    expect(assessmentAllowed([now - DAY], now)).toBe(true);
  });

  it("refuses a third within 14 days", () => {
    expect(assessmentAllowed([now - 13 * DAY, now - DAY], now)).toBe(false);
  });

  it("counts one taken at the same instant as inside the window", () => {
    expect(assessmentAllowed([now, now - DAY], now)).toBe(false);
  });

  it("drops one taken exactly 14 days earlier out of the window, and keeps one taken 1 ms later", () => {
    expect(assessmentAllowed([now - 14 * DAY, now - DAY], now)).toBe(true);
    expect(assessmentAllowed([now - 14 * DAY + 1, now - DAY], now)).toBe(false);
  });

  it("counts questionnaires timed after the one being checked (an offline replay arrives late)", () => {
    expect(assessmentAllowed([now + 1, now + DAY], now)).toBe(false);
    expect(assessmentAllowed([now + DAY], now)).toBe(true);
    // Two later ones that are more than 14 days after this one leave room.
    expect(assessmentAllowed([now + 14 * DAY, now + 15 * DAY], now)).toBe(true);
  });

  it("refuses one that would make three inside some 14-day window, whichever side the others are on", () => {
    expect(assessmentAllowed([now - 5 * DAY, now + 5 * DAY], now)).toBe(false);
    expect(assessmentAllowed([now - 10 * DAY, now + 10 * DAY], now)).toBe(true);
  });

  it("refuses a non-finite time and ignores non-finite previous times", () => {
    expect(assessmentAllowed([], Number.NaN)).toBe(false);
    expect(assessmentAllowed([Number.NaN, Number.NaN, now - DAY], now)).toBe(true);
  });
});
