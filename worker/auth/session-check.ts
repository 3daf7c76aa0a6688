import { eq, sql } from "drizzle-orm";
import type { ErrorCode } from "../../shared/errors";
import type { AuthContext } from "../app-env";
import type { Database } from "../db/client";
import { prepared } from "../db/prepared";
import { sessions, users } from "../db/schema";
import { blockedUntilMfaEnrolment } from "./mfa-enrolment";
import { EXPIRED } from "./sessions";
import type { AccessClaims } from "./tokens";

const SESSION_FIELDS = {
  userId: sessions.userId,
  revokedAt: sessions.revokedAt,
  revokedReason: sessions.revokedReason,
  expiresAt: sessions.expiresAt,
  status: users.status,
  role: users.role,
  mfaEnabled: sql<number>`${users.totpSecret} IS NOT NULL`,
};

const sessionCheck = prepared((db) =>
  db
    .select(SESSION_FIELDS)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("sessionId"))),
);

const sessionChecks = prepared((db) =>
  db
    .select({ sessionId: sessions.id, ...SESSION_FIELDS })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(sql`${sessions.id} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`),
);

/** The rows of several sessions at once (the calls a user's Durable Object runs together). */
export function sessionChecksQuery(db: Database, sessionIds: string[]) {
  return sessionChecks(db, { ids: JSON.stringify(sessionIds) });
}

/**
 * The session check every authenticated request passes, in one place. Beyond the access token's
 * signature, the session it names is read from D1 on every request: logout, a password change, a
 * revoked session or a disabled user stop its access tokens at once, not at expiry. The role
 * comes from the user row, not the token, so a role change also takes effect at once.
 *
 * The read is an unexecuted query so that it can ride in another batch: requireAuth runs it on
 * its own; the hot paths put it first in their own read batch, or in the user's Durable Object's
 * state load, so checking costs no round trip of its own (issue 15; middleware/require-auth.ts).
 */
export function sessionCheckQuery(db: Database, sessionId: string) {
  return sessionCheck(db, { sessionId });
}

export type SessionRow = Awaited<ReturnType<typeof sessionCheckQuery>>[number];

/** What a request asks of the session: who the token says, and the request (for the 2FA-enrolment rule). */
export interface SessionClaim {
  claims: AccessClaims;
  method: string;
  path: string;
}

/**
 * Whether the session row lets the request through: who is calling, or the error it gets.
 * A session that is gone (its account was deleted) or was revoked for any reason but expiry
 * (signed out here or elsewhere, a password or 2FA change, reuse, a disabled account) tells the
 * device to forget its copy of the data; one that merely expired keeps SESSION_REVOKED. A staff
 * account without two-factor sign-in can only set it up or sign out (auth/mfa-enrolment.ts).
 */
export function admitSession(
  row: SessionRow | undefined,
  { claims, method, path }: SessionClaim,
  now: number,
): { ok: true; auth: AuthContext } | { ok: false; code: ErrorCode } {
  const refuse = (code: ErrorCode) => ({ ok: false as const, code });
  if (!row || row.userId !== claims.userId) return refuse("DEVICE_SIGNED_OUT");
  if (row.revokedAt !== null && row.revokedReason !== EXPIRED) return refuse("DEVICE_SIGNED_OUT");
  if (row.revokedAt !== null || row.expiresAt <= now) return refuse("SESSION_REVOKED");
  if (row.status !== "active") return refuse("ACCOUNT_DISABLED");
  if (blockedUntilMfaEnrolment(row.role, row.mfaEnabled === 1, method, path)) return refuse("MFA_ENROLMENT_REQUIRED");
  return { ok: true, auth: { userId: row.userId, role: row.role, sessionId: claims.sessionId } };
}
