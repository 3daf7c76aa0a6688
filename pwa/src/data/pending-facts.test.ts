/**
 * What the optimistic XP reads from the device (pending-facts.ts): the outbox in order, and the
 * server's state of each entity — its `base` while a local write is pending — over fake-indexeddb.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import { type CachedEntity, HavenDatabase } from "./db";
import { pendingFacts } from "./pending-facts";

const HABIT = { id: "h1", name: "Walk", difficulty: "easy", schedule: { type: "daily", perDay: 1 }, archived: false };
const completion = (id: string, undone = false) => ({
  id,
  habitId: "h1",
  at: "2026-11-15T09:00:00.000Z",
  localDay: "2026-11-15",
  undone,
  late: false,
});
const quest = (xpAwarded: boolean, status = "active") => ({ id: "q1", difficulty: "easy", xpAwarded, status });
const mood = (id: string, localDay: string) => ({ id, localDay, mood: 6 });

function row(entity: string, id: string, over: Partial<CachedEntity>): CachedEntity {
  return { key: `${entity}:${id}`, entity, id, data: null, pending: false, ...over };
}

let n = 0;
const dbs: HavenDatabase[] = [];
function database(): HavenDatabase {
  const db = new HavenDatabase(`pending-facts-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe("pendingFacts", () => {
  it("reads the outbox in order", async () => {
    const db = database();
    for (const type of ["mood.log", "habit.complete"]) {
      await db.outbox.add({ opId: type, type, at: "2026-11-15T09:00:00.000Z", payload: {}, entityKey: null });
    }
    expect((await pendingFacts(db)).writes.map((w) => w.type)).toEqual(["mood.log", "habit.complete"]);
  });

  it("takes the server's state from `base` while a write is pending, and what shows from `data`", async () => {
    const db = database();
    await db.entities.bulkPut([
      row("habit", "h1", { data: HABIT }),
      // Synced, then undone here (pending): the server still has it live; the device shows it gone.
      row("completion", "c1", { data: null, base: completion("c1"), pending: true }),
      // Made here, not yet synced: shown, unknown to the server.
      row("completion", "c2", { data: completion("c2"), base: null, pending: true }),
      // Refused: neither.
      row("completion", "c3", { data: completion("c3"), base: null, rejected: { code: "X", message: "no" } }),
      // Marked done here: the device's copy says awarded, the server's does not yet.
      row("quest", "q1", { data: quest(true, "done"), base: quest(false), pending: true }),
      row("mood", "m1", { data: mood("m1", "2026-11-14") }),
      row("mood", "m2", { data: mood("m2", "2026-11-15"), base: null, pending: true }),
    ]);
    const { known } = await pendingFacts(db);
    expect([...known.habits.keys()]).toEqual(["h1"]);
    expect(known.serverCompletions.map((c) => c.id)).toEqual(["c1"]);
    expect([...known.shownCompletionIds]).toEqual(["c2"]);
    expect(known.quests.get("q1")?.xpAwarded).toBe(false);
    expect([...known.serverMoodDays]).toEqual(["2026-11-14"]);
    expect([...known.shownMoodIds].sort()).toEqual(["m1", "m2"]);
  });

  it("treats a quest created here as never awarded, whatever its copy says", async () => {
    const db = database();
    await db.entities.put(row("quest", "q1", { data: quest(true, "done"), base: null, pending: true }));
    expect((await pendingFacts(db)).known.quests.get("q1")?.xpAwarded).toBe(false);
  });
});
