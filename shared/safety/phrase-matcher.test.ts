import { describe, expect, it } from "vitest";
import { normaliseTokens } from "./normalise";
import { compilePhrases, findPhrases, longestMatches, MAX_GAP } from "./phrase-matcher";

const spans = (pattern: string, text: string) =>
  findPhrases(compilePhrases([{ pattern }]), normaliseTokens(text)).map(({ start, end }) => [start, end]);

describe("compilePhrases and findPhrases", () => {
  it("finds words in order, wherever they start", () => {
    expect(spans("kill myself", "i want to kill myself")).toEqual([[3, 5]]);
    expect(spans("kill myself", "myself kill")).toEqual([]);
  });

  it("matches any alternative of a group, including alternatives of several words", () => {
    expect(spans("(end|take) my (life|own life)", "take my own life")).toEqual([[0, 4]]);
    expect(spans("(end|take) my (life|own life)", "end my life")).toEqual([[0, 3]]);
  });

  it("treats a square-bracket group as optional, and lets groups nest", () => {
    expect(spans("[really] suicidal", "suicidal")).toEqual([[0, 1]]);
    // One match per start: "suicidal" alone matches too; longestMatches keeps the longer.
    expect(spans("[really] suicidal", "really suicidal")).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(spans("call (my (gp|mum)|988)", "call my mum")).toEqual([[0, 3]]);
    expect(spans("call (my (gp|mum)|988)", "call 988")).toEqual([[0, 2]]);
  });

  it("matches <end> at a sentence break or the end of the message, reading no word", () => {
    expect(spans("decided to go <end>", "i have decided to go")).toEqual([[2, 5]]);
    expect(spans("decided to go <end>", "decided to go. it is calm")).toEqual([[0, 3]]);
    expect(spans("decided to go <end>", "decided to go to uni")).toEqual([]);
    expect(spans("go (now|away) <end>", "go away")).toEqual([[0, 2]]);
    expect(() => compilePhrases([{ pattern: "<end> go" }])).toThrow();
    expect(() => compilePhrases([{ pattern: "go <end> now" }])).toThrow();
  });

  it("reports the longest reading of a phrase at each start", () => {
    expect(spans("end it [all]", "end it all")).toEqual([[0, 3]]);
  });

  it(`lets * skip up to ${MAX_GAP} words but never a sentence end`, () => {
    expect(spans("cut myself * on purpose", "cut myself on purpose")).toEqual([[0, 4]]);
    expect(spans("cut myself * on purpose", "cut myself with a lighter on purpose")).toEqual([[0, 7]]);
    expect(spans("cut myself * on purpose", "cut myself with a blue lighter on purpose")).toEqual([]);
    expect(spans("cut myself * on purpose", "cut myself. on purpose")).toEqual([]);
  });

  it("never matches across a sentence end", () => {
    expect(spans("want to die", "i want to. die")).toEqual([]);
  });

  it("matches <num> to a number and <many> to ten or more, in digits or words", () => {
    expect(spans("took <many> pills", "took 30 pills")).toHaveLength(1);
    expect(spans("took <many> pills", "took twenty pills")).toHaveLength(1);
    expect(spans("took <many> pills", "took 2 pills")).toEqual([]);
    expect(spans("when i was <num>", "when i was 16")).toHaveLength(1);
  });

  it("rejects a malformed pattern when compiled", () => {
    for (const pattern of ["(kill myself", "kill myself]", "* kill", "kill *", "kill * [myself]", "don't", "[maybe]"]) {
      expect(() => compilePhrases([{ pattern }]), pattern).toThrow(Error);
    }
  });
});

describe("longestMatches", () => {
  it("drops a match lying wholly inside a longer one, and keeps overlapping ones", () => {
    const a = { entry: "a", start: 0, end: 4 };
    const inside = { entry: "b", start: 1, end: 3 };
    const overlapping = { entry: "c", start: 3, end: 6 };
    expect(longestMatches([inside, overlapping, a], () => 0)).toEqual([a, overlapping]);
  });

  it("keeps the higher-ranked of two matches over the same words", () => {
    const low = { entry: "low", start: 0, end: 2 };
    const high = { entry: "high", start: 0, end: 2 };
    expect(longestMatches([low, high], (entry) => (entry === "high" ? 1 : 0))).toEqual([high]);
  });
});
