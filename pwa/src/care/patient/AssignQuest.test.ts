import { describe, expect, it } from "vitest";
import { NAME_MAX, STEPS_MAX } from "../../../../shared/schemas/wellbeing";
import { questFromDraft } from "./AssignQuest";

const draft = { title: "Walk to the park", description: "", difficulty: "easy" as const, steps: "", dueDate: "" };

describe("assigning a quest", () => {
  it("sends what the API takes: blank optional fields left out, one step a line", () => {
    expect(questFromDraft(draft)).toEqual({ ok: true, quest: { title: "Walk to the park", difficulty: "easy" } });
    const full = questFromDraft({
      ...draft,
      description: "  Ten minutes is plenty. ",
      steps: "Shoes on\n\n  Out of the door  \n",
      dueDate: "2026-03-09",
      difficulty: "medium",
    });
    expect(full).toEqual({
      ok: true,
      quest: {
        title: "Walk to the park",
        difficulty: "medium",
        description: "Ten minutes is plenty.",
        steps: [
          { title: "Shoes on", done: false },
          { title: "Out of the door", done: false },
        ],
        dueDate: "2026-03-09",
      },
    });
  });

  it("says what is wrong beside each field, by the API's own schema", () => {
    const wrong = questFromDraft({
      ...draft,
      title: "   ",
      description: "x".repeat(2001),
      steps: Array.from({ length: STEPS_MAX + 1 }, (_, i) => `Step ${i}`).join("\n"),
      dueDate: "next week",
    });
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.errors.title).toBe("Give the quest a title.");
    expect(wrong.errors.description).toMatch(/at most 2,000 characters/);
    expect(wrong.errors.steps).toMatch(/At most 50 steps/);
    expect(wrong.errors.dueDate).toMatch(/Pick a date/);
    const long = questFromDraft({ ...draft, title: "x".repeat(NAME_MAX + 1) });
    expect(long.ok ? null : long.errors.title).toMatch(/at most 120 characters/);
  });
});
