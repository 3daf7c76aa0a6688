import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessRisk, type RiskAssessment, type RiskLevel } from "../crisis-risk";
import { decodeBase64 } from "./base64";
import {
  conversationText,
  LEARNED_THRESHOLDS,
  maxLevel,
  modelLevel,
  raiseWith,
  raiseWithEach,
  withLearnedModel,
} from "./combine";
import { featureText, featurise, fnv1a } from "./features";
import { learnedReadings, learnedRisk, sigmoid } from "./model";
import { SHIPPED_WEIGHTS } from "./shipped";
import { LEARNED_WEIGHTS } from "./weights.generated";
import { LEARNED_WEIGHTS_I } from "./weights-i.generated";
import { LEARNED_WEIGHTS_K } from "./weights-k.generated";

const SPEC = LEARNED_WEIGHTS.spec;
const ORDER: Record<RiskLevel, number> = { none: 0, low: 1, medium: 2, high: 3 };

describe("feature hashing", () => {
  it("is 32-bit FNV-1a", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });

  it("puts every feature in a bucket, once, with a unit-length vector", () => {
    for (const spec of [SPEC, { bits: 12, bigrams: true, charMin: 3, charMax: 5 }]) {
      const { index, value } = featurise("My cat knocked the plant over again. Typical Tuesday!", spec);
      expect(index.length).toBeGreaterThan(0);
      expect(new Set(index).size).toBe(index.length);
      for (const bucket of index) expect(bucket >= 0 && bucket < 1 << spec.bits).toBe(true);
      const norm = value.reduce((sum, v) => sum + v * v, 0);
      expect(norm).toBeCloseTo(1, 10);
    }
  });

  it("adds word pairs up to `skip` apart, and none with skip 0 or absent", () => {
    const plain = { bits: 20, bigrams: true, charMin: 0, charMax: 0 };
    const text = "i want to just die";
    const without = new Set(featurise(text, plain).index);
    expect([...featurise(text, { ...plain, skip: 0 }).index]).toEqual([...without]);
    const withSkip = new Set(featurise(text, { ...plain, skip: 3 }).index);
    const bucket = (feature: string) => fnv1a(feature) & ((1 << plain.bits) - 1);
    // "want … die" is three words apart; "i … die" four, beyond the reach.
    expect(withSkip.has(bucket("s want die"))).toBe(true);
    expect(withSkip.has(bucket("s i to"))).toBe(true);
    expect(withSkip.has(bucket("s i die"))).toBe(false);
    for (const feature of without) expect(withSkip.has(feature)).toBe(true);
  });

  it("reads the text as the rules do: case, curly apostrophes and slang fold to the same features", () => {
    expect(featureText("I’m gonna KMS!!")).toBe(featureText("i am going to kill myself"));
    const a = featurise("I’m gonna KMS!!", SPEC);
    const b = featurise("i am going to kill myself", SPEC);
    expect([...a.index]).toEqual([...b.index]);
    expect([...a.value]).toEqual([...b.value]);
  });

  it("gives an empty vector for empty or non-string input", () => {
    expect(featurise("", SPEC).index.length).toBe(0);
    expect(featurise(undefined as unknown as string, SPEC).index.length).toBe(0);
  });
});

describe("model", () => {
  it("decodes base64 without atob", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...decodeBase64(Buffer.from(bytes).toString("base64"))]).toEqual([...bytes]);
      }),
    );
  });

  it("ships model I, the one its pre-registered decision chose (tests/bench/crisis-model-i-decision.ts)", () => {
    expect(LEARNED_WEIGHTS).toEqual(LEARNED_WEIGHTS_I);
  });

  it("ships model K beside I, as tests/bench/crisis-model-k-decision.ts chose, each at its own thresholds", () => {
    expect(SHIPPED_WEIGHTS).toEqual([LEARNED_WEIGHTS_I, LEARNED_WEIGHTS_K]);
    const readings = learnedReadings("i've got the pills lined up for tonight");
    expect(readings.map((reading) => reading.thresholds)).toEqual([
      LEARNED_WEIGHTS_I.thresholds,
      LEARNED_WEIGHTS_K.thresholds,
    ]);
    expect(readings[0].risk).toEqual(learnedRisk("i've got the pills lined up for tonight"));
  });

  it("has weights of the size its spec says, and a sigmoid exact at its ends", () => {
    expect(decodeBase64(LEARNED_WEIGHTS.base64).length).toBe(2 << SPEC.bits);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });

  it("is deterministic", () => {
    const text = "Long day. Tired of everything, but the dog made me laugh.";
    const first = learnedRisk(text);
    for (let i = 0; i < 5; i++) expect(learnedRisk(text)).toEqual(first);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(learnedRisk(s)).toEqual(learnedRisk(s));
      }),
    );
  });

  it("gives probabilities in [0, 1] for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const p = learnedRisk(s);
        for (const value of [p.acute, p.risk]) expect(value >= 0 && value <= 1).toBe(true);
      }),
    );
  });

  // Sentences written for this test, not taken from any corpus.
  it("reads a few sentences of its own sensibly", () => {
    const acute = learnedRisk("i've got the pills lined up for tonight");
    expect(acute.acute).toBeGreaterThanOrEqual(LEARNED_THRESHOLDS.acute);
    const passive = learnedRisk("i wish i could just disappear and not wake up");
    expect(passive.risk).toBeGreaterThanOrEqual(LEARNED_THRESHOLDS.risk);
    expect(passive.acute).toBeLessThan(LEARNED_THRESHOLDS.acute);
    for (const benign of ["this exam is killing me lol", "how do i change the colour theme of the app"]) {
      const p = learnedRisk(benign);
      expect(p.acute).toBeLessThan(LEARNED_THRESHOLDS.acute);
      expect(p.risk).toBeLessThan(LEARNED_THRESHOLDS.risk);
    }
  });
});

