import type { SyncEntity } from "../../../shared/sync-entities";
import { type CachedEntity, db } from "./db";
import { useLive } from "./use-live";

/** An entity from the cache with its sync state: waiting for the server, or refused by it. */
export type Local<T> = T & { pending: boolean; rejected: CachedEntity["rejected"] | null };

function local<T>(row: CachedEntity): Local<T> {
  return { ...(row.data as T), pending: row.pending, rejected: row.rejected ?? null };
}

/** Every cached entity of one kind, live: the screen re-renders when any of them changes. */
export function useEntities<T>(entity: SyncEntity): Local<T>[] {
  return useLive(
    async () =>
      (await db.entities.where("entity").equals(entity).toArray())
        .filter((e) => e.data !== null)
        .map((e) => local<T>(e)),
    [] as Local<T>[],
    [entity],
  );
}

/** One cached entity (the pet, the progress snapshot, the safety plan), or null while there is none. */
export function useEntity<T>(entity: SyncEntity, id: string): Local<T> | null {
  return useLive(
    async () => {
      const row = await db.entities.get(`${entity}:${id}`);
      return row && row.data !== null ? local<T>(row) : null;
    },
    null as Local<T> | null,
    [entity, id],
  );
}

/** Counts only what may still hold: an item the server refused stays visible, marked, but counts for nothing. */
export function accepted<T extends { rejected: unknown }>(items: T[]): T[] {
  return items.filter((item) => !item.rejected);
}
