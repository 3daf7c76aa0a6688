import { eq, sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../../shared/errors";
import type { Role } from "../../shared/roles";
import type { AppEnv } from "../app-env";
import { blockedUntilMfaEnrolment } from "../auth/mfa-enrolment";
import { EXPIRED } from "../auth/sessions";
import { verifyAccessToken } from "../auth/tokens";
import { database } from "../db/client";
import { sessions, users } from "../db/schema";
import { audit } from "../lib/audit";
import { documents } from "../lib/openapi";

/**
 * Requires `Authorization: Bearer <access token>`. Beyond the signature, the token's session is
 * looked up on every request: logout, a password change, a revoked session or a disabled user
 * stop its access tokens at once, not at expiry. The role comes from the user row, not the
 * token, so a role change also takes effect at once. A staff account without two-factor sign-in
 * can only set it up or sign out (worker/auth/mfa-enrolment.ts).
 */
export const requireAuth = documents(
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (!match?.[1]) throw new ApiError("UNAUTHENTICATED");
    const claims = await verifyAccessToken(c.env.JWT_SECRET, match[1]);
    const row = await database(c.env.DB)
      .select({
        userId: sessions.userId,
        revokedAt: sessions.revokedAt,
        revokedReason: sessions.revokedReason,
        expiresAt: sessions.expiresAt,
        status: users.status,
        role: users.role,
        mfaEnabled: sql<number>`${users.totpSecret} IS NOT NULL`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, claims.sessionId))
      .get();
    // A session that is gone (its account was deleted) or was revoked for any reason but expiry
    // (signed out here or elsewhere, a password or 2FA change, reuse, a disabled account) tells the
    // device to forget its copy of the data; one that merely expired keeps SESSION_REVOKED.
    if (!row || row.userId !== claims.userId) throw new ApiError("DEVICE_SIGNED_OUT");
    if (row.revokedAt !== null && row.revokedReason !== EXPIRED) throw new ApiError("DEVICE_SIGNED_OUT");
    if (row.revokedAt !== null || row.expiresAt <= Date.now()) throw new ApiError("SESSION_REVOKED");
    if (row.status !== "active") throw new ApiError("ACCOUNT_DISABLED");
    if (blockedUntilMfaEnrolment(row.role, row.mfaEnabled === 1, c.req.method, c.req.path)) {
      throw new ApiError("MFA_ENROLMENT_REQUIRED");
    }
    c.set("auth", { userId: row.userId, role: row.role, sessionId: claims.sessionId });
    await next();
  }),
  { security: [{ bearerAuth: [] }] },
);

/** Allows only the given roles (after requireAuth); anyone else gets 403 and an audit event. */
export function requireRole(...roles: Role[]) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.get("auth");
    if (!roles.includes(auth.role)) {
      await audit(c, {
        action: "authz.denied",
        outcome: "failure",
        target: `${c.req.method} ${new URL(c.req.url).pathname}`,
        errorCode: "FORBIDDEN",
      });
      throw new ApiError("FORBIDDEN");
    }
    await next();
  });
  return documents(middleware, { "x-roles": roles });
}
