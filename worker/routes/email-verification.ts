import type { Context } from "hono";
import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { changeEmailBody, verifyEmailBody } from "../../shared/schemas/email-verification";
import { meResponse } from "../../shared/schemas/me";
import type { AppEnv } from "../app-env";
import { inBackground, verificationCodeFor, verificationCodeHash } from "../auth/email-verification";
import { verifyPassword } from "../auth/password";
import { database } from "../db/client";
import { claimVerificationTry, confirmEmail, liveVerificationCode, setEmailUnverified } from "../db/email-verification";
import { findUserByEmail, findUserById, publicUser, type UserRow } from "../db/users";
import { audit, auditStatement, auditStatementIf, emailAuditHash } from "../lib/audit";
import { timingSafeEqual } from "../lib/crypto";
import { json, noBody, operation } from "../lib/openapi";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody } from "../lib/validate";
import { requireAuth } from "../middleware/require-auth";
import { emailChangedEmail } from "../notify/account-emails";
import { sendEmail } from "../notify/email";

/** The caller's account row (a session whose user is gone has ended). */
async function caller(c: Context<AppEnv>): Promise<UserRow> {
  const user = await findUserById(database(c.env.DB), c.get("auth").userId);
  if (!user) throw new ApiError("SESSION_REVOKED");
  return user;
}

/**
 * /api/v1/me/email (issue 18, item 2): confirming my email address, and changing it. The account
 * works the same unconfirmed; the app shows a banner until it is confirmed. Registration sends the
 * first code (routes/auth.ts); a change of address sends one to the new address.
 */
export const emailVerificationRoutes = new Hono<AppEnv>()
  .use(requireAuth)
  .post(
    "/verification",
    operation({
      summary: "Send me a new email confirmation code (replaces the last one; 5 an hour)",
      description:
        "A 6-digit code, valid 30 minutes, to my current address. 409 EMAIL_ALREADY_VERIFIED when it is already confirmed (nothing is sent).",
      responses: { 204: noBody("A new code is on its way (an email that fails to send is logged, not answered)") },
    }),
    async (c) => {
      const user = await caller(c);
      if (user.emailVerifiedAt !== null) throw new ApiError("EMAIL_ALREADY_VERIFIED");
      await enforceRateLimit(c, "emailVerificationSendPerUser", user.id, { userId: user.id });
      const db = database(c.env.DB);
      const code = await verificationCodeFor(c, user, user.email);
      await db.batch([
        code.statement,
        auditStatement(c, { action: "account.email.verification_sent", outcome: "success" }),
      ]);
      code.send();
      return c.body(null, 204);
    },
  )
  .post(
    "/verify",
    operation({
      summary: "Confirm my email address with the code sent to it",
      description:
        "A wrong, expired, replaced or used code, one sent to an earlier address, and any code after 5 wrong tries all answer 400 VERIFICATION_CODE_INVALID. Already confirmed: my profile, unchanged.",
      responses: { 200: json(meResponse, "My profile, the address confirmed") },
    }),
    jsonBody(verifyEmailBody),
    async (c) => {
      const { code } = c.req.valid("json");
      const user = await caller(c);
      if (user.emailVerifiedAt !== null) return c.json({ user: publicUser(user) });
      const db = database(c.env.DB);
      const refuse = async () => {
        await audit(c, { action: "account.email.verify", outcome: "failure", errorCode: "VERIFICATION_CODE_INVALID" });
        return new ApiError("VERIFICATION_CODE_INVALID");
      };
      const now = Date.now();
      // The try is counted before the comparison (5 per code, even in parallel).
      const live = await claimVerificationTry(db, user.id, now);
      if (!live || live.email.toLowerCase() !== user.email.toLowerCase()) throw await refuse();
      const hash = await verificationCodeHash(c.env, user.id, user.email, code);
      const encoder = new TextEncoder();
      if (!timingSafeEqual(encoder.encode(hash), encoder.encode(live.codeHash))) throw await refuse();
      const confirmed = await confirmEmail(
        db,
        { userId: user.id, email: user.email, codeHash: hash, now },
        auditStatementIf(
          c,
          { action: "account.email.verify", outcome: "success" },
          liveVerificationCode(user.id, user.email, hash, now),
        ),
      );
      if (!confirmed) throw await refuse();
      return c.json({ user: publicUser({ ...user, emailVerifiedAt: now }) });
    },
  )
  .patch(
    "/",
    operation({
      summary: "Change my email address (my password again; the new address must be confirmed)",
      description:
        "The new address is mine at once, unconfirmed: a code goes to it, and a notice to the old one. A wrong password is 403 REAUTH_FAILED; an address another account has is 409 EMAIL_TAKEN.",
      responses: { 200: json(meResponse, "My profile with the new, unconfirmed address") },
    }),
    jsonBody(changeEmailBody),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const user = await caller(c);
      const db = database(c.env.DB);
      // Limited like a password change: the password is checked here, so no oracle, no scrypt flood.
      await enforceRateLimit(c, "loginPerAccount", await emailAuditHash(c.env, user.email), { userId: user.id });
      if (!(await verifyPassword(password, user.passwordHash)).ok) {
        await audit(c, { action: "account.email.change", outcome: "failure", errorCode: "REAUTH_FAILED" });
        throw new ApiError("REAUTH_FAILED");
      }
      // The same address again: nothing to change, nothing sent.
      if (email === user.email.toLowerCase()) return c.json({ user: publicUser(user) });
      // Each change mails two addresses: counted with the codes sent.
      await enforceRateLimit(c, "emailVerificationSendPerUser", user.id, { userId: user.id });
      const target = await emailAuditHash(c.env, email);
      const taken = async () => {
        await audit(c, { action: "account.email.change", outcome: "failure", target, errorCode: "EMAIL_TAKEN" });
        return new ApiError("EMAIL_TAKEN");
      };
      if (await findUserByEmail(db, email)) throw await taken();
      const now = Date.now();
      const code = await verificationCodeFor(c, user, email, now);
      try {
        await db.batch([
          setEmailUnverified(db, user.id, email, now),
          code.statement,
          auditStatement(c, { action: "account.email.change", outcome: "success", target }),
        ]);
      } catch (err) {
        // Another account took the address between the check and the write: the unique index decides.
        if (String(err).includes("UNIQUE")) throw await taken();
        throw err;
      }
      code.send();
      inBackground(c, sendEmail(c.env, emailChangedEmail({ to: user.email, newEmail: email })));
      return c.json({ user: publicUser({ ...user, email, emailVerifiedAt: null, updatedAt: now }) });
    },
  );
