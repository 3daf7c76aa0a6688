import { Hono } from "hono";
import { ApiError, ERROR_CATALOGUE } from "../../shared/errors";
import {
  type SyncChangeEntry,
  type SyncResult,
  syncPullQuery,
  syncPullResponse,
  syncPushBody,
  syncPushResponse,
} from "../../shared/schemas/sync";
import type { AppEnv } from "../app-env";
import { isRiskFlag } from "../commands/risk-flag";
import type { Command, CommandResult } from "../commands/types";
import { database } from "../db/client";
import { changesAfter } from "../db/wellbeing";
import { json, operation } from "../lib/openapi";
import { checkRateLimit, rateLimited } from "../lib/rate-limit";
import { sendCommands } from "../lib/run-command";
import { decodeSyncCursor, encodeSyncCursor } from "../lib/sync-cursor";
import { jsonBody, queryParams } from "../lib/validate";
import { batchAsCaller, claimedUserId, requireAuth, requireAuthInBatch, requireRole } from "../middleware/require-auth";

/**
 * /api/v1/sync: the offline outbox's way in (push) and the change log's way out (pull).
 * Push runs every operation through the same command handlers as REST, in one call to the
 * user's Durable Object; pull pages the user's change log by its monotonic sequence. Both state
 * the server's time (`serverTime`), so a device can measure how far its clock is off.
 */
export const syncRoutes = new Hono<AppEnv>()
  .post(
    "/push",
    // The per-user rate limit below needs the caller checked first: a revoked session gets 401, never 429.
    requireAuth,
    requireRole("patient"),
    operation({
      summary: "Send my queued writes: each operation runs as its command, in order, and gets its own result",
      responses: { 200: json(syncPushResponse, "One result per operation, in order, and the server's time") },
    }),
    jsonBody(syncPushBody),
    async (c) => {
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
      // The command bodies are typed loosely here; the contract check holds them to syncResultSchema.
      const results: SyncResult[] = outcomes.map((r) =>
        "error" in r
          ? { opId: r.opId, status: r.status, error: r.error }
          : { opId: r.opId, status: r.status, result: r.body },
      );
      return c.json({ results, serverTime: new Date().toISOString() });
    },
  )
  .get(
    "/pull",
    // The session is checked in the page's own read batch (issue 15).
    requireAuthInBatch("patient"),
    operation({
      summary: "Read my change log after a cursor: what changed on the server, oldest first",
      responses: { 200: json(syncPullResponse, "A page of changes, the next cursor, and the server's time") },
    }),
    queryParams(syncPullQuery),
    async (c) => {
      const userId = claimedUserId(c);
      const { cursor, limit } = c.req.valid("query");
      const db = database(c.env.DB);
      const after = cursor ? await decodeSyncCursor(c.env.JWT_SECRET, userId, cursor) : 0;
      const [rows] = await batchAsCaller(c, db, [changesAfter(db, userId, after, limit + 1)]);
      const hasMore = rows.length > limit;
      const page = rows.slice(0, limit);
      // The stored data is the entity's view as the command logged it (commands/change-log.ts).
      const items = page.map(
        (r) =>
          ({
            seq: r.seq,
            entity: r.entity,
            id: r.entityId,
            op: r.op,
            ...(r.data === null ? {} : { data: JSON.parse(r.data) as unknown }),
          }) as SyncChangeEntry,
      );
      return c.json({
        changes: items,
        cursor: await encodeSyncCursor(c.env.JWT_SECRET, userId, page.at(-1)?.seq ?? after),
        hasMore,
        serverTime: new Date().toISOString(),
      });
    },
  );
