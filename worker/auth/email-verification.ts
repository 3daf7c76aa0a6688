/**
 * Email confirmation codes (issue 18, item 2): making one, what is stored of it, and mailing it
 * without delaying the answer. Used by registration (routes/auth.ts) and by /me/email
 * (routes/email-verification.ts).
 */
import type { Context } from "hono";
import {
  EMAIL_VERIFICATION_CODE_DIGITS,
  EMAIL_VERIFICATION_CODE_TTL_MS,
} from "../../shared/schemas/email-verification";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { issueVerificationCode } from "../db/email-verification";
import type { UserRow } from "../db/users";
import { toHex } from "../lib/encoding";
import { subkeyMac } from "../lib/subkeys";
import { emailVerificationEmail } from "../notify/account-emails";
import { sendEmail } from "../notify/email";

/** A fresh code: 6 decimal digits from the CSPRNG, uniform (rejection sampling, no modulo bias). */
export function newVerificationCode(): string {
  const range = 10 ** EMAIL_VERIFICATION_CODE_DIGITS;
  const limit = Math.floor(2 ** 32 / range) * range;
  for (;;) {
    const [n] = crypto.getRandomValues(new Uint32Array(1));
    if (n !== undefined && n < limit) return String(n % range).padStart(EMAIL_VERIFICATION_CODE_DIGITS, "0");
  }
}

/**
 * What is stored of a code: an HMAC under its own subkey of the user, the address it was sent to
 * and the code. Six digits are too few for a plain hash (a copy of the table would give them up
 * at once); keyed, a copy alone gives nothing, and a code for one address never matches another.
 */
export async function verificationCodeHash(env: Pick<Env, "JWT_SECRET">, userId: string, email: string, code: string) {
  const message = `${userId}\n${email.trim().toLowerCase()}\n${code}`;
  return toHex(await subkeyMac(env.JWT_SECRET, "email-verification code", message));
}

/**
 * Runs `job` (an email being sent) after the answer, without delaying it: handed to waitUntil so
 * the Worker lives until it is done. Without an execution context (the app called directly) the
 * job, already started, simply runs on. sendEmail never throws.
 */
export function inBackground(c: Context<AppEnv>, job: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(job);
  } catch {
    // no ExecutionContext: nothing extends the request's lifetime, the job runs on regardless
  }
}

/**
 * A new code for `user` at `email` (replacing any earlier one): the statement that stores it, to
 * run in the caller's batch, and `send`, to call once that batch has committed, which mails the
 * code (and the link when APP_URL is set) in the background.
 */
export async function verificationCodeFor(
  c: Context<AppEnv>,
  user: Pick<UserRow, "id">,
  email: string,
  now = Date.now(),
) {
  const db = database(c.env.DB);
  const code = newVerificationCode();
  const statement = issueVerificationCode(db, {
    userId: user.id,
    email,
    codeHash: await verificationCodeHash(c.env, user.id, email, code),
    createdAt: now,
    expiresAt: now + EMAIL_VERIFICATION_CODE_TTL_MS,
  });
  const send = () =>
    inBackground(
      c,
      sendEmail(
        c.env,
        emailVerificationEmail({
          to: email,
          code,
          minutes: EMAIL_VERIFICATION_CODE_TTL_MS / 60_000,
          appUrl: c.env.APP_URL,
        }),
      ),
    );
  return { statement, send };
}
