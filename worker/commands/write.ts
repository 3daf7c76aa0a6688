import type { BatchItem } from "drizzle-orm/batch";
import type { SyncEntity } from "../../shared/sync-entities";
import { changed } from "./change-log";
import type { CommandContext } from "./types";

/** Where the user's in-memory state keeps this kind of entity: a map of rows, a set of ids, or a list. */
export type Remember<T> = { map: Map<string, T>; row: T } | { set: Set<string> } | { list: T[]; row: T };

export interface EntityWrite<T> {
  entity: SyncEntity;
  id: string;
  /** The entity as the API shows it (its view function), or null for a tombstone. */
  view: unknown;
  /** The statement for the call's D1 batch. */
  statement: BatchItem<"sqlite">;
  /** The user's state after the write, so later commands in the same push see it. */
  remember?: Remember<T>;
  /** Other users whose change log gets the change too (a message's recipient). */
  audience?: string[];
}

/**
 * One entity's write inside a command, in one call: the statement for the batch, the user's
 * in-memory state, and the change-log entry that brings the change to the user's other devices
 * (and to its audience). A handler that did two of the three was how a new synced entity went
 * wrong (docs/adding-a-synced-entity.md); the statement is returned for the Decision's list.
 */
export function write<T>(ctx: CommandContext, w: EntityWrite<T>): BatchItem<"sqlite"> {
  const r = w.remember;
  if (r && "map" in r) r.map.set(w.id, r.row);
  else if (r && "set" in r) r.set.add(w.id);
  else if (r) r.list.push(r.row);
  changed(ctx, w.entity, w.id, w.view, w.audience);
  return w.statement;
}
