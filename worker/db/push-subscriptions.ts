/**
 * Web Push subscriptions (issue 17): one row per browser (the push service's endpoint), owned by
 * the user and the session that registered it. Sending is worker/notify/web-push.ts.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "./client";
import { pushSubscriptions, sessions } from "./schema";

export interface NewSubscription {
  endpoint: string;
  userId: string;
  sessionId: string;
  p256dh: string;
  auth: string;
}

/**
 * Stores this browser's subscription for the caller. An endpoint already stored — for this user
 * or another — is taken over: the browser now belongs to whoever signed in on it, with the new
 * keys and session. Answers whether the endpoint is new.
 */
export async function upsertSubscription(
  db: Database,
  sub: NewSubscription,
  now: number,
): Promise<{ created: boolean }> {
  const [existing] = await db.batch([
    db
      .select({ endpoint: pushSubscriptions.endpoint })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, sub.endpoint)),
    db
      .insert(pushSubscriptions)
      .values({ ...sub, createdAt: now })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: {
          userId: sub.userId,
          sessionId: sub.sessionId,
          p256dh: sub.p256dh,
          auth: sub.auth,
          createdAt: now,
          lastSentAt: null,
        },
      }),
  ]);
  return { created: existing.length === 0 };
}

/** Removes one of the user's subscriptions (another user's endpoint is left alone). */
export async function deleteUserSubscription(db: Database, userId: string, endpoint: string): Promise<boolean> {
  const gone = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)))
    .returning({ endpoint: pushSubscriptions.endpoint });
  return gone.length > 0;
}

/** The statement that removes a session's subscriptions (sign-out: batched with the revocation). */
export function deleteSessionSubscriptions(db: Database, sessionId: string) {
  return db.delete(pushSubscriptions).where(eq(pushSubscriptions.sessionId, sessionId));
}

export interface SubscriptionTarget {
  endpoint: string;
  userId: string;
  p256dh: string;
  auth: string;
  /** False when its session is revoked, expired or gone: such a subscription is removed, never sent to. */
  live: boolean;
}

/** Every subscription of these users, each marked live or not by its session at `now`. */
export async function subscriptionsOf(
  db: Database,
  userIds: readonly string[],
  now: number,
): Promise<SubscriptionTarget[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const rows: SubscriptionTarget[] = [];
  // D1 allows 100 bound parameters per statement.
  for (let i = 0; i < unique.length; i += 90) {
    const chunk = unique.slice(i, i + 90);
    const part = await db
      .select({
        endpoint: pushSubscriptions.endpoint,
        userId: pushSubscriptions.userId,
        p256dh: pushSubscriptions.p256dh,
        auth: pushSubscriptions.auth,
        live: sql<number>`(${sessions.id} IS NOT NULL AND ${sessions.userId} = ${pushSubscriptions.userId} AND ${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > ${now})`,
      })
      .from(pushSubscriptions)
      .leftJoin(sessions, eq(sessions.id, pushSubscriptions.sessionId))
      .where(inArray(pushSubscriptions.userId, chunk))
      .all();
    for (const r of part) rows.push({ ...r, live: Boolean(r.live) });
  }
  return rows;
}

/** Removes subscriptions by endpoint (the push service answered 404/410, or the session is dead). */
export async function deleteSubscriptions(db: Database, endpoints: readonly string[]): Promise<void> {
  for (let i = 0; i < endpoints.length; i += 90) {
    await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.endpoint, endpoints.slice(i, i + 90)));
  }
}

/** Records a delivery accepted by the push service. */
export async function markSent(db: Database, endpoints: readonly string[], now: number): Promise<void> {
  for (let i = 0; i < endpoints.length; i += 90) {
    await db
      .update(pushSubscriptions)
      .set({ lastSentAt: now })
      .where(inArray(pushSubscriptions.endpoint, endpoints.slice(i, i + 90)));
  }
}
