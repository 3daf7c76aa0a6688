/**
 * Issue 13 item 7 on the device: a revocation forgets the patient's data but keeps the outbox,
 * hidden, for its owner only; the app PIN is stored as a PBKDF2 hash and 10 wrong PINs sign out.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { HavenDatabase } from "../data/db";
import { claimDevice, forgetAfterRevocation, ownerOfDevice, signedOutReason } from "./device";
import { changePin, MAX_PIN_FAILURES, PIN_ITERATIONS, pinIsSet, removePin, setPin, tryUnlock } from "./pin";

function freshDb() {
  return new HavenDatabase(`haven-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

async function seeded() {
  const db = freshDb();
  await db.meta.bulkPut([
    { key: "user", value: JSON.stringify({ id: "u1", email: "p@example.org", displayName: "P" }) },
    { key: "clientId", value: "c1" },
    { key: "cursor", value: "x" },
  ]);
  await db.entities.bulkPut([
    { key: "safetyPlan:me", entity: "safetyPlan", id: "me", data: { steps: [] }, pending: false },
    { key: "mood:m1", entity: "mood", id: "m1", data: { mood: 2 }, pending: true },
  ]);
  await db.outbox.add({ opId: "o1", type: "risk.flag", at: "2026-12-04T10:00:00Z", payload: {}, entityKey: null });
  await db.notices.add({ code: "X", message: "m", at: "2026-12-04T10:00:00Z" });
  await db.results.put({ opId: "o0", type: "mood.log", result: {}, settledAt: 1 });
  return db;
}

describe("forgetAfterRevocation", () => {
  it("deletes every table of health data, keeps the outbox and whose it is, and says why", async () => {
    const db = await seeded();
    await forgetAfterRevocation(db, "DEVICE_SIGNED_OUT");
    expect(await db.entities.count()).toBe(0);
    expect(await db.notices.count()).toBe(0);
    expect(await db.results.count()).toBe(0);
    expect(await db.meta.get("user")).toBeUndefined();
    expect(await db.meta.get("cursor")).toBeUndefined();
    expect((await db.outbox.toArray()).map((op) => op.opId)).toEqual(["o1"]);
    expect(await ownerOfDevice(db)).toBe("u1");
    expect(await signedOutReason(db)).toBe("DEVICE_SIGNED_OUT");
  });

  it("a second revocation keeps the owner it recorded", async () => {
    const db = await seeded();
    await forgetAfterRevocation(db, "DEVICE_SIGNED_OUT");
    await forgetAfterRevocation(db, "ACCOUNT_DISABLED");
    expect(await ownerOfDevice(db)).toBe("u1");
    expect(await db.outbox.count()).toBe(1);
  });

  it("the hidden outbox is wiped when someone else signs in, and kept for its owner", async () => {
    const other = await seeded();
    await forgetAfterRevocation(other, "DEVICE_SIGNED_OUT");
    const wipe = async () => {
      await other.delete();
      await other.open();
    };
    expect(await claimDevice(other, "u2", wipe)).toBe(true);
    expect(await other.outbox.count()).toBe(0);
    expect(await ownerOfDevice(other)).toBeNull();

    const same = await seeded();
    await forgetAfterRevocation(same, "DEVICE_SIGNED_OUT");
    expect(await claimDevice(same, "u1", wipe)).toBe(false);
    expect(await same.outbox.count()).toBe(1);
    expect(await signedOutReason(same)).toBeNull();
    expect(await same.meta.get("outboxOwner")).toBeUndefined();
  });

  it("forgets the PIN too", async () => {
    const db = await seeded();
    await setPin(db, "2468");
    await forgetAfterRevocation(db, "DEVICE_SIGNED_OUT");
    expect(await pinIsSet(db)).toBe(false);
  });
});

describe("the app PIN", () => {
  it("is stored as a salted PBKDF2-SHA-256 hash, never the PIN", async () => {
    const db = freshDb();
    await setPin(db, "2468");
    const row = await db.meta.get("pin");
    expect(row?.value).not.toContain("2468");
    const record = JSON.parse(row?.value ?? "{}");
    expect(record.iterations).toBe(PIN_ITERATIONS);
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(200_000);
    expect(record.salt).toMatch(/^[0-9a-f]{32}$/);
    await setPin(db, "2468");
    expect(JSON.parse((await db.meta.get("pin"))?.value ?? "{}").salt).not.toBe(record.salt);
  });

  it("refuses a wrong PIN, opens with the right one, and resets the count", async () => {
    const db = freshDb();
    await setPin(db, "2468");
    expect(await tryUnlock(db, "1357")).toEqual({ ok: false, left: MAX_PIN_FAILURES - 1 });
    expect(await tryUnlock(db, "2468")).toEqual({ ok: true });
    expect(await tryUnlock(db, "1357")).toEqual({ ok: false, left: MAX_PIN_FAILURES - 1 });
  });

  it("after 10 wrong PINs the device is signed out and wiped, the outbox kept", async () => {
    const db = await seeded();
    await setPin(db, "2468");
    let last: Awaited<ReturnType<typeof tryUnlock>> = { ok: true };
    for (let i = 0; i < MAX_PIN_FAILURES; i++) last = await tryUnlock(db, "0000");
    expect(last).toEqual({ ok: false, left: 0 });
    expect(await db.entities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
    expect(await signedOutReason(db)).toBe("PIN_LOCKOUT");
    expect(await pinIsSet(db)).toBe(false);
  });

  it("changing or removing it needs the current PIN", async () => {
    const db = freshDb();
    await setPin(db, "2468");
    expect(await changePin(db, "1111", "9999")).toBe(false);
    expect(await changePin(db, "2468", "9999")).toBe(true);
    expect((await tryUnlock(db, "9999")).ok).toBe(true);
    expect(await removePin(db, "2468")).toBe(false);
    expect(await removePin(db, "9999")).toBe(true);
    expect(await pinIsSet(db)).toBe(false);
  });

  it("refuses a PIN that is not 4 to 8 digits", async () => {
    await expect(setPin(freshDb(), "12")).rejects.toThrow();
  });
});
