import type { HavenDatabase } from "../data/db";
import { forgetAfterRevocation } from "./device";
import { validPin } from "./rules";

/**
 * The optional app PIN (issue 13, item 7): only a PBKDF2-SHA-256 hash is stored, in IndexedDB,
 * with a random 16-byte salt, beside the count of wrong tries (kept across reloads). It is a lock
 * on the screens, not encryption: the cache itself is not encrypted under it (docs/security.md).
 */
export const PIN_ITERATIONS = 600_000;
/** Wrong PINs in a row after which the device is signed out and wiped (the outbox kept, hidden). */
export const MAX_PIN_FAILURES = 10;

interface PinRecord {
  salt: string;
  hash: string;
  iterations: number;
  failures: number;
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
const unhex = (s: string) => new Uint8Array((s.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return hex(new Uint8Array(bits));
}

/** Compares two equal-length hex digests without stopping at the first difference. */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

async function record(db: HavenDatabase): Promise<PinRecord | null> {
  const row = await db.meta.get("pin");
  return row ? (JSON.parse(row.value) as PinRecord) : null;
}

async function matches(rec: PinRecord, pin: string): Promise<boolean> {
  return same(await derive(pin, unhex(rec.salt), rec.iterations), rec.hash);
}

export async function pinIsSet(db: HavenDatabase): Promise<boolean> {
  return (await record(db)) !== null;
}

export async function setPin(db: HavenDatabase, pin: string): Promise<void> {
  if (!validPin(pin)) throw new RangeError("A PIN is 4 to 8 digits.");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const rec: PinRecord = {
    salt: hex(salt),
    hash: await derive(pin, salt, PIN_ITERATIONS),
    iterations: PIN_ITERATIONS,
    failures: 0,
  };
  await db.meta.put({ key: "pin", value: JSON.stringify(rec) });
}

export type UnlockResult = { ok: true } | { ok: false; left: number };

/**
 * Checks a PIN at the lock screen. A wrong one is counted (persisted); the tenth in a row signs
 * the device out: its data is forgotten as after a revocation (`left: 0`; the caller ends the
 * session). A right one resets the count.
 */
export async function tryUnlock(db: HavenDatabase, pin: string): Promise<UnlockResult> {
  const rec = await record(db);
  if (!rec) return { ok: true };
  if (validPin(pin) && (await matches(rec, pin))) {
    if (rec.failures) await db.meta.put({ key: "pin", value: JSON.stringify({ ...rec, failures: 0 }) });
    return { ok: true };
  }
  const failures = rec.failures + 1;
  if (failures >= MAX_PIN_FAILURES) {
    await forgetAfterRevocation(db, "PIN_LOCKOUT");
    return { ok: false, left: 0 };
  }
  await db.meta.put({ key: "pin", value: JSON.stringify({ ...rec, failures }) });
  return { ok: false, left: MAX_PIN_FAILURES - failures };
}

/** Changes the PIN; false when the current one is wrong (not counted: the app is unlocked). */
export async function changePin(db: HavenDatabase, current: string, next: string): Promise<boolean> {
  const rec = await record(db);
  if (!rec || !(await matches(rec, current))) return false;
  await setPin(db, next);
  return true;
}

/** Removes the PIN; false when the current one is wrong. */
export async function removePin(db: HavenDatabase, current: string): Promise<boolean> {
  const rec = await record(db);
  if (!rec || !(await matches(rec, current))) return false;
  await db.meta.delete("pin");
  return true;
}
