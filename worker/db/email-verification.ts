/**
 * Email confirmation codes (issue 18, item 2; migration 0021): one live code per user, for the
 * address it was sent to, stored as a keyed hash, with its tries counted. Issuing a code replaces
 * the previous one; confirming spends it; changing the address replaces it with one for the new
 * address, so a code sent to an earlier address never confirms the current one.
 */
import { and, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { EMAIL_VERIFICATION_MAX_ATTEMPTS } from "../../shared/schemas/email-verification";
import type { Database } from "./client";
import { emailVerificationCodes, users } from "./schema";

export type EmailVerificationCodeRow = typeof emailVerificationCodes.$inferSelect;

/** Stores the user's one live code (replacing any earlier one, its tries reset): a batch statement. */
export function issueVerificationCode(db: Database, row: Omit<EmailVerificationCodeRow, "attempts">) {
  return db
    .insert(emailVerificationCodes)
    .values({ ...row, attempts: 0 })
    .onConflictDoUpdate({
      target: emailVerificationCodes.userId,
      set: {
        email: row.email,
        codeHash: row.codeHash,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        attempts: 0,
      },
    });
}

/**
 * Counts one try at the user's code and answers the code's address and hash, or undefined when
 * there is no live code (none, expired, or its tries used up). The try is counted before the
 * comparison, in one statement, so parallel guesses cannot get more than
 * EMAIL_VERIFICATION_MAX_ATTEMPTS comparisons out of one code.
 */
export async function claimVerificationTry(
  db: Database,
  userId: string,
  now: number,
): Promise<Pick<EmailVerificationCodeRow, "email" | "codeHash"> | undefined> {
  const [row] = await db
    .update(emailVerificationCodes)
    .set({ attempts: sql`${emailVerificationCodes.attempts} + 1` })
    .where(
      and(
        eq(emailVerificationCodes.userId, userId),
        lt(emailVerificationCodes.attempts, EMAIL_VERIFICATION_MAX_ATTEMPTS),
        gt(emailVerificationCodes.expiresAt, now),
      ),
    )
    .returning({ email: emailVerificationCodes.email, codeHash: emailVerificationCodes.codeHash });
  return row;
}

/** True while `codeHash` is the user's live code for `email`, unexpired at `now`. */
export function liveVerificationCode(userId: string, email: string, codeHash: string, now: number): SQL {
  return sql`EXISTS (SELECT 1 FROM ${emailVerificationCodes} WHERE ${and(
    eq(emailVerificationCodes.userId, userId),
    eq(emailVerificationCodes.codeHash, codeHash),
    sql`lower(${emailVerificationCodes.email}) = ${email.toLowerCase()}`,
    gt(emailVerificationCodes.expiresAt, now),
  )})`;
}

/**
 * Confirms the address in one batch (one transaction), every statement under the same condition
 * (the code is still live, for this address): `audit` (built with auditStatementIf on
 * liveVerificationCode), the user's address marked confirmed while it is still `email`, and the
 * code deleted (single use). True when this call confirmed it.
 */
export async function confirmEmail(
  db: Database,
  input: { userId: string; email: string; codeHash: string; now: number },
  audit: BatchItem<"sqlite">,
): Promise<boolean> {
  const { userId, email, codeHash, now } = input;
  const live = liveVerificationCode(userId, email, codeHash, now);
  const [, , deleted] = await db.batch([
    audit,
    db
      .update(users)
      .set({ emailVerifiedAt: now })
      .where(and(eq(users.id, userId), sql`lower(${users.email}) = ${email.toLowerCase()}`, live)),
    db
      .delete(emailVerificationCodes)
      .where(
        and(
          eq(emailVerificationCodes.userId, userId),
          eq(emailVerificationCodes.codeHash, codeHash),
          sql`lower(${emailVerificationCodes.email}) = ${email.toLowerCase()}`,
          gt(emailVerificationCodes.expiresAt, now),
        ),
      )
      .returning({ userId: emailVerificationCodes.userId }),
  ]);
  return deleted.length > 0;
}

/** A new address for the user, not yet confirmed (a batch statement; a taken address fails on the unique index). */
export function setEmailUnverified(db: Database, userId: string, email: string, now: number) {
  return db.update(users).set({ email, emailVerifiedAt: null, updatedAt: now }).where(eq(users.id, userId));
}
