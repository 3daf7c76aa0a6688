import type { PublicUser } from "../../../shared/schemas/auth";
import type { HavenDatabase } from "../data/db";

/**
 * Why this device was signed out and its data forgotten: the server's revocation codes, or ten
 * wrong app PINs. (A session that merely expired is not here: its data stays, as before.)
 */
export type Revocation = "DEVICE_SIGNED_OUT" | "REFRESH_REUSED" | "ACCOUNT_DISABLED" | "PIN_LOCKOUT";
export const REVOCATIONS: readonly string[] = [
  "DEVICE_SIGNED_OUT",
  "REFRESH_REUSED",
  "ACCOUNT_DISABLED",
] satisfies Revocation[];

/**
 * Forgets the patient's data on this device after a revocation, in one transaction: the cached
 * entities (the safety plan included), notices, operation results and every meta row (profile,
 * cursor, care team, progress, the PIN). The OUTBOX is kept — unsent words, perhaps a crisis
 * flag, are never lost — but hidden: nothing shows it, and it syncs only when its owner (kept as
 * `outboxOwner`, a user id and nothing else) signs in again; anyone else signing in wipes it.
 */
export async function forgetAfterRevocation(db: HavenDatabase, reason: Revocation): Promise<void> {
  await db.transaction("rw", [db.entities, db.meta, db.notices, db.results], async () => {
    const owner = await ownerOfDevice(db);
    const clientId = await db.meta.get("clientId");
    await Promise.all([db.entities.clear(), db.notices.clear(), db.results.clear(), db.meta.clear()]);
    await db.meta.bulkPut([
      ...(clientId ? [clientId] : []),
      ...(owner ? [{ key: "outboxOwner" as const, value: owner }] : []),
      { key: "signedOut", value: reason },
    ]);
  });
}

/** Whose data (or hidden outbox) this device holds: the last user, or the outbox's owner. */
export async function ownerOfDevice(db: HavenDatabase): Promise<string | null> {
  const [user, owner] = await Promise.all([db.meta.get("user"), db.meta.get("outboxOwner")]);
  if (user) return (JSON.parse(user.value) as PublicUser).id;
  return owner?.value ?? null;
}

/** Why this device was last signed out and wiped (until someone signs in), or null. */
export async function signedOutReason(db: HavenDatabase): Promise<Revocation | null> {
  return ((await db.meta.get("signedOut"))?.value as Revocation | undefined) ?? null;
}

/**
 * Someone signed in on this device. Whoever's data it holds — the last user's cache, or only the
 * outbox a revocation kept hidden — is wiped (`wipe`) if it is not theirs; their own hidden outbox
 * becomes theirs again and syncs. Returns whether the device was wiped.
 */
export async function claimDevice(db: HavenDatabase, userId: string, wipe: () => Promise<void>): Promise<boolean> {
  const owner = await ownerOfDevice(db);
  if (owner && owner !== userId) {
    await wipe();
    return true;
  }
  await db.meta.bulkDelete(["signedOut", "outboxOwner"]);
  return false;
}
