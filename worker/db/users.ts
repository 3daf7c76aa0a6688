import { eq, sql } from "drizzle-orm";
import { DEFAULT_DAY_START_HOUR } from "../../shared/domain/local-day";
import type { Role } from "../../shared/roles";
import type { PublicUser } from "../../shared/schemas/auth";
import type { Database } from "./client";
import { users } from "./schema";

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