describe("combination with the rules", () => {
  const levels = fc.constantFrom<RiskLevel>("none", "low", "medium", "high");
  const rulesOf = (level: RiskLevel, score: number): RiskAssessment => ({
    level,
    score,
    matches: [],
    protective: [],
    category: null,
  });

  it("never lowers the rules' level, and only ever reaches the model's own level", () => {
    fc.assert(
      fc.property(
        levels,
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (level, score, acute, risk) => {
          const combined = raiseWith(rulesOf(level, score), { acute, risk });
          expect(ORDER[combined.level]).toBeGreaterThanOrEqual(ORDER[level]);
          expect(combined.score).toBeGreaterThanOrEqual(score);
          expect(combined.level).toBe(maxLevel(level, modelLevel({ acute, risk })));
          expect(combined.learned.raised).toBe(combined.level !== level);
        },
      ),
    );
  });

  it("never lowers assessRisk on any text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.constantFrom("i want to die", "i've got the pills lined up for tonight", "lovely sunny morning"),
        ),
        (text) => {
          const rules = assessRisk(text);
          const combined = withLearnedModel(rules, text);
          expect(ORDER[combined.level]).toBeGreaterThanOrEqual(ORDER[rules.level]);
          expect(combined.category).toBe(rules.category);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("with several models, reaches the most severe level of the rules' and each model's, never lower", () => {
    const reading = fc.record({
      risk: fc.record({
        acute: fc.double({ min: 0, max: 1, noNaN: true }),
        risk: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      thresholds: fc.record({
        acute: fc.double({ min: 0.05, max: 1, noNaN: true }),
        risk: fc.double({ min: 0.05, max: 1, noNaN: true }),
      }),
    });
    fc.assert(
      fc.property(
        levels,
        fc.integer({ min: 0, max: 100 }),
        reading,
        fc.array(reading, { maxLength: 3 }),
        (level, score, first, rest) => {
          const combined = raiseWithEach(rulesOf(level, score), [first, ...rest]);
          const most = [first, ...rest].reduce<RiskLevel>(
            (found, each) => maxLevel(found, modelLevel(each.risk, each.thresholds)),
            level,
          );
          expect(combined.level).toBe(most);
          expect(combined.learned.raised).toBe(most !== level);
          expect(combined.score).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });

  it("reads a message with every shipped model: K only adds to what I gives", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.constantFrom("i want to die", "nobody would miss me", "lovely sunny morning", "see you thursday"),
        ),
        (text) => {
          const rules = assessRisk(text);
          const byI = raiseWith(rules, learnedRisk(text));
          const combined = withLearnedModel(rules, text);
          expect(combined.level).toBe(raiseWithEach(rules, learnedReadings(text)).level);
          expect(ORDER[combined.level]).toBeGreaterThanOrEqual(ORDER[byI.level]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("raises the score to the raised level's threshold", () => {
    const raised = raiseWith(rulesOf("none", 0), { acute: 1, risk: 1 }, { acute: 0.5, risk: 0.5 });
    expect(raised.level).toBe("high");
    expect(raised.score).toBe(70);
    const medium = raiseWith(rulesOf("low", 20), { acute: 0, risk: 1 }, { acute: 0.5, risk: 0.5 });
    expect(medium.level).toBe("medium");
    expect(medium.score).toBe(40);
  });

  it("reads a conversation's last three turns, one a line", () => {
    expect(conversationText(["a", "b", "c", "d"])).toBe("b\nc\nd");
    expect(conversationText([])).toBe("");
  });
});
