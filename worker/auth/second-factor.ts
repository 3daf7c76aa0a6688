import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { UserRow } from "../db/users";
import { spendRecoveryCode, upgradeLegacyRecoveryCodes } from "./recovery-codes";
import { matchTotp } from "./totp";

/**
 * Checks a second-factor code for a user with 2FA on: a TOTP code (accepted once: the matched
 * time step is recorded with a conditional update, so a replay or a concurrent twin fails) or
 * an unused recovery code (spent). `secret` is the server secret the recovery codes' hash key is
 * derived from (the Worker's JWT_SECRET unless given); the user's recovery codes still stored
 * under the old unkeyed hash are rewritten first.
 */
export async function checkSecondFactor(
  db: Database,
  user: UserRow,
  code: string,
  secret: string = env.JWT_SECRET,
): Promise<boolean> {
  if (!user.totpSecret) return false;
  await upgradeLegacyRecoveryCodes(db, secret, user.id);
  if (/^\d{6}$/.test(code)) {
    const step = await matchTotp(user.totpSecret, code, Date.now(), user.totpLastStep);
    if (step === null) return false;
    const result = await db.run(
      sql`UPDATE users SET totp_last_step = ${step}
          WHERE id = ${user.id} AND (totp_last_step IS NULL OR totp_last_step < ${step})`,
    );
    return result.meta.changes === 1;
  }
  return spendRecoveryCode(db, secret, user.id, code);
}
