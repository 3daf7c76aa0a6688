import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { ApiError, type ErrorCode } from "../../shared/errors";
import type { Role } from "../../shared/roles";
import type { AppEnv, AuthContext } from "../app-env";
import { admitSession, type SessionClaim, type SessionRow, sessionCheckQuery } from "../auth/session-check";
import { type AccessClaims, verifyAccessToken } from "../auth/tokens";
import { type Database, database } from "../db/client";
import { auditDenial } from "../lib/audit";
import { documents } from "../lib/openapi";

const BEARER = { security: [{ bearerAuth: [] }] };

/** The access token's verified claims (401 without a well-formed, signed, unexpired one). */
async function bearerClaims(c: Context<AppEnv>): Promise<AccessClaims> {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match?.[1]) throw new ApiError("UNAUTHENTICATED");
  return verifyAccessToken(c.env.JWT_SECRET, match[1]);
}

/**
 * Requires `Authorization: Bearer <access token>` and the session it names (auth/session-check.ts:
 * logout, a password change, a revoked session or a disabled user stop its tokens at once; the
 * role is the user row's). A staff account without two-factor sign-in can only set it up or sign out.
 */
export const requireAuth = documents(
  createMiddleware<AppEnv>(async (c, next) => {
    const claims = await bearerClaims(c);
    const db = database(c.env.DB);
    const [rows] = await db.batch([sessionCheckQuery(db, claims.sessionId)]);
    c.set("auth", admitted(rows[0], sessionClaim(c, claims)));
    await next();
  }),
  BEARER,
);

function sessionClaim(c: Context<AppEnv>, claims: AccessClaims): SessionClaim {
  return { claims, method: c.req.method, path: c.req.path };
}

function admitted(row: SessionRow | undefined, claim: SessionClaim) {
  const verdict = admitSession(row, claim, Date.now());
  if (!verdict.ok) throw new ApiError(verdict.code);
  return verdict.auth;
}

/** Refuses a role the route is not for: 403 and an audit event (after the caller is known). */
async function refuseRole(c: Context<AppEnv>, roles: readonly Role[]): Promise<void> {
  if (roles.includes(c.get("auth").role)) return;
  await auditDenial(c, "FORBIDDEN");
  throw new ApiError("FORBIDDEN");
}

/** Allows only the given roles (after requireAuth); anyone else gets 403 and an audit event. */
export function requireRole(...roles: Role[]) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    await refuseRole(c, roles);
    await next();
  });
  return documents(middleware, { "x-roles": roles });
}

/**
 * requireAuth and requireRole for the hot paths (issue 15), with the same checks and answers but
 * no round trip of their own: the token is verified here, and the session row is read in the
 * route's own first D1 batch (`batchAsCaller`) or in the user's Durable Object's state load
 * (`sendCommands`). Until then the route knows only who the token claims to be
 * (`claimedUserId`), enough to build its reads, whose results are used only once the session
 * passed. Bad input is found before the check (validators run first); the check then runs on its
 * own before the 400 is answered, so a refused session or role gets exactly the answer it would
 * have got first. A route that answers without the check is a bug, caught here: it answers 500.
 */
export function requireAuthInBatch(...roles: Role[]) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    c.set("pendingAuth", { ...sessionClaim(c, await bearerClaims(c)), roles, checked: false });
    await next();
    if (c.get("pendingAuth").checked) return;
    if (c.res.status < 400) throw new Error(`${c.req.method} ${c.req.path} answered without checking the session`);
    await batchAsCaller(c, database(c.env.DB), []);
  });
  return documents(middleware, { ...BEARER, "x-roles": roles });
}

/** Who the access token says is calling, before the session check has run (requireAuthInBatch). */
export function claimedUserId(c: Context<AppEnv>): string {
  const pending = c.get("pendingAuth");
  if (!pending) throw new Error("claimedUserId outside requireAuthInBatch");
  return pending.claims.userId;
}

/** The session check's claim, for the user's Durable Object to check in its own load (requireAuthInBatch). */
export function pendingSessionClaim(c: Context<AppEnv>) {
  const pending = c.get("pendingAuth");
  return pending && !pending.checked
    ? { claims: pending.claims, method: pending.method, path: pending.path, roles: pending.roles }
    : undefined;
}

/**
 * Runs the route's reads in ONE batch behind the session check (requireAuthInBatch): the check
 * is the batch's first statement, and the reads' results are returned only when it passed (a
 * refused caller gets exactly requireAuth's and requireRole's answers, and the reads are dropped).
 */
export async function batchAsCaller<T extends BatchItem<"sqlite">[]>(
  c: Context<AppEnv>,
  db: Database,
  reads: [...T],
): Promise<BatchResponse<T>> {
  const pending = c.get("pendingAuth");
  if (!pending) throw new Error("batchAsCaller outside requireAuthInBatch");
  const [session, ...results] = await db.batch([sessionCheckQuery(db, pending.claims.sessionId), ...reads]);
  await admitCaller(c, session[0]);
  return results as BatchResponse<T>;
}

/**
 * Applies the user's Durable Object's verdict on the session (sendCommands): the caller is known
 * from here on, and a refusal is requireAuth's or requireRole's answer, with its audit event.
 */
export async function admitOutcome(
  c: Context<AppEnv>,
  outcome: { ok: true; auth: AuthContext } | { ok: false; code: ErrorCode; auth?: AuthContext },
): Promise<void> {
  c.get("pendingAuth").checked = true;
  if (outcome.auth) c.set("auth", outcome.auth);
  if (outcome.ok) return;
  if (outcome.code === "FORBIDDEN" && outcome.auth) await refuseRole(c, []);
  throw new ApiError(outcome.code);
}

/** Applies a session row read elsewhere (a batch, the user's object) to the pending request. */
export async function admitCaller(c: Context<AppEnv>, row: SessionRow | undefined): Promise<void> {
  const pending = c.get("pendingAuth");
  if (!pending) throw new Error("admitCaller outside requireAuthInBatch");
  pending.checked = true;
  c.set("auth", admitted(row, pending));
  await refuseRole(c, pending.roles);
}
