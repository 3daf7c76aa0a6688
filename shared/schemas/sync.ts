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

// ---------------------------------------------------------------------------------------------
// Responses. The schemas below are the exact contract this server answers: the OpenAPI document
// declares them and the contract check holds every answer to them.
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

// ---------------------------------------------------------------------------------------------
// The same answers as the PWA's sync engine reads them. They are the exact types above with the
// parts a newer server may extend left open: an entity, a command answer or an error code this
// build does not know yet must be skipped or kept, never refused (sync-core.test.ts checks it).
// The envelope (seq, id, op; opId, status; cursor, hasMore, serverTime) is the exact one.
// ---------------------------------------------------------------------------------------------

/**
 * One operation's answer, read tolerantly. `rejected`, or `duplicate` with an error (the first
 * attempt was refused and its answer lost): a permanent refusal. `failed`: it could not run and
 * nothing was recorded — keep it queued and send it again later. An applied write may carry a
 * `warning` in its result (CLIENT_TIME_OUT_OF_WINDOW: kept, earned nothing).
 */
export type SyncResult =
  z.infer<typeof syncResultSchema> extends infer R
    ? R extends { result: unknown }
      ? Omit<R, "result"> & { result: unknown }
      : Omit<R, "error"> & { error: { code: string; message: string } }
    : never;

/** One change-log entry, read tolerantly: its entity and data are left open. */
export type SyncChange = Pick<SyncChangeEntry, "seq" | "id" | "op"> & { entity: string; data?: unknown };

/** POST /sync/push's answer, read tolerantly. */
export type SyncPushResponse = Omit<z.infer<typeof syncPushResponse>, "results"> & { results: SyncResult[] };

/** GET /sync/pull's answer, read tolerantly. */
export type SyncPullResponse = Omit<z.infer<typeof syncPullResponse>, "changes"> & { changes: SyncChange[] };

/** Compile-time proof that every exact answer is readable as its tolerant type. */
type Readable<Exact, Tolerant> = Exact extends Tolerant ? true : never;
export const SYNC_ANSWERS_READABLE: [
  Readable<z.infer<typeof syncPushResponse>, SyncPushResponse>,
  Readable<z.infer<typeof syncPullResponse>, SyncPullResponse>,
] = [true, true];
