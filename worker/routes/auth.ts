import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { isCommonPassword } from "../../shared/password-policy";
import { isDemoEmail } from "../../shared/roles";
import {
  changePasswordBody,
  loginBody,
  loginResponse,
  registerBody,
  sessionListResponse,
  signedInSchema,
} from "../../shared/schemas/auth";
import { idParam } from "../../shared/schemas/common";
import type { AppEnv } from "../app-env";
import { verificationCodeFor } from "../auth/email-verification";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/password";
import { clearRefreshCookie, readRefreshCookie } from "../auth/refresh-cookie";
import { decoySession, revokeSession, revokeUserSessions, rotateRefreshToken, startSession } from "../auth/sessions";
import { signMfaToken } from "../auth/tokens";
import { database } from "../db/client";
import { deleteSessionSubscriptions } from "../db/push-subscriptions";
import { findSession, liveSessionsOf, sessionView } from "../db/sessions";
import { findUserByEmail, findUserById, insertUser, newUserRow, setPasswordHash } from "../db/users";
import { audit, auditStatement, emailAuditHash } from "../lib/audit";
import { clientIp } from "../lib/client-ip";
import { json, noBody, operation } from "../lib/openapi";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody, pathParams } from "../lib/validate";
import { requireAuth } from "../middleware/require-auth";
import { requireSameOrigin } from "../middleware/same-origin";
import { twoFactor } from "./two-factor";

/**
 * Hashes an email for rate-limit keys and audit targets: no address in KV or the audit log, and a
 * keyed hash (HMAC), so a guessed address cannot be confirmed against a copy of either.
 */
const emailKey = (env: Env, email: string) => emailAuditHash(env, email);

