/**
 * One-time password-reset codes (migrations 0019, 0021): issued by an admin, emailed on request
 * ("forgot password") or sent with a staff invite (`purpose`), then redeemed once. One live code
 * per user: issuing any code replaces the previous one, whatever it was for.
 */
import { and, eq, gt, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";
import { passwordResetCodes, sessions, users } from "./schema";

export type PasswordResetCodeRow = typeof passwordResetCodes.$inferSelect;
export type ResetCodePurpose = PasswordResetCodeRow["purpose"];

/**
 * What redeeming a password reset accepts: an admin's code or an emailed one, never a staff
 * invite's (that only accepts the invite: db/invites.ts), so one kind of code cannot stand in for another.
 */
export const RESET_PURPOSES: readonly ResetCodePurpose[] = ["admin", "email"];

/** Stores the user's one live code (replacing any earlier one), in one batch with `audit`. */
export async function issueResetCode(
  db: Database,
  row: PasswordResetCodeRow,
  audit: BatchItem<"sqlite">,
): Promise<void> {
  await db.batch([
    db
      .insert(passwordResetCodes)
      .values(row)
      .onConflictDoUpdate({
        target: passwordResetCodes.userId,
        set: {
          codeHash: row.codeHash,
          createdAt: row.createdAt,
          expiresAt: row.expiresAt,
          createdBy: row.createdBy,
          purpose: row.purpose,
        },
      }),
    audit,
  ]);
}

/**
 * True while `codeHash` is the user's live code, unexpired at `now` and issued for one of
 * `purposes`: the condition every redeeming write runs under.
 */
export function liveResetCode(
  userId: string,
  codeHash: string,
  now: number,
  purposes: readonly ResetCodePurpose[] = RESET_PURPOSES,
): SQL {
  return sql`EXISTS (SELECT 1 FROM ${passwordResetCodes} WHERE ${and(
    eq(passwordResetCodes.userId, userId),
    eq(passwordResetCodes.codeHash, codeHash),
    gt(passwordResetCodes.expiresAt, now),
    inArray(passwordResetCodes.purpose, [...purposes]),
  )})`;
}

/**
 * Redeems a code in one batch (one transaction), every statement under the same condition (the
 * code is live): `audit` (built with auditStatementIf on liveResetCode), the new password, every
 * session of the user revoked, and the code deleted (single use). Two redeems racing: the first
 * transaction deletes the code, so the second changes nothing. True when the code was redeemed.
 */
export async function redeemResetCode(
  db: Database,
  input: { userId: string; codeHash: string; passwordHash: string; now: number },
  audit: BatchItem<"sqlite">,
): Promise<boolean> {
  const { userId, codeHash, passwordHash, now } = input;
  const live = liveResetCode(userId, codeHash, now);
  const [, , , deleted] = await db.batch([
    audit,
    db
      .update(users)
      // A staff member still invited who set a password this way has accepted the invite too.
      .set({ passwordHash, invitedAt: null, updatedAt: now })
      .where(and(eq(users.id, userId), live)),
    db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: "password_reset" })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), live)),
    db
      .delete(passwordResetCodes)
      .where(
        and(
          eq(passwordResetCodes.userId, userId),
          eq(passwordResetCodes.codeHash, codeHash),
          gt(passwordResetCodes.expiresAt, now),
          inArray(passwordResetCodes.purpose, [...RESET_PURPOSES]),
        ),
      )
      .returning({ userId: passwordResetCodes.userId }),
  ]);
  return deleted.length > 0;
}
