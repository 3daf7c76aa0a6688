/** One-time password-reset codes an admin issues (migration 0019): issued, then redeemed once. */
import { and, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";
import { passwordResetCodes, sessions, users } from "./schema";

export type PasswordResetCodeRow = typeof passwordResetCodes.$inferSelect;

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
        set: { codeHash: row.codeHash, createdAt: row.createdAt, expiresAt: row.expiresAt, createdBy: row.createdBy },
      }),
    audit,
  ]);
}

/** True while `codeHash` is the user's live code, unexpired at `now`: the condition every redeeming write runs under. */
export function liveResetCode(userId: string, codeHash: string, now: number): SQL {
  return sql`EXISTS (SELECT 1 FROM ${passwordResetCodes} WHERE ${and(
    eq(passwordResetCodes.userId, userId),
    eq(passwordResetCodes.codeHash, codeHash),
    gt(passwordResetCodes.expiresAt, now),
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
      .set({ passwordHash, updatedAt: now })
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
        ),
      )
      .returning({ userId: passwordResetCodes.userId }),
  ]);
  return deleted.length > 0;
}
