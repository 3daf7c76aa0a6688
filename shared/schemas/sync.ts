import { z } from "zod";
import { SYNC_PULL_LIMIT_DEFAULT, SYNC_PULL_LIMIT_MAX, SYNC_PUSH_MAX_OPERATIONS } from "../limits";
import type { SyncEntity } from "../sync-entities";
import { anyCommandResponse, commandErrorSchema } from "./commands";
import { isoTime } from "./common";
import {
  assessmentViewSchema,
  completionViewSchema,
  habitViewSchema,
  journalViewSchema,
  messageViewSchema,
  moodViewSchema,
  petViewSchema,
  progressViewSchema,
  questViewSchema,
  safetyPlanViewSchema,
} from "./views";

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

// ---------------------------------------------------------------------------------------------
// Responses. The schemas below are the exact contract this server answers: the OpenAPI document
// declares them and the contract check holds every answer to them. The wire types above are
// deliberately wider (any entity name, any result body): the PWA's sync engine must keep working
// against a newer server that sends an entity or a field it does not know yet (sync-core.test.ts
// checks that it skips them), so it reads against these, not against the exact union.
// ---------------------------------------------------------------------------------------------

/** One operation's answer in a push: its command's answer body, or the refusal. */
export const syncResultSchema = z.union([
  z.strictObject({ opId: z.uuid(), status: z.enum(["applied", "duplicate"]), result: anyCommandResponse }),
  z.strictObject({ opId: z.uuid(), status: z.enum(["rejected", "duplicate", "failed"]), error: commandErrorSchema }),
]);

/** POST /sync/push's answer: one result per operation, in order, and the server's time. */
export const syncPushResponse = z.strictObject({ results: z.array(syncResultSchema), serverTime: isoTime });

/** The view each entity's change carries (worker/commands/change-log.ts); the singletons' id is "me". */
const ENTITY_VIEWS = {
  habit: [z.uuid(), habitViewSchema],
  completion: [z.uuid(), completionViewSchema],
  quest: [z.uuid(), questViewSchema],
  mood: [z.uuid(), moodViewSchema],
  assessment: [z.uuid(), assessmentViewSchema],
  safetyPlan: [z.literal("me"), safetyPlanViewSchema],
  pet: [z.literal("me"), petViewSchema],
  progress: [z.literal("me"), progressViewSchema],
  message: [z.uuid(), messageViewSchema],
  journal: [z.uuid(), journalViewSchema],
} as const satisfies Record<SyncEntity, readonly [z.ZodType, z.ZodType]>;

/** An entity's changes: an upsert carries the entity as the API shows it; a delete (a tombstone) carries nothing. */
function changeOf<E extends SyncEntity>(entity: E) {
  const [id, view] = ENTITY_VIEWS[entity];
  return z.discriminatedUnion("op", [
    z.strictObject({ seq: z.number().int(), entity: z.literal(entity), id, op: z.literal("upsert"), data: view }),
    z.strictObject({ seq: z.number().int(), entity: z.literal(entity), id, op: z.literal("delete") }),
  ]);
}

/** One change-log entry: `{ seq, entity, id, op, data? }`, told apart by entity, then by op. */
export const syncChangeSchema = z.discriminatedUnion("entity", [
  changeOf("habit"),
  changeOf("completion"),
  changeOf("quest"),
  changeOf("mood"),
  changeOf("assessment"),
  changeOf("safetyPlan"),
  changeOf("pet"),
  changeOf("progress"),
  changeOf("message"),
  changeOf("journal"),
]);
export type SyncChangeEntry = z.infer<typeof syncChangeSchema>;

/** GET /sync/pull's answer: a page of the change log, the next cursor, and the server's time. */
export const syncPullResponse = z.strictObject({
  changes: z.array(syncChangeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  serverTime: isoTime,
});
