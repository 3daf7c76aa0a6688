import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pickStatus, type StatusInputs, statusNotes } from "./status-line-rule";

const base: StatusInputs = { storageProblem: null, reachable: true, pending: 0, clock: null, storageNote: null };

describe("the status line", () => {
  it("shows nothing when all is well", () => {
    expect(pickStatus(statusNotes(base), new Set())).toBeNull();
  });

  it("keeps the words the sync banner always had", () => {
    const offline = pickStatus(statusNotes({ ...base, reachable: false, pending: 2 }), new Set());
    expect(offline?.testId).toBe("sync-banner");
    expect(offline?.text).toBe("You're offline. Your changes are saved on this device. 2 changes waiting to sync.");
    expect(pickStatus(statusNotes({ ...base, pending: 1 }), new Set())?.text).toBe(
      "Syncing… 1 change waiting to sync.",
    );
  });

  it("puts a storage problem first, and drops the gentle storage note while there is one", () => {
    const notes = statusNotes({
      storageProblem: "Out of space",
      reachable: false,
      pending: 1,
      clock: "Clock off",
      storageNote: "May clear",
    });
    expect(notes.map((n) => n.kind)).toEqual(["storage-problem", "sync", "clock"]);
  });

  it("shows the next note once one is dismissed, and a dismissed note again when it changes", () => {
    const first = statusNotes({ ...base, reachable: false, pending: 1, clock: "Clock off" });
    const dismissed = new Set([first[0]?.key ?? ""]);
    expect(pickStatus(first, dismissed)?.kind).toBe("clock");
    const changed = statusNotes({ ...base, reachable: false, pending: 2, clock: "Clock off" });
    expect(pickStatus(changed, dismissed)?.kind).toBe("sync");
  });

  it("always shows the highest-priority note not dismissed (any state)", () => {
    fc.assert(
      fc.property(
        fc.record({
          storageProblem: fc.option(fc.string({ minLength: 1 }), { nil: null }),
          reachable: fc.boolean(),
          pending: fc.nat(50),
          clock: fc.option(fc.string({ minLength: 1 }), { nil: null }),
          storageNote: fc.option(fc.string({ minLength: 1 }), { nil: null }),
        }),
        fc.array(fc.nat(3)),
        (inputs, drop) => {
          const notes = statusNotes(inputs);
          const dismissed = new Set(drop.map((i) => notes[i]?.key ?? "none"));
          const shown = pickStatus(notes, dismissed);
          const open = notes.filter((n) => !dismissed.has(n.key));
          expect(shown).toEqual(open[0] ?? null);
          expect(new Set(notes.map((n) => n.kind)).size).toBe(notes.length);
        },
      ),
    );
  });
});
