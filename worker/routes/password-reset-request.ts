import { Hono } from "hono";
import { PASSWORD_RESET_EMAIL_TTL_MS } from "../../shared/limits";
import {
  PASSWORD_RESET_EMAIL_TTL_MINUTES,
  PASSWORD_RESET_REQUESTED_MESSAGE,
  type PasswordResetRequested,
  passwordResetRequestedResponse,
  requestPasswordResetBody,
} from "../../shared/schemas/password-reset-request";
import type { AppEnv } from "../app-env";
import { newResetCode, resetCodeHash } from "../auth/reset-codes";
import { database } from "../db/client";
import { issueResetCode } from "../db/password-reset";
import { findUserByEmail } from "../db/users";
import { audit, auditStatement, emailAuditHash } from "../lib/audit";
import { clientIp } from "../lib/client-ip";
import { json, operation } from "../lib/openapi";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody } from "../lib/validate";
import { passwordResetEmail } from "../notify/account-emails";
import { sendEmail } from "../notify/email";

const ANSWER: PasswordResetRequested = {
  message: PASSWORD_RESET_REQUESTED_MESSAGE,
  expiresInMinutes: PASSWORD_RESET_EMAIL_TTL_MINUTES,
};

/**
 * POST /api/v1/auth/password-reset/request: "forgot password", signed out. Always 202 with the
 * same body, whether an active account uses the address, a disabled or invited one does, or none
 * (the audit log keeps which, under the email's keyed hash, never the address). Limited per
 * address asked about (its audit hash, so unknown addresses count alike) and per client address,
 * both counted atomically. For an active account it issues a code (purpose "email", 30 minutes,
 * replacing any live code: an admin's too) and emails it after answering (waitUntil), so the
 * answer does not wait for the provider and its timing says nothing. The code is redeemed at
 * POST /auth/password-reset/redeem like an admin's: every session ends, two-factor stays on.
 */
export const passwordResetRequest = new Hono<AppEnv>().post(
  "/request",
  operation({
    summary: "Ask for a password-reset code by email (the same answer whether or not the account exists)",
    responses: {
      202: json(
        passwordResetRequestedResponse,
        "Accepted: if an active account uses the address, a code valid 30 minutes is on its way",
      ),
    },
  }),
  jsonBody(requestPasswordResetBody),
  async (c) => {
    const { email } = c.req.valid("json");
    const target = await emailAuditHash(c.env, email);
    await enforceRateLimit(c, "passwordResetRequestPerIp", clientIp(c));
    await enforceRateLimit(c, "passwordResetRequestPerAccount", target);
    const db = database(c.env.DB);
    const user = await findUserByEmail(db, email);
    // Made and hashed whatever happens next, so every answer costs about the same.
    const { code, shown } = newResetCode();
    const codeHash = await resetCodeHash(code);
    const now = Date.now();
    // An invited staff member has no password yet: their invite (its code) stays as it is.
    const refusal = !user
      ? "NOT_FOUND"
      : user.status !== "active"
        ? "ACCOUNT_DISABLED"
        : user.invitedAt
          ? "FORBIDDEN"
          : null;
    if (!user || refusal) {
      await audit(c, {
        action: "auth.password_reset.request",
        outcome: "failure",
        userId: user?.id ?? null,
        role: user?.role ?? null,
        target,
        errorCode: refusal,
      });
      return c.json(ANSWER, 202);
    }
    await issueResetCode(
      db,
      {
        userId: user.id,
        codeHash,
        createdAt: now,
        expiresAt: now + PASSWORD_RESET_EMAIL_TTL_MS,
        createdBy: user.id,
        purpose: "email",
      },
      auditStatement(c, {
        action: "auth.password_reset.request",
        outcome: "success",
        userId: user.id,
        role: user.role,
        target,
      }),
    );
    // The stored address (the one the account uses), not the one typed: they differ only in case.
    c.executionCtx.waitUntil(
      sendEmail(c.env, passwordResetEmail({ to: user.email, code: shown, appUrl: c.env.APP_URL })).then((outcome) => {
        if (outcome === "not-configured") {
          console.warn(JSON.stringify({ level: "warn", event: "password_reset_email_not_configured" }));
        }
      }),
    );
    return c.json(ANSWER, 202);
  },
);
