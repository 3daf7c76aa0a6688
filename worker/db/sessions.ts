/**
 * Sign-in sessions as the account screens see them: the live ones (not revoked, not expired),
 * and one by id. Starting, rotating and revoking sessions is worker/auth/sessions.ts.
 */
import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { SessionView } from "../../shared/schemas/auth";
import type { Database } from "./client";
import { sessions } from "./schema";

export type SessionRow = typeof sessions.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();

/** A session as the API shows it; `current` is the one asking. */
export function sessionView(s: SessionRow, currentSessionId: string): SessionView {
  return {
    id: s.id,
    createdAt: iso(s.createdAt),
    lastUsedAt: iso(s.lastUsedAt),
    expiresAt: iso(s.expiresAt),
    userAgent: s.userAgent,
    current: s.id === currentSessionId,
  };
}

/** A user's live sessions (not revoked, not expired), most recently used first. */
export function liveSessionsOf(db: Database, userId: string, now = Date.now()): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(sql`${sessions.userId} = ${userId} AND ${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > ${now}`)
    .orderBy(desc(sessions.lastUsedAt))
    .all();
}

/** A session by id, whoever's it is (the caller checks the owner), or undefined. */
export function findSession(db: Database, id: string): Promise<SessionRow | undefined> {
  return db.select().from(sessions).where(eq(sessions.id, id)).get();
}

/**
 * How many other sessions of the user are live (the ones GET /auth/sessions lists): a batch
 * query, so it counts in the same batch that revokes them.
 */
export function otherLiveSessions(db: Database, userId: string, sessionId: string, now = Date.now()) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        ne(sessions.id, sessionId),
      ),
    );
}
