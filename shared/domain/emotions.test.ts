import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TAG_MAX, TAGS_MAX } from "../schemas/wellbeing";
import { EMOTION_QUADRANTS, normaliseTag, quadrantOf, TAG_LIMITS, TOPIC_TAGS, toggleTag } from "./emotions";

describe("the emotion vocabulary", () => {
  it("has one quadrant for each energy × pleasantness, six words each", () => {
    const keys = EMOTION_QUADRANTS.map((q) => `${q.energy}/${q.pleasantness}`);
    expect(new Set(keys)).toEqual(new Set(["high/unpleasant", "low/unpleasant", "high/pleasant", "low/pleasant"]));
    for (const q of EMOTION_QUADRANTS) expect(q.words).toHaveLength(6);
  });

  it("puts no word in two quadrants and every word is a valid stored tag", () => {
    const words = EMOTION_QUADRANTS.flatMap((q) => q.words);
    expect(new Set(words).size).toBe(words.length);
    for (const word of [...words, ...TOPIC_TAGS]) expect(normaliseTag(word)).toBe(word);
  });

  it("finds a word's quadrant whatever its case, and none for a topic", () => {
    expect(quadrantOf("Anxious")).toMatchObject({ energy: "high", pleasantness: "unpleasant" });
    expect(quadrantOf("tired")).toMatchObject({ energy: "low", pleasantness: "unpleasant" });
    expect(quadrantOf("proud")).toMatchObject({ energy: "high", pleasantness: "pleasant" });
    expect(quadrantOf("grateful")).toMatchObject({ energy: "low", pleasantness: "pleasant" });
    expect(quadrantOf("work")).toBeNull();
  });

  it("keeps the contract's tag limits", () => {
    expect(TAG_LIMITS).toEqual({ tagMax: TAG_MAX, tagsMax: TAGS_MAX });
  });
});

describe("normaliseTag", () => {
  it("trims, collapses spaces and lower-cases", () => {
    expect(normaliseTag("  Long   Walk ")).toBe("long walk");
  });

  it("refuses an empty tag and one longer than the contract allows", () => {
    expect(normaliseTag("   ")).toBeNull();
    expect(normaliseTag("x".repeat(TAG_MAX))).toHaveLength(TAG_MAX);
    expect(normaliseTag("x".repeat(TAG_MAX + 1))).toBeNull();
  });
});

describe("toggleTag", () => {
  it("adds a tag and removes it again", () => {
    expect(toggleTag([], "Calm")).toEqual(["calm"]);
    expect(toggleTag(["calm", "work"], "calm")).toEqual(["work"]);
  });

  it("does not mutate its input", () => {
    const tags = ["calm"];
    toggleTag(tags, "work");
    toggleTag(tags, "calm");
    expect(tags).toEqual(["calm"]);
  });

  it("always leaves a list the contract accepts: distinct, valid and at most TAGS_MAX", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 60 }), (inputs) => {
        let tags: string[] = [];
        for (const raw of inputs) tags = toggleTag(tags, raw);
        expect(tags.length).toBeLessThanOrEqual(TAGS_MAX);
        expect(new Set(tags).size).toBe(tags.length);
        for (const tag of tags) expect(normaliseTag(tag)).toBe(tag);
      }),
    );
  });
});
