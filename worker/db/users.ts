import { eq, sql } from "drizzle-orm";
import { DEFAULT_DAY_START_HOUR } from "../../shared/domain/local-day";
import type { Role } from "../../shared/roles";
import type { PublicUser } from "../../shared/schemas/auth";
import type { Database } from "./client";
import { recoveryCodes, users } from "./schema";

export type UserRow = typeof users.$inferSelect;

export function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  return db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`).get();
}

export function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** The user as the API shows it: never the hash or TOTP secrets. */
export function publicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    displayName: row.displayName,
    timezone: row.timezone,
    dayStartHour: row.dayStartHour,
    status: row.status,
    mfaEnabled: row.totpSecret !== null,
    emailVerified: row.emailVerifiedAt !== null,
    onboarded: row.onboardedAt !== null,
    consent: { companion: row.consentCompanion, research: row.consentResearch },
  };
}

/** A new, active account without 2FA: registration and admin-created staff both start here. */
export function newUserRow(
  fields: { email: string; role: Role; displayName: string; timezone: string; passwordHash: string },
  now = Date.now(),
): UserRow {
  return {
    id: crypto.randomUUID(),
    status: "active",
    dayStartHour: DEFAULT_DAY_START_HOUR,
    totpSecret: null,
    totpPendingSecret: null,
    totpLastStep: null,
    consentCompanion: false,
    consentResearch: false,
    createdAt: now,
    updatedAt: now,
    summaryVersion: 0,
    stateVersion: 0,
    emailVerifiedAt: null,
    invitedAt: null,
    onboardedAt: null,
    ...fields,
  };
}

/** A user's role, or undefined when there is no such account. */
export async function roleOf(db: Database, id: string): Promise<Role | undefined> {
  return (await db.select({ role: users.role }).from(users).where(eq(users.id, id)).get())?.role;
}

/** Whether the account exists (it may have been deleted). */
export async function userExists(db: Database, id: string): Promise<boolean> {
  return (await db.select({ id: users.id }).from(users).where(eq(users.id, id)).get()) !== undefined;
}

/** Adds an account (a batchable statement; a taken email fails on the unique index). */
export function insertUser(db: Database, row: UserRow) {
  return db.insert(users).values(row);
}

/** The profile, settings and consent columns a user may change themselves. */
export type ProfileChange = Partial<
  Pick<UserRow, "displayName" | "timezone" | "dayStartHour" | "consentCompanion" | "consentResearch" | "onboardedAt">
>;

/** Changes a user's own profile fields (a batch statement). */
export function updateProfile(db: Database, userId: string, change: ProfileChange, now = Date.now()) {
  return db
    .update(users)
    .set({ ...change, updatedAt: now })
    .where(eq(users.id, userId));
}

/** Sets a user's password hash (a batch statement). */
export function setPasswordHash(db: Database, userId: string, passwordHash: string, now = Date.now()) {
  return db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
}

/** Keeps a TOTP secret pending until the first code confirms it (a batch statement). */
export function setPendingTotpSecret(db: Database, userId: string, secret: string, now = Date.now()) {
  return db.update(users).set({ totpPendingSecret: secret, updatedAt: now }).where(eq(users.id, userId));
}

/** Turns 2FA on with `secret`, `step` being the code just used (a batch statement). */
export function enableTotp(db: Database, userId: string, secret: string, step: number, now = Date.now()) {
  return db
    .update(users)
    .set({ totpSecret: secret, totpPendingSecret: null, totpLastStep: step, updatedAt: now })
    .where(eq(users.id, userId));
}

/** Turns 2FA off: no secret, pending or not (a batch statement). */
export function disableTotp(db: Database, userId: string, now = Date.now()) {
  return db
    .update(users)
    .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, updatedAt: now })
    .where(eq(users.id, userId));
}

/** Removes all of a user's recovery codes (a batch statement). */
export function deleteRecoveryCodes(db: Database, userId: string) {
  return db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Stores a user's new recovery codes, hashed (a batch statement). */
export function insertRecoveryCodes(db: Database, rows: (typeof recoveryCodes.$inferInsert)[]) {
  return db.insert(recoveryCodes).values(rows);
}
