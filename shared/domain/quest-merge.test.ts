import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeQuestEdit, mergeSteps, overwriteMessage, type QuestFields, type QuestStepValue } from "./quest-merge";

let n = 0;
const newId = () => `new-${n++}`;
const step = (id: string, title: string, done = false): QuestStepValue => ({ id, title, done });
const quest = (over: Partial<QuestFields> = {}): QuestFields => ({
  title: "Tidy",
  description: null,
  difficulty: "medium",
  steps: [],
  dueDate: null,
  ...over,
});

describe("quest edits merged with other devices", () => {
  it("a steps edit keeps a tick made elsewhere, keeps steps added elsewhere, and applies its own renames and removals", () => {
    const base = [step("a", "Kitchen"), step("b", "Bedroom"), step("c", "Hall")];
    const server = [step("a", "Kitchen", true), step("b", "Bedroom"), step("x", "Garden"), step("c", "Hall")];
    const edit = [step("a", "Kitchen"), step("b", "Bedroom and landing"), { title: "Bathroom", done: false }];
    expect(mergeSteps(server, edit, base, () => "n")).toEqual([
      step("a", "Kitchen", true),
      step("b", "Bedroom and landing"),
      step("x", "Garden"),
      step("n", "Bathroom"),
    ]);
  });

  it("without a base (an older client) its list stands but ticks on steps the server has are the server's", () => {
    const server = [step("a", "Kitchen", true), step("b", "Bedroom")];
    expect(mergeSteps(server, [step("a", "Kitchen"), step("b", "Bedroom", true)], undefined, newId)).toEqual([
      step("a", "Kitchen", true),
      step("b", "Bedroom", false),
    ]);
  });

  it("a step removed elsewhere stays removed unless this edit changed it", () => {
    const base = [step("a", "Kitchen"), step("b", "Bedroom")];
    const server = [step("a", "Kitchen")];
    expect(mergeSteps(server, base, base, newId)).toEqual([step("a", "Kitchen")]);
    expect(mergeSteps(server, [step("a", "Kitchen"), step("b", "Bedroom!")], base, newId)).toEqual([
      step("a", "Kitchen"),
      step("b", "Bedroom!"),
    ]);
  });

  it("a field changed elsewhere and then by this edit is replaced and reported; one this edit left alone stays", () => {
    const server = quest({ title: "Tidy the flat", description: "Kitchen first" });
    const { changes, overwritten } = mergeQuestEdit(
      server,
      { title: "Tidy up", description: null, base: { title: "Tidy", description: null } },
      newId,
    );
    expect(changes).toEqual({ title: "Tidy up" });
    expect(overwritten).toEqual([{ field: "title", theirs: "Tidy the flat", yours: "Tidy up" }]);
    expect(overwriteMessage("Tidy up", overwritten)).toContain("“Tidy the flat”");
    // The same value on both sides is no conflict; no base applies every field, as before.
    expect(mergeQuestEdit(server, { title: "Tidy the flat", base: { title: "Tidy" } }, newId).overwritten).toEqual([]);
    expect(mergeQuestEdit(server, { description: null }, newId).changes).toEqual({ description: null });
  });

  it("never changes a persisting step's tick unless the edit toggled it against its base (fast-check)", () => {
    const ids = ["a", "b", "c", "d", "e"];
    const steps = fc
      .uniqueArray(fc.constantFrom(...ids), { maxLength: 5 })
      .chain((chosen) =>
        fc.tuple(
          ...chosen.map((id) =>
            fc.record({ id: fc.constant(id), title: fc.constantFrom("x", "y"), done: fc.boolean() }),
          ),
        ),
      );
    fc.assert(
      fc.property(steps, steps, steps, (server, base, edit) => {
        const merged = mergeSteps(server, edit, base, newId);
        for (const m of merged) {
          const cur = server.find((s) => s.id === m.id);
          const b = base.find((s) => s.id === m.id);
          const e = edit.find((s) => s.id === m.id);
          if (!cur) continue;
          const toggled = b && e && e.done !== b.done;
          expect(m.done).toBe(toggled ? e.done : cur.done);
        }
        // Every step added elsewhere (not in the base) and every step this edit added is there.
        for (const s of server)
          if (!base.some((b) => b.id === s.id)) expect(merged.some((m) => m.id === s.id)).toBe(true);
        for (const e of edit)
          if (!base.some((b) => b.id === e.id) && !server.some((s) => s.id === e.id))
            expect(merged.some((m) => m.id === e.id)).toBe(true);
        expect(new Set(merged.map((m) => m.id)).size).toBe(merged.length);
      }),
      { numRuns: 300 },
    );
  });
});
