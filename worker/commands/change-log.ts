import type { BatchItem } from "drizzle-orm/batch";
import { progressView } from "../../shared/domain/progression";
import type { SyncEntity } from "../../shared/sync-entities";
import type { Database } from "../db/client";
import { placeholders, prepared } from "../db/prepared";
import { changes } from "../db/schema";
import { type PetRow, petView } from "../db/views";
import type { CommandContext } from "./types";

export type { SyncEntity } from "../../shared/sync-entities";

export interface PendingChange {
  entity: SyncEntity;
  id: string;
  /** The entity as the API shows it, or null for a tombstone (deleted, archived, undone). */
  data: unknown;
  /** Other users who see this change too (a message's recipient). */
  audience?: string[];
}

/**
 * Notes that a command changed an entity. Only the last state of each entity in a call is
 * logged: a habit created and completed in one push is one habit row in the change log.
 */
export function changed(ctx: CommandContext, entity: SyncEntity, id: string, data: unknown, audience?: string[]): void {
  ctx.changes.set(`${entity}:${id}`, { entity, id, data, audience });
}

/**
 * The change-log rows of a call, to go in the same D1 batch as its effects: every entity the
 * commands touched, plus the pet and the progression snapshot when they moved.
 */
export function changeStatements(
  db: Database,
  ctx: CommandContext,
  before: { totals: { xp: number; coins: number }; pet: PetRow | undefined },
): BatchItem<"sqlite">[] {
  const { state } = ctx;
  if (state.pet && state.pet !== before.pet) changed(ctx, "pet", "me", petView(state.pet, ctx.now));
  if (state.totals.xp !== before.totals.xp || state.totals.coins !== before.totals.coins) {
    changed(ctx, "progress", "me", progressView(state.totals.xp, state.totals.coins));
  }
  return [...ctx.changes.values()].flatMap((c) =>
    changeRows(db, [ctx.userId, ...(c.audience ?? [])], c.entity, c.id, c.data, ctx.now),
  );
}

// Every command writes change rows: the insert is built once per D1 binding and bound per row
// (db/prepared.ts). Rendering the write's inserts per write was 8–10% of its CPU (issue 15).
const changeInsert = prepared((db) =>
  db.insert(changes).values(placeholders("userId", "entity", "entityId", "op", "data", "at")),
);

/** Change-log rows for one entity change, one per user who sees it (routes outside commands use it too). */
export function changeRows(db: Database, userIds: string[], entity: SyncEntity, id: string, data: unknown, at: number) {
  return userIds.map((userId) =>
    changeInsert(db, {
      userId,
      entity,
      entityId: id,
      op: data === null ? "delete" : "upsert",
      data: data === null ? null : JSON.stringify(data),
      at,
    }),
  );
}
