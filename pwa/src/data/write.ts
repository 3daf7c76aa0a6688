import { type CachedEntity, db } from "./db";

/**
 * Makes a write: the entity changes in the cache and the operation joins the outbox in ONE
 * transaction, so the screen shows the change at once and the change cannot exist without the
 * operation that will sync it (or the other way round), whatever happens to the app next.
 */
export async function write(
  type: string,
  payload: Record<string, unknown>,
  optimistic: { entity: string; id: string; data: unknown } | null,
): Promise<string> {
  const opId = crypto.randomUUID();
  const at = new Date().toISOString();
  await db.transaction("rw", db.entities, db.outbox, async () => {
    let entityKey: string | null = null;
    let previous: CachedEntity | null = null;
    if (optimistic) {
      entityKey = `${optimistic.entity}:${optimistic.id}`;
      previous = (await db.entities.get(entityKey)) ?? null;
      await db.entities.put({
        key: entityKey,
        entity: optimistic.entity,
        id: optimistic.id,
        data: optimistic.data,
        pending: true,
      });
    }
    await db.outbox.add({ opId, type, at, payload, entityKey, previous });
  });
  return opId;
}
