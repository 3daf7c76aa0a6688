/**
 * The device database's upgrade from version 1 (rollback state kept per operation as
 * `previous`) to version 2 (kept on the entity as `base`): an install with writes still queued
 * keeps them, and a refusal after the upgrade rolls back to the state confirmed before them.
 */
import Dexie from "dexie";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { HavenDatabase } from "./db";

describe("the upgrade to version 2", () => {
  it("moves the first queued write's confirmed `previous` into the entity's base, and keeps the outbox", async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie("haven-upgrade", { indexedDB, IDBKeyRange });
    v1.version(1).stores({ entities: "key, entity", outbox: "++seq, opId", meta: "key", notices: "++id" });
    const confirmed = { key: "habit:h1", entity: "habit", id: "h1", data: { name: "Walk" }, pending: false };
    const first = { ...confirmed, data: { name: "Walk far" }, pending: true };
    await v1.table("entities").put({ ...confirmed, data: { name: "Walk further" }, pending: true });
    await v1.table("entities").put({ key: "mood:m1", entity: "mood", id: "m1", data: { mood: 6 }, pending: true });
    await v1.table("outbox").bulkAdd([
      {
        opId: "o1",
        type: "habit.update",
        at: "2026-12-01T10:00:00Z",
        payload: {},
        entityKey: "habit:h1",
        previous: confirmed,
      },
      {
        opId: "o2",
        type: "habit.update",
        at: "2026-12-01T10:01:00Z",
        payload: {},
        entityKey: "habit:h1",
        previous: first,
      },
      { opId: "o3", type: "mood.log", at: "2026-12-01T10:02:00Z", payload: {}, entityKey: "mood:m1", previous: null },
    ]);
    v1.close();

    const v2 = new HavenDatabase("haven-upgrade", { indexedDB, IDBKeyRange });
    expect(await v2.outbox.count()).toBe(3);
    expect((await v2.entities.get("habit:h1"))?.base).toEqual({ name: "Walk" });
    expect((await v2.entities.get("mood:m1"))?.base).toBeNull();
    // The new index answers "is a write waiting for this entity?".
    expect(
      await v2.outbox.where("[entityKey+seq]").between(["habit:h1", Dexie.minKey], ["habit:h1", Dexie.maxKey]).count(),
    ).toBe(2);
    v2.close();
  });
});
