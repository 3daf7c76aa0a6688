import { and, asc, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { type SyncChange, type SyncResult, syncPullQuery, syncPushBody } from "../../shared/schemas/sync";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { changes } from "../db/schema";
import { hmacSha256, timingSafeEqual } from "../lib/crypto";
import { toBase64Url } from "../lib/encoding";
import { enforceRateLimit } from "../lib/rate-limit";
import { sendCommands } from "../lib/run-command";
import { jsonBody, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

const encoder = new TextEncoder();

/** The cursor's tag binds it to this user: another user's cursor, or an edited one, is refused. */
async function cursorTag(c: Context<AppEnv>, seq: number): Promise<string> {
  const mac = await hmacSha256(`sync-cursor:${c.env.JWT_SECRET}`, `${c.get("auth").userId}:${seq}`);
  return toBase64Url(mac.slice(0, 16));
}

async function encodeCursor(c: Context<AppEnv>, seq: number): Promise<string> {
  return `${seq.toString(36)}.${await cursorTag(c, seq)}`;
}

async function decodeCursor(c: Context<AppEnv>, cursor: string): Promise<number> {
  const match = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
  const seq = match ? Number.parseInt(match[1] ?? "", 36) : Number.NaN;
  if (!match || !Number.isSafeInteger(seq)) throw new ApiError("INVALID_CURSOR");
  const expected = encoder.encode(await cursorTag(c, seq));
  if (!timingSafeEqual(expected, encoder.encode(match[2] ?? ""))) throw new ApiError("INVALID_CURSOR");
  return seq;
}

/**
 * /api/v1/sync: the offline outbox's way in (push) and the change log's way out (pull).
 * Push runs every operation through the same command handlers as REST, in one call to the
 * user's Durable Object; pull pages the user's change log by its monotonic sequence. Both state
 * the server's time (`serverTime`), so a device can measure how far its clock is off.
 */
export const syncRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .post("/push", jsonBody(syncPushBody), async (c) => {
    const { userId } = c.get("auth");
    await enforceRateLimit(c, "syncPushPerUser", userId, { userId });
    const { operations } = c.req.valid("json");
    const outcomes = await sendCommands(
      c,
      userId,
      operations.map((op) => ({ opId: op.opId, type: op.type, at: Date.parse(op.at), payload: op.payload })),
    );
    // Nothing could run (the database failed): the whole push is retryable, and says so.
    if (outcomes.length > 0 && outcomes.every((r) => r.status === "failed")) {
      throw new ApiError("DATABASE_UNAVAILABLE", { headers: { "Retry-After": "5" } });
    }
    const results: SyncResult[] = outcomes.map((r) =>
      "error" in r
        ? { opId: r.opId, status: r.status, error: r.error }
        : { opId: r.opId, status: r.status, result: r.body },
    );
    return c.json({ results, serverTime: new Date().toISOString() });
  })
  .get("/pull", queryParams(syncPullQuery), async (c) => {
    const { userId } = c.get("auth");
    const { cursor, limit } = c.req.valid("query");
    const after = cursor ? await decodeCursor(c, cursor) : 0;
    const rows = await database(c.env.DB)
      .select()
      .from(changes)
      .where(and(eq(changes.userId, userId), gt(changes.seq, after)))
      .orderBy(asc(changes.seq))
      .limit(limit + 1)
      .all();
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const items: SyncChange[] = page.map((r) => ({
      seq: r.seq,
      entity: r.entity,
      id: r.entityId,
      op: r.op,
      ...(r.data === null ? {} : { data: JSON.parse(r.data) as unknown }),
    }));
    return c.json({
      changes: items,
      cursor: await encodeCursor(c, page.at(-1)?.seq ?? after),
      hasMore,
      serverTime: new Date().toISOString(),
    });
  });
