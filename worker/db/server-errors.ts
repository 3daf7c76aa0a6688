/** The service's own 5xx answers (migration 0018): recorded as they happen, counted for admins. */
import { and, count, gte, lt, lte, max } from "drizzle-orm";
import type { Database } from "./client";
import { serverErrors } from "./schema";

/** How long a recorded server error is kept: the admin health reads the last 24 hours of it. */
export const SERVER_ERROR_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const SERVER_ERROR_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Records one 5xx answer, and drops the rows past the retention in the same batch, so the table
 * never holds more than a week of them.
 */
export async function recordServerError(
  db: Database,
  error: { requestId: string; status: number; code: string },
  now = Date.now(),
): Promise<void> {
  await db.batch([
    db.insert(serverErrors).values({ at: now, ...error }),
    db.delete(serverErrors).where(lt(serverErrors.at, now - SERVER_ERROR_RETENTION_MS)),
  ]);
}

/** How many 5xx answers the 24 hours up to `now` saw, and when the latest kept one was (ms, or null). */
export async function serverErrorSummary(
  db: Database,
  now = Date.now(),
): Promise<{ errors24h: number; lastErrorAt: number | null }> {
  const [recent, latest] = await db.batch([
    db
      .select({ n: count() })
      .from(serverErrors)
      .where(and(gte(serverErrors.at, now - SERVER_ERROR_WINDOW_MS), lte(serverErrors.at, now))),
    db
      .select({ at: max(serverErrors.at) })
      .from(serverErrors)
      .where(lte(serverErrors.at, now)),
  ]);
  return { errors24h: recent[0]?.n ?? 0, lastErrorAt: latest[0]?.at ?? null };
}
