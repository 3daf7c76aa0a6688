import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { UserRow } from "../db/users";
import { spendRecoveryCode } from "./recovery-codes";
import { matchTotp } from "./totp";

/**
 * Checks a second-factor code for a user with 2FA on: a TOTP code (accepted once: the matched
 * time step is recorded with a conditional update, so a replay or a concurrent twin fails) or
 * an unused recovery code (spent).
 */
export async function checkSecondFactor(db: Database, user: UserRow, code: string): Promise<boolean> {
  if (!user.totpSecret) return false;
  if (/^\d{6}$/.test(code)) {
    const step = await matchTotp(user.totpSecret, code, Date.now(), user.totpLastStep);
    if (step === null) return false;
    const result = await db.run(
      sql`UPDATE users SET totp_last_step = ${step}
          WHERE id = ${user.id} AND (totp_last_step IS NULL OR totp_last_step < ${step})`,
    );
    return result.meta.changes === 1;
  }
  return spendRecoveryCode(db, user.id, code);
}
