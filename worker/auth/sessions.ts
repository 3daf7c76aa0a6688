import { and, eq, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { ApiError } from "../../shared/errors";
import { REFRESH_ABSOLUTE_SECONDS, REFRESH_GRACE_SECONDS, REFRESH_IDLE_SECONDS } from "../../shared/limits";
import type { SignedIn } from "../../shared/schemas/auth";
import type { AppEnv } from "../app-env";
import { type Database, database } from "../db/client";
import { refreshTokens, sessions, users } from "../db/schema";
import { publicUser, type UserRow } from "../db/users";
import { auditStatement } from "../lib/audit";
import { randomToken, sha256Hex } from "../lib/crypto";
import { clearRefreshCookie, writeRefreshCookie } from "./refresh-cookie";
import { signAccessToken } from "./tokens";

/**
 * Starts a session (a new refresh-token family) for a user who has proved who they are, in one
 * D1 batch with its audit event, and sets the refresh cookie.
 */
export async function startSession(c: Context<AppEnv>, user: UserRow, action: string): Promise<SignedIn> {
  const db = database(c.env.DB);
  const now = Date.now();
  const sessionId = crypto.randomUUID();
  const refreshToken = randomToken();
  await db.batch([
    db.insert(sessions).values({
      id: sessionId,
      userId: user.id,
      createdAt: now,
      expiresAt: now + REFRESH_ABSOLUTE_SECONDS * 1000,
      lastUsedAt: now,
      userAgent: (c.req.header("User-Agent") ?? "").slice(0, 256) || null,
      ipHash: c.get("ipHash"),
    }),
    db.insert(refreshTokens).values({ tokenHash: await sha256Hex(refreshToken), sessionId, issuedAt: now }),
    auditStatement(c, { action, outcome: "success", userId: user.id, role: user.role, target: sessionId }),
  ]);
  writeRefreshCookie(c, refreshToken, REFRESH_ABSOLUTE_SECONDS);
  const accessToken = await signAccessToken(c.env.JWT_SECRET, { userId: user.id, role: user.role, sessionId }, now);
  return { user: publicUser(user), accessToken };
}

/**
 * The answer to a registration whose email already has an account (issue 13, item 10): shaped
 * exactly like startSession's — a new-looking user, a signed access token, a refresh cookie —
 * but nothing is stored, so the token names a session that does not exist (401 on first use)
 * and the cookie is refused at refresh. Nobody learns from the answer that the email is taken,
 * and nothing in it opens the existing account. (Once Haven sends email, the owner is told here.)
 */
export async function decoySession(c: Context<AppEnv>, user: UserRow): Promise<SignedIn> {
  const now = Date.now();
  writeRefreshCookie(c, randomToken(), REFRESH_ABSOLUTE_SECONDS);
  const accessToken = await signAccessToken(
    c.env.JWT_SECRET,
    { userId: user.id, role: user.role, sessionId: crypto.randomUUID() },
    now,
  );
  return { user: publicUser(user), accessToken };
}

/**
 * The revocation reason of a session that ended by itself (idle or absolute lifetime). Every other
 * reason is a revocation — signed out here or elsewhere, a password or 2FA change, refresh-token
 * reuse, a disabled account — and its tokens answer DEVICE_SIGNED_OUT (the device forgets its data).
 */
export const EXPIRED = "expired";

export function revokeSession(db: Database, sessionId: string, reason: string, now = Date.now()) {
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Revokes every live session of a user, optionally keeping one (the caller's). */
export function revokeUserSessions(db: Database, userId: string, reason: string, keepSessionId?: string) {
  const now = Date.now();
  const live = and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(keepSessionId ? and(live, sql`${sessions.id} <> ${keepSessionId}`) : live);
}

/**
 * Rotates a refresh token (RFC 9700 §4.14.2): the presented token is spent and a child issued
 * in the same family, in one D1 batch (one transaction). A token presented again within
 * REFRESH_GRACE_SECONDS of being spent — its response was lost to a reload or a dropped
 * connection, or another tab refreshed at the same moment — gets an equivalent sibling child
 * in the same family (only hashes are stored, so the first child cannot be handed out again).
 * The window runs from the first spend and a sibling never moves it; a spent token presented
 * after it is reuse: the whole family is revoked. The family's absolute expiry never moves.
 */
export async function rotateRefreshToken(c: Context<AppEnv>, presented: string): Promise<SignedIn> {
  const db = database(c.env.DB);
  const now = Date.now();
  const tokenHash = await sha256Hex(presented);
  const row = await db
    .select({ token: refreshTokens, session: sessions, user: users })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .get();

  const fail = async (
    code: "REFRESH_INVALID" | "REFRESH_REUSED" | "ACCOUNT_DISABLED" | "DEVICE_SIGNED_OUT",
    revoke?: string,
  ) => {
    const statements = [];
    if (row && revoke) statements.push(revokeSession(db, row.session.id, revoke, now));
    statements.push(
      auditStatement(c, {
        action: code === "REFRESH_REUSED" ? "auth.refresh.reuse" : "auth.refresh",
        outcome: "failure",
        userId: row?.user.id ?? null,
        role: row?.user.role ?? null,
        target: row?.session.id ?? null,
        errorCode: code,
      }),
    );
    await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
    clearRefreshCookie(c);
    return new ApiError(code);
  };

  const graceStart = now - REFRESH_GRACE_SECONDS * 1000;
  if (!row) throw await fail("REFRESH_INVALID");
  if (row.session.revokedAt !== null) {
    throw await fail(row.session.revokedReason === EXPIRED ? "REFRESH_INVALID" : "DEVICE_SIGNED_OUT");
  }
  if (row.token.usedAt !== null && row.token.usedAt < graceStart) throw await fail("REFRESH_REUSED", "refresh_reuse");
  if (row.session.expiresAt <= now || now - row.session.lastUsedAt > REFRESH_IDLE_SECONDS * 1000) {
    throw await fail("REFRESH_INVALID", EXPIRED);
  }
  if (row.user.status !== "active") throw await fail("ACCOUNT_DISABLED", "account_disabled");

  const child = randomToken();
  // Raw D1 here: the three statements must run in one batch. The first spends the token if it
  // is still fresh (and never touches an already spent one, so the window is not extended); the
  // child is inserted only while the token's first spend — this one or a concurrent request's —
  // is inside the grace window and the family is still alive (a revocation that raced us wins).
  const [, inserted] = await c.env.DB.batch([
    c.env.DB.prepare("UPDATE refresh_tokens SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL").bind(
      now,
      tokenHash,
    ),
    c.env.DB.prepare(
      `INSERT INTO refresh_tokens (token_hash, session_id, issued_at) SELECT ?1, ?2, ?3
       WHERE EXISTS (SELECT 1 FROM refresh_tokens WHERE token_hash = ?4 AND used_at >= ?5)
         AND EXISTS (SELECT 1 FROM sessions WHERE id = ?2 AND revoked_at IS NULL)`,
    ).bind(await sha256Hex(child), row.session.id, now, tokenHash, graceStart),
    c.env.DB.prepare("UPDATE sessions SET last_used_at = ?1 WHERE id = ?2 AND changes() = 1").bind(now, row.session.id),
  ]);
  if (inserted?.meta.changes !== 1) {
    // The family was revoked or deleted between our read and our write: the client retries
    // and gets the definitive answer.
    throw new ApiError("REFRESH_CONFLICT");
  }
  const remaining = Math.floor((row.session.expiresAt - now) / 1000);
  writeRefreshCookie(c, child, remaining);
  const accessToken = await signAccessToken(
    c.env.JWT_SECRET,
    { userId: row.user.id, role: row.user.role, sessionId: row.session.id },
    now,
  );
  return { user: publicUser(row.user), accessToken };
}
