/** Accounts as admins manage them: listing, creating, updating, resetting two-factor sign-in. */
import { and, desc, eq, getTableColumns, ne, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { AdminUserView } from "../../shared/schemas/admin";
import { revokeUserSessions } from "../auth/sessions";
import { containsPattern } from "../lib/like";
import { after } from "../lib/time-page";
import type { Database } from "./client";
import { passwordResetCodes, recoveryCodes, users } from "./schema";
import type { UserRow } from "./users";

/** An account as the admin listing reads it: with its invite's expiry when it is an invited one. */
export type AdminUserRow = UserRow & { inviteExpiresAt?: number | null };

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

/** A user as admins see them: identity and account state, never clinical content. */
export function adminUserView(u: AdminUserRow): AdminUserView {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    status: u.status,
    displayName: u.displayName,
    timezone: u.timezone,
    mfaEnabled: u.totpSecret !== null,
    createdAt: new Date(u.createdAt).toISOString(),
    invitedAt: iso(u.invitedAt),
    inviteExpiresAt: u.invitedAt === null ? null : iso(u.inviteExpiresAt),
  };
}

/** Accounts matching the filters, newest first, after the cursor, at most `limit`. */
export function usersMatching(
  db: Database,
  q: { q?: string; role?: UserRow["role"]; status?: UserRow["status"]; cursor?: string; limit: number },
): Promise<AdminUserRow[]> {
  const filters: (SQL | undefined)[] = [];
  if (q.role) filters.push(eq(users.role, q.role));
  if (q.status) filters.push(eq(users.status, q.status));
  if (q.q) {
    const pattern = containsPattern(q.q);
    filters.push(
      sql`(lower(${users.email}) LIKE ${pattern} ESCAPE '\\' OR lower(${users.displayName}) LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  filters.push(after(users.createdAt, users.id, q.cursor));
  return db
    .select({ ...getTableColumns(users), inviteExpiresAt: passwordResetCodes.expiresAt })
    .from(users)
    .leftJoin(
      passwordResetCodes,
      and(eq(passwordResetCodes.userId, users.id), eq(passwordResetCodes.purpose, "invite")),
    )
    .where(and(...filters))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(q.limit)
    .all();
}

/** Creates the account, in one batch with `audit` (a taken email fails on the UNIQUE index). */
export async function insertUser(db: Database, row: UserRow, audit: BatchItem<"sqlite">): Promise<void> {
  await db.batch([db.insert(users).values(row), audit]);
}

/**
 * Renames, disables or enables the account, in one batch with `audit`; disabling ends every
 * session at once (its access tokens die with them: requireAuth).
 */
export async function updateUser(
  db: Database,
  id: string,
  change: { status?: UserRow["status"]; displayName?: string; updatedAt: number },
  audit: BatchItem<"sqlite">,
): Promise<void> {
  await db.batch([
    db.update(users).set(change).where(eq(users.id, id)),
    ...(change.status === "disabled" ? [revokeUserSessions(db, id, "account_disabled")] : []),
    audit,
  ]);
}

/**
 * Turns two-factor sign-in off: the secret, a pending enrolment and the recovery codes go, and
 * every session ends (but `keepSessionId`, an admin resetting their own), in one batch with `audit`.
 */
export async function resetTwoFactor(
  db: Database,
  id: string,
  keepSessionId: string | undefined,
  audit: BatchItem<"sqlite">,
): Promise<void> {
  await db.batch([
    db
      .update(users)
      .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, updatedAt: Date.now() })
      .where(eq(users.id, id)),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, id)),
    revokeUserSessions(db, id, "2fa_reset", keepSessionId),
    audit,
  ]);
}

/** Whether an active admin other than `id` exists (the last one is never disabled: LAST_ADMIN). */
export async function anotherActiveAdmin(db: Database, id: string): Promise<boolean> {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.status, "active"), ne(users.id, id)))
    .limit(1)
    .get();
  return row !== undefined;
}