export const auth = new Hono<AppEnv>()
  .post(
    "/register",
    operation({
      summary: "Create a patient account and sign in (a taken email is answered the same way)",
      responses: {
        201: json(signedInSchema, "Signed in: the new user and an access token; the refresh cookie is set"),
      },
    }),
    jsonBody(registerBody),
    async (c) => {
      await enforceRateLimit(c, "registerPerIp", clientIp(c));
      const body = c.req.valid("json");
      if (isCommonPassword(body.password)) throw new ApiError("PASSWORD_TOO_COMMON");
      const db = database(c.env.DB);
      // Hashed before anything else, so a taken email costs the same work as a new one.
      const user = newUserRow({
        email: body.email,
        role: "patient",
        displayName: body.displayName,
        timezone: body.timezone,
        passwordHash: await hashPassword(body.password),
      });
      // A taken email (in any case) is answered like a new registration: no account oracle
      // (issue 13, item 10). Only the audit log records the refusal.
      const taken = async () => {
        await audit(c, {
          action: "auth.register",
          outcome: "failure",
          target: await emailKey(c.env, body.email),
          errorCode: "EMAIL_TAKEN",
        });
        return c.json(await decoySession(c, user), 201);
      };
      if (await findUserByEmail(db, body.email)) return taken();
      // The first email confirmation code is stored with the account (issue 18, item 2) and
      // mailed in the background: registration never waits for, or fails with, the email.
      const confirmation = await verificationCodeFor(c, user, user.email);
      try {
        await db.batch([insertUser(db, user), confirmation.statement]);
      } catch (err) {
        // Two registrations of one email racing past the check above: the unique index decides.
        if (String(err).includes("UNIQUE")) return taken();
        throw err;
      }
      confirmation.send();
      return c.json(await startSession(c, user, "auth.register"), 201);
    },
  )

  .post(
    "/login",
    operation({
      summary: "Sign in with email and password (or get a 2FA challenge)",
      responses: {
        200: json(loginResponse, "Signed in (refresh cookie set), or { mfaRequired, mfaToken } when 2FA is on"),
      },
    }),
    jsonBody(loginBody),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const target = await emailKey(c.env, email);
      await enforceRateLimit(c, "loginPerIp", clientIp(c));
      await enforceRateLimit(c, "loginPerAccount", target);
      const db = database(c.env.DB);
      const user = await findUserByEmail(db, email);
      const check = user ? await verifyPassword(password, user.passwordHash) : null;
      if (!user || !check?.ok) {
        if (!user) await burnPasswordCheck(password);
        await audit(c, {
          action: "auth.login",
          outcome: "failure",
          userId: user?.id ?? null,
          role: user?.role ?? null,
          target,
          errorCode: "INVALID_CREDENTIALS",
        });
        throw new ApiError("INVALID_CREDENTIALS");
      }
      // Demo accounts have a published password: outside development they can never sign in.
      const demoRefused = isDemoEmail(user.email) && c.env.ENVIRONMENT !== "development";
      if (user.status !== "active" || demoRefused) {
        // Answered like a wrong password, so the answer does not tell whether this one was right
        // (issue 13, item 10); the audit log keeps the reason.
        await audit(c, {
          action: "auth.login",
          outcome: "failure",
          userId: user.id,
          role: user.role,
          target,
          errorCode: "ACCOUNT_DISABLED",
        });
        throw new ApiError("INVALID_CREDENTIALS");
      }
      if (check.needsRehash) {
        await setPasswordHash(db, user.id, await hashPassword(password));
      }
      if (user.totpSecret) {
        await audit(c, { action: "auth.login.mfa_required", outcome: "success", userId: user.id, role: user.role });
        return c.json({ mfaRequired: true as const, mfaToken: await signMfaToken(c.env.JWT_SECRET, user.id) });
      }
      return c.json(await startSession(c, user, "auth.login"));
    },
  )

  .route("/2fa", twoFactor)

  // The refresh cookie is the credential here, so a cross-site request must not be able to use
  // it: SameSite=Strict plus an Origin check (Hono's csrf() only covers form content types).
  .post(
    "/refresh",
    operation({
      summary: "Swap the refresh cookie for a new access token (the cookie rotates)",
      responses: { 200: json(signedInSchema, "Signed in again: the user and a new access token") },
    }),
    requireSameOrigin,
    async (c) => {
      const token = readRefreshCookie(c);
      if (!token) {
        await audit(c, { action: "auth.refresh", outcome: "failure", errorCode: "REFRESH_INVALID" });
        throw new ApiError("REFRESH_INVALID");
      }
      return c.json(await rotateRefreshToken(c, token));
    },
  )

  .post(
    "/logout",
    operation({
      summary: "Sign out this device",
      responses: { 204: noBody("Signed out; the refresh cookie is cleared") },
    }),
    requireAuth,
    async (c) => {
      const { sessionId } = c.get("auth");
      const db = database(c.env.DB);
      await db.batch([
        revokeSession(db, sessionId, "logout"),
        // This device's push subscription goes with the session (issue 17): no notification
        // reaches a browser nobody is signed in on.
        deleteSessionSubscriptions(db, sessionId),
        auditStatement(c, { action: "auth.logout", outcome: "success", target: sessionId }),
      ]);
      clearRefreshCookie(c);
      return c.body(null, 204);
    },
  )

  .get(
    "/sessions",
    operation({
      summary: "My signed-in devices, most recently used first",
      responses: { 200: json(sessionListResponse, "My live sessions") },
    }),
    requireAuth,
    async (c) => {
      const { userId, sessionId } = c.get("auth");
      const rows = await liveSessionsOf(database(c.env.DB), userId);
      return c.json({ items: rows.map((s) => sessionView(s, sessionId)) });
    },
  )

  .delete(
    "/sessions/:id",
    operation({ summary: "Sign out one of my devices", responses: { 204: noBody("That session has ended") } }),
    requireAuth,
    pathParams(idParam),
    async (c) => {
      const { userId } = c.get("auth");
      const { id } = c.req.valid("param");
      const db = database(c.env.DB);
      const session = await findSession(db, id);
      // Another user's session is "not found": never reveal that it exists.
      if (!session || session.userId !== userId || session.revokedAt !== null) throw new ApiError("NOT_FOUND");
      await db.batch([
        revokeSession(db, id, "signed_out_by_user"),
        auditStatement(c, { action: "auth.session.revoke", outcome: "success", target: id }),
      ]);
      return c.body(null, 204);
    },
  )

  .post(
    "/password",
    operation({
      summary: "Change my password (every other device signs in again)",
      responses: { 204: noBody("Changed; other sessions have ended") },
    }),
    requireAuth,
    jsonBody(changePasswordBody),
    async (c) => {
      const { userId, sessionId } = c.get("auth");
      const { currentPassword, newPassword } = c.req.valid("json");
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      await enforceRateLimit(c, "loginPerAccount", await emailKey(c.env, user.email), { userId });
      if (!(await verifyPassword(currentPassword, user.passwordHash)).ok) {
        await audit(c, { action: "auth.password.change", outcome: "failure", errorCode: "REAUTH_FAILED" });
        throw new ApiError("REAUTH_FAILED");
      }
      if (isCommonPassword(newPassword)) throw new ApiError("PASSWORD_TOO_COMMON");
      await db.batch([
        setPasswordHash(db, userId, await hashPassword(newPassword)),
        // Every other device signs in again; this one stays.
        revokeUserSessions(db, userId, "password_changed", sessionId),
        auditStatement(c, { action: "auth.password.change", outcome: "success" }),
      ]);
      return c.body(null, 204);
    },
  );
