import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { isCommonPassword } from "../../shared/password-policy";
import {
  PASSWORD_RESET_CODE_TTL_MS,
  type PasswordResetCode,
  passwordResetCodeResponse,
  redeemPasswordResetBody,
} from "../../shared/schemas/admin";
import { idParam } from "../../shared/schemas/common";
import type { AppEnv } from "../app-env";
import { hashPassword } from "../auth/password";
import { newResetCode, resetCodeHash } from "../auth/reset-codes";
import { database } from "../db/client";
import { issueResetCode, liveResetCode, redeemResetCode } from "../db/password-reset";
import { findUserByEmail, findUserById } from "../db/users";
import { audit, auditStatement, auditStatementIf, emailAuditHash } from "../lib/audit";
import { clientIp } from "../lib/client-ip";
import { json, noBody, operation } from "../lib/openapi";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody, pathParams } from "../lib/validate";

const codeHash = resetCodeHash;

/**
 * POST /api/v1/admin/users/:id/password-reset (mounted behind the admin guard): a one-time code
 * for a user without email access, handed over in person. Shown once; issuing another replaces
 * it; valid PASSWORD_RESET_CODE_TTL_MS; audited (never the code itself).
 */
export const adminPasswordReset = new Hono<AppEnv>().post(
  "/:id/password-reset",
  operation({
    summary: "Issue a one-time password-reset code for an account (shown once; replaces any earlier code; 24 hours)",
    responses: { 201: json(passwordResetCodeResponse, "The code, shown this once, and when it expires") },
  }),
  pathParams(idParam),
  async (c) => {
    const { id } = c.req.valid("param");
    const db = database(c.env.DB);
    const user = await findUserById(db, id);
    if (!user) throw new ApiError("NOT_FOUND");
    const { code, shown } = newResetCode();
    const now = Date.now();
    const expiresAt = now + PASSWORD_RESET_CODE_TTL_MS;
    await issueResetCode(
      db,
      {
        userId: id,
        codeHash: await codeHash(code),
        createdAt: now,
        expiresAt,
        createdBy: c.get("auth").userId,
        purpose: "admin",
      },
      auditStatement(c, { action: "admin.user.password_reset_code", outcome: "success", target: id }),
    );
    const body: PasswordResetCode = { code: shown, expiresAt: new Date(expiresAt).toISOString() };
    return c.json(body, 201);
  },
);

/**
 * POST /api/v1/auth/password-reset/redeem: no sign-in. The email, the code and a new password
 * (the registration policy). An unknown email, a wrong, expired or used code, and a disabled
 * account all get the same 401 RESET_CODE_INVALID (the audit log keeps which); limited like
 * sign-in (per address and per account, counted atomically). Redeeming sets the password, ends
 * every session of the account and spends the code, in one transaction; two-factor sign-in
 * stays as it was, so staff still give their code at the next sign-in.
 */
export const passwordReset = new Hono<AppEnv>().post(
  "/redeem",
  operation({
    summary:
      "Set a new password with a one-time code from an admin or the reset email (every session of the account ends)",
    responses: { 204: noBody("The password is changed; sign in with it") },
  }),
  jsonBody(redeemPasswordResetBody),
  async (c) => {
    const { email, code, newPassword } = c.req.valid("json");
    const target = await emailAuditHash(c.env, email);
    await enforceRateLimit(c, "loginPerIp", clientIp(c));
    await enforceRateLimit(c, "loginPerAccount", `password-reset:${target}`);
    if (isCommonPassword(newPassword)) throw new ApiError("PASSWORD_TOO_COMMON");
    const db = database(c.env.DB);
    const user = await findUserByEmail(db, email);
    // Hashed whatever happens next, so every refusal costs what a success does.
    const passwordHash = await hashPassword(newPassword);
    const refuse = async (why: "RESET_CODE_INVALID" | "ACCOUNT_DISABLED") => {
      await audit(c, {
        action: "auth.password_reset.redeem",
        outcome: "failure",
        userId: user?.id ?? null,
        role: user?.role ?? null,
        target,
        errorCode: why,
      });
      return new ApiError("RESET_CODE_INVALID");
    };
    if (!user) throw await refuse("RESET_CODE_INVALID");
    if (user.status !== "active") throw await refuse("ACCOUNT_DISABLED");
    const hash = await codeHash(code);
    const now = Date.now();
    const redeemed = await redeemResetCode(
      db,
      { userId: user.id, codeHash: hash, passwordHash, now },
      auditStatementIf(
        c,
        { action: "auth.password_reset.redeem", outcome: "success", userId: user.id, role: user.role, target },
        liveResetCode(user.id, hash, now),
      ),
    );
    if (!redeemed) throw await refuse("RESET_CODE_INVALID");
    return c.body(null, 204);
  },
);
