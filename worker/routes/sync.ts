import { and, asc, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { ApiError, ERROR_CATALOGUE } from "../../shared/errors";
import { type SyncChange, type SyncResult, syncPullQuery, syncPushBody } from "../../shared/schemas/sync";
import type { AppEnv } from "../app-env";
import { isRiskFlag } from "../commands/risk-flag";
import type { Command, CommandResult } from "../commands/types";
import { database } from "../db/client";
import { changes } from "../db/schema";
import { timingSafeEqual } from "../lib/crypto";
import { toBase64Url } from "../lib/encoding";
import { checkRateLimit, rateLimited } from "../lib/rate-limit";
import { sendCommands } from "../lib/run-command";
import { subkeyMac } from "../lib/subkeys";
import { jsonBody, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

const encoder = new TextEncoder();

/**
 * The cursor's tag binds it to this user: another user's cursor, or an edited one, is refused.
 * Keyed with the "sync-cursor" subkey of JWT_SECRET (lib/subkeys.ts); a cursor tagged before
 * the subkeys (with the raw secret) is refused like a forged one, and the PWA then pulls again
 * from the start (pwa/src/data/sync-core.ts).
 */
async function cursorTag(c: Context<AppEnv>, seq: number): Promise<string> {
  const mac = await subkeyMac(c.env.JWT_SECRET, "sync-cursor", `${c.get("auth").userId}:${seq}`);
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
    const { operations } = c.req.valid("json");
    const commands: Command[] = operations.map((op) => ({
      opId: op.opId,
      type: op.type,
      at: Date.parse(op.at),
      payload: op.payload,
    }));
    const limit = await checkRateLimit(c, "syncPushPerUser", userId, { userId });
    let outcomes: CommandResult[];
    if (limit.allowed) outcomes = await sendCommands(c, userId, commands);
    else {
      // Over the limit, a crisis flag still goes through (PRODUCT.md: a crisis check and its flag
      // are never rate-limited): the push's well-formed risk.flag operations and C-SSRS screeners
      // (isRiskFlag) run, in order, and everything else is `failed` RATE_LIMITED — not recorded, so
      // the device keeps it queued and sends it again after Retry-After. A push with no flag is
      // refused whole, as before.
      const flags = commands.filter(isRiskFlag);
      if (flags.length === 0) throw rateLimited(limit);
      const ran = (await sendCommands(c, userId, flags)).values();
      const waits = { code: "RATE_LIMITED" as const, message: ERROR_CATALOGUE.RATE_LIMITED.message };
      outcomes = commands.map(
        (cmd): CommandResult =>
          (isRiskFlag(cmd) ? ran.next().value : undefined) ?? {
            opId: cmd.opId,
            status: "failed",
            httpStatus: 429,
            error: waits,
          },
      );
      c.header("Retry-After", String(limit.retryAfter));
    }
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
