/**
 * Staff invites (issue 18, item 4; migration 0021): the invited account (`users.invitedAt` set,
 * a password hash nothing matches) and its one-time code (`password_reset_codes`, purpose
 * "invite"), created together; accepting spends the code and sets the first password. Sending an
 * invite again replaces the code (db/password-reset.ts issueResetCode).
 */
import { and, eq, gt, isNotNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";
import { liveResetCode, type PasswordResetCodeRow } from "./password-reset";
import { passwordResetCodes, users } from "./schema";
import type { UserRow } from "./users";

/** Creates the invited account and its code, in one batch with `audit` (a taken email fails on the UNIQUE index). */
export async function insertInvitedUser(
  db: Database,
  user: UserRow,
  code: PasswordResetCodeRow,
  audit: BatchItem<"sqlite">,
): Promise<void> {
  await db.batch([db.insert(users).values(user), db.insert(passwordResetCodes).values(code), audit]);
}

/** True while the account is still invited and `codeHash` is its live, unexpired invite code. */
export function liveInvite(userId: string, codeHash: string, now: number): SQL {
  return sql`(${liveResetCode(userId, codeHash, now, ["invite"])} AND EXISTS (SELECT 1 FROM ${users} WHERE ${and(
    eq(users.id, userId),
    isNotNull(users.invitedAt),
  )}))`;
}

/**
 * Accepts an invite in one batch (one transaction): `audit` (built with auditStatementIf on
 * liveInvite), then, while the account is still invited and the code is its live invite code,
 * the first password and the address marked verified (the code reached it), and the code deleted
 * (single use). Two accepts racing: the first clears `invitedAt` and spends the code, so the
 * second changes nothing. True when the invite was accepted.
 */
export async function acceptInvite(
  db: Database,
  input: { userId: string; codeHash: string; passwordHash: string; now: number },
  audit: BatchItem<"sqlite">,
): Promise<boolean> {
  const { userId, codeHash, passwordHash, now } = input;
  const [, accepted] = await db.batch([
    audit,
    db
      .update(users)
      .set({ passwordHash, invitedAt: null, emailVerifiedAt: now, updatedAt: now })
      .where(and(eq(users.id, userId), liveInvite(userId, codeHash, now)))
      .returning({ id: users.id }),
    db
      .delete(passwordResetCodes)
      .where(
        and(
          eq(passwordResetCodes.userId, userId),
          eq(passwordResetCodes.codeHash, codeHash),
          eq(passwordResetCodes.purpose, "invite"),
          gt(passwordResetCodes.expiresAt, now),
        ),
      ),
  ]);
  return accepted.length > 0;
}

/** When the account's live invite code expires, or null when it has none. */
export async function inviteExpiry(db: Database, userId: string): Promise<number | null> {
  const row = await db
    .select({ expiresAt: passwordResetCodes.expiresAt })
    .from(passwordResetCodes)
    .where(and(eq(passwordResetCodes.userId, userId), eq(passwordResetCodes.purpose, "invite")))
    .get();
  return row?.expiresAt ?? null;
}
