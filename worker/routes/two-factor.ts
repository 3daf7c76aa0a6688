import { type Context, Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { mfaRequiredFor } from "../../shared/roles";
import {
  confirm2faBody,
  confirm2faResponse,
  disable2faBody,
  disable2faResponse,
  enroll2faBody,
  enroll2faResponse,
  signedInSchema,
  verify2faBody,
} from "../../shared/schemas/auth";
import type { AppEnv } from "../app-env";
import { verifyPassword } from "../auth/password";
import { newRecoveryCodes, recoveryCodeRows } from "../auth/recovery-codes";
import { checkSecondFactor } from "../auth/second-factor";
import { revokeUserSessions, startSession } from "../auth/sessions";
import { verifyMfaToken } from "../auth/tokens";
import { matchTotp, newTotpSecret, otpauthUri } from "../auth/totp";
import { database } from "../db/client";
import { otherLiveSessions } from "../db/sessions";
import {
  deleteRecoveryCodes,
  disableTotp,
  enableTotp,
  findUserById,
  insertRecoveryCodes,
  setPendingTotpSecret,
  type UserRow,
} from "../db/users";
import { audit, auditStatement } from "../lib/audit";
import { json, operation } from "../lib/openapi";
import { enforceRateLimit, mfaTokenCounter } from "../lib/rate-limit";
import { jsonBody } from "../lib/validate";
import { requireAuth } from "../middleware/require-auth";

/**
 * /api/v1/auth/2fa: the login step, and TOTP set-up and removal for a signed-in user. Set-up and
 * removal take fresh authentication (the password on each step; removal also the current second
 * factor), so a stolen access token cannot lock the owner out, and each change ends every other
 * session of the user (issue 13, item 5).
 */
export const twoFactor = new Hono<AppEnv>()
  .post(
    "/verify",
    operation({
      summary: "Finish signing in with a 2FA code (or a recovery code) and the login's mfaToken",
      responses: { 200: json(signedInSchema, "Signed in: the user and an access token; the refresh cookie is set") },
    }),
    jsonBody(verify2faBody),
    async (c) => {
      const { mfaToken, code } = c.req.valid("json");
      const { userId, tokenId } = await verifyMfaToken(c.env.JWT_SECRET, mfaToken);
      await enforceRateLimit(c, "twoFactorPerUser", userId, { userId });
      // The token's own counter: at most MFA_TOKEN_MAX_ATTEMPTS codes are ever checked with it,
      // and once one was right it is spent. Either way the answer is "sign in again".
      const counter = mfaTokenCounter(c.env, tokenId);
      const refusal = await counter.beginMfaAttempt();
      if (refusal) {
        await audit(c, {
          action: "auth.2fa.verify",
          outcome: "failure",
          userId,
          target: `mfa_token.${refusal}`,
          errorCode: "MFA_TOKEN_INVALID",
        });
        throw new ApiError("MFA_TOKEN_INVALID");
      }
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (user?.status !== "active" || !user.totpSecret) throw new ApiError("MFA_TOKEN_INVALID");
      if (!(await checkSecondFactor(db, user, code, c.env.JWT_SECRET))) {
        await audit(c, {
          action: "auth.2fa.verify",
          outcome: "failure",
          userId,
          role: user.role,
          errorCode: "MFA_CODE_INVALID",
        });
        throw new ApiError("MFA_CODE_INVALID");
      }
      // Two right codes raced with one token (two recovery codes): only the first starts a session.
      if (!(await counter.spendMfaToken())) {
        await audit(c, {
          action: "auth.2fa.verify",
          outcome: "failure",
          userId,
          role: user.role,
          target: "mfa_token.spent",
          errorCode: "MFA_TOKEN_INVALID",
        });
        throw new ApiError("MFA_TOKEN_INVALID");
      }
      return c.json(await startSession(c, user, "auth.2fa.verify"));
    },
  )

  .post(
    "/enroll",
    operation({
      summary: "Start setting up 2FA (password again): a new TOTP secret to add to an authenticator app",
      responses: { 200: json(enroll2faResponse, "The pending secret and its otpauth:// URI") },
    }),
    requireAuth,
    jsonBody(enroll2faBody),
    async (c) => {
      const { userId } = c.get("auth");
      await enforceRateLimit(c, "twoFactorPerUser", userId, { userId });
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      if (user.totpSecret) throw new ApiError("MFA_ALREADY_ENABLED");
      // The pending secret exists only once the password was re-entered: a stolen token cannot plant one.
      await requirePassword(c, user, c.req.valid("json").password, "auth.2fa.enroll");
      const secret = newTotpSecret();
      await db.batch([
        setPendingTotpSecret(db, userId, secret),
        auditStatement(c, { action: "auth.2fa.enroll", outcome: "success" }),
      ]);
      return c.json({ secret, otpauthUri: otpauthUri(secret, user.email) });
    },
  )

  .post(
    "/confirm",
    operation({
      summary: "Turn 2FA on with a first code (password again); other devices sign in again",
      responses: { 200: json(confirm2faResponse, "2FA is on: the recovery codes, shown this once") },
    }),
    requireAuth,
    jsonBody(confirm2faBody),
    async (c) => {
      const { userId, sessionId } = c.get("auth");
      await enforceRateLimit(c, "twoFactorPerUser", userId, { userId });
      const { password, code } = c.req.valid("json");
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      if (user.totpSecret) throw new ApiError("MFA_ALREADY_ENABLED");
      if (!user.totpPendingSecret) throw new ApiError("MFA_NOT_ENROLLED");
      await requirePassword(c, user, password, "auth.2fa.confirm");
      const step = await matchTotp(user.totpPendingSecret, code, Date.now(), null);
      if (step === null) {
        await audit(c, { action: "auth.2fa.confirm", outcome: "failure", errorCode: "REAUTH_FAILED" });
        // The password was right (requirePassword passed): only the code is wrong, so say that.
        throw new ApiError("REAUTH_FAILED", {
          message: "That code is not correct. Enter the 6-digit code your authenticator app shows now.",
        });
      }
      const codes = newRecoveryCodes();
      const [others] = await db.batch([
        otherLiveSessions(db, userId, sessionId),
        enableTotp(db, userId, user.totpPendingSecret, step),
        deleteRecoveryCodes(db, userId),
        insertRecoveryCodes(db, await recoveryCodeRows(c.env.JWT_SECRET, userId, codes)),
        // Every other device signs in again (now with the second factor); this one stays.
        revokeUserSessions(db, userId, "2fa_enabled", sessionId),
        auditStatement(c, { action: "auth.2fa.confirm", outcome: "success" }),
      ]);
      return c.json({ enabled: true as const, recoveryCodes: codes, otherSessionsEnded: others[0]?.n ?? 0 });
    },
  )

  .post(
    "/disable",
    operation({
      summary: "Turn 2FA off (password and a current code; patients only); other devices sign in again",
      responses: { 200: json(disable2faResponse, "2FA is off") },
    }),
    requireAuth,
    jsonBody(disable2faBody),
    async (c) => {
      const { userId, sessionId } = c.get("auth");
      await enforceRateLimit(c, "twoFactorPerUser", userId, { userId });
      const { password, code } = c.req.valid("json");
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      if (!user.totpSecret) throw new ApiError("MFA_NOT_ENABLED");
      // Staff cannot go back to a password alone; an admin's reset sends them back to set-up.
      if (mfaRequiredFor(user.role)) {
        await audit(c, { action: "auth.2fa.disable", outcome: "failure", errorCode: "MFA_REQUIRED_FOR_ROLE" });
        throw new ApiError("MFA_REQUIRED_FOR_ROLE");
      }
      // Both factors: the password, then the current second factor (a TOTP code or a recovery code).
      await requirePassword(c, user, password, "auth.2fa.disable");
      if (!(await checkSecondFactor(db, user, code, c.env.JWT_SECRET))) {
        await audit(c, { action: "auth.2fa.disable", outcome: "failure", errorCode: "REAUTH_FAILED" });
        throw new ApiError("REAUTH_FAILED");
      }
      const [others] = await db.batch([
        otherLiveSessions(db, userId, sessionId),
        disableTotp(db, userId),
        deleteRecoveryCodes(db, userId),
        revokeUserSessions(db, userId, "2fa_disabled", sessionId),
        auditStatement(c, { action: "auth.2fa.disable", outcome: "success" }),
      ]);
      return c.json({ enabled: false as const, otherSessionsEnded: others[0]?.n ?? 0 });
    },
  );

/**
 * Fresh authentication for a 2FA change: the account's current password, re-entered now. A wrong
 * one is audited under the step's action and answered 403 REAUTH_FAILED (the caller counted the
 * attempt against twoFactorPerUser first, so this is no free password oracle).
 */
async function requirePassword(c: Context<AppEnv>, user: UserRow, password: string, action: string): Promise<void> {
  if ((await verifyPassword(password, user.passwordHash)).ok) return;
  await audit(c, { action, outcome: "failure", errorCode: "REAUTH_FAILED" });
  throw new ApiError("REAUTH_FAILED");
}
