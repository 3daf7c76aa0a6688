import { z } from "zod";
import { SYNC_PULL_LIMIT_DEFAULT, SYNC_PULL_LIMIT_MAX, SYNC_PUSH_MAX_OPERATIONS } from "../limits";

/**
 * One queued write: `type` names the command (shared/schemas/commands.ts) and `payload` is its
 * body. The type and payload are checked per operation, so one bad operation is rejected on its
 * own and the rest of the push still runs.
 */
export const syncOperation = z.strictObject({
  opId: z.uuid(),
  type: z.string().min(1).max(64),
  at: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
});
export type SyncOperation = z.infer<typeof syncOperation>;

export const syncPushBody = z.strictObject({
  clientId: z.string().min(1).max(64),
  operations: z
    .array(syncOperation)
    .max(SYNC_PUSH_MAX_OPERATIONS, `At most ${SYNC_PUSH_MAX_OPERATIONS} operations per push; split the rest.`),
});

export const syncPullQuery = z.strictObject({
  cursor: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(SYNC_PULL_LIMIT_MAX).default(SYNC_PULL_LIMIT_DEFAULT),
});

/**
 * One operation's answer. `rejected`, or `duplicate` with an error (the first attempt was refused
 * and its answer lost): a permanent refusal. `failed`: it could not run and nothing was recorded —
 * keep it queued and send it again later. An applied write may carry a `warning` in its result
 * (CLIENT_TIME_OUT_OF_WINDOW: kept, earned nothing).
 */
export type SyncResult =
  | { opId: string; status: "applied" | "duplicate"; result: unknown }
  | { opId: string; status: "rejected" | "duplicate" | "failed"; error: { code: string; message: string } };

/** POST /sync/push's answer: one result per operation, in order, and the server's time. */
export interface SyncPushResponse {
  results: SyncResult[];
  serverTime: string;
}

/** GET /sync/pull's answer: a page of the change log, the next cursor, and the server's time. */
export interface SyncPullResponse {
  changes: SyncChange[];
  cursor: string;
  hasMore: boolean;
  serverTime: string;
}

export interface SyncChange {
  seq: number;
  entity: string;
  id: string;
  op: "upsert" | "delete";
  data?: unknown;
}
