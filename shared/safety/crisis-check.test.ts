/**
 * The shipped crisis check: the rules raised by the learned model, never lowered. Properties over
 * arbitrary text and conversations, plus a phrasing the rules miss and the model catches (written
 * for this test, not taken from any corpus).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crisisCheck, crisisCheckConversation } from "./crisis-check";
import { assessConversation, assessRisk, type RiskLevel } from "./crisis-risk";

const ORDER: Record<RiskLevel, number> = { none: 0, low: 1, medium: 2, high: 3 };
const words = fc.constantFrom(
  "i",
  "want",
  "to",
  "die",
  "kill",
  "myself",
  "tonight",
  "pills",
  "tea",
  "for",
  "a",
  "cup",
  "not",
  "never",
  "bridge",
  "goodbye",
  "fine",
  "exam",
  "point",
  "waking",
  "up",
);
const sentence = fc.oneof(
  fc.string(),
  fc.array(words, { maxLength: 12 }).map((w) => w.join(" ")),
);

describe("crisisCheck (rules + learned model)", () => {
  it("never scores a message lower than the rules, and keeps the rules' category", () => {
    fc.assert(
      fc.property(sentence, (text) => {
        const rules = assessRisk(text);
        const checked = crisisCheck(text);
        expect(ORDER[checked.level]).toBeGreaterThanOrEqual(ORDER[rules.level]);
        expect(checked.category).toBe(rules.category);
        expect(checked.score).toBeGreaterThanOrEqual(rules.score);
        expect(checked.learned.raised).toBe(checked.level !== rules.level);
      }),
      { numRuns: 300 },
    );
  });

  it("never scores a conversation lower than the rules read it", () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 5 }), (turns) => {
        expect(ORDER[crisisCheckConversation(turns).level]).toBeGreaterThanOrEqual(
          ORDER[assessConversation(turns).level],
        );
      }),
      { numRuns: 200 },
    );
  });

  it("flags hopelessness about living that the rules alone miss", () => {
    const text = "i have stopped seeing the point of waking up";
    expect(assessRisk(text).level).toBe("none");
    const checked = crisisCheck(text);
    expect(checked.level).toBe("medium");
    expect(checked.learned.raised).toBe(true);
    expect(checked.category).toBeNull();
  });

  it("keeps idioms and safe mentions below medium", () => {
    for (const text of ["I'd kill for a cup of tea", "this exam is killing me", "dead tired after the night shift"]) {
      expect(["none", "low"], text).toContain(crisisCheck(text).level);
    }
  });
});
