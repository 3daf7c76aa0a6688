import type { SyncChange, SyncResult } from "../../../shared/schemas/sync";
import { api } from "../api/session";
import { db } from "./db";

const PUSH_BATCH = 100;
const PULL_LIMIT = 1000;

export interface SyncStatus {
  online: boolean;
  pending: number;
  lastError: string | null;
}

/**
 * Pushes the outbox in order, then pulls the change log. Idempotency (opId) makes a retry after
 * a lost response safe, so "retry until the server answers" is the whole error policy for
 * network failures; a rejected operation is rolled back in the cache and marked with the reason.
 */
export async function syncOnce(): Promise<void> {
  for (;;) {
    const batch = await db.outbox.orderBy("seq").limit(PUSH_BATCH).toArray();
    if (batch.length === 0) break;
    const res = await api.sync.push.$post({
      json: {
        clientId: await clientId(),
        operations: batch.map((op) => ({ opId: op.opId, type: op.type, at: op.at, payload: op.payload })),
      },
    });
    if (!res.ok) throw new Error(`push failed: ${res.status}`);
    const { results } = (await res.json()) as { results: SyncResult[] };
    await db.transaction("rw", db.entities, db.outbox, db.notices, async () => {
      for (const [i, result] of results.entries()) {
        const op = batch[i];
        if (!op?.seq) continue;
        if ("error" in result && result.status === "rejected") {
          // Roll the optimistic change back and tell the user why.
          if (op.entityKey) {
            if (op.previous) await db.entities.put(op.previous);
            else await db.entities.delete(op.entityKey);
          }
          await db.notices.add({
            code: result.error.code,
            message: result.error.message,
            at: new Date().toISOString(),
          });
        } else if (op.entityKey) {
          // update() is a no-op for an entity the write deleted (an undo).
          await db.entities.update(op.entityKey, { pending: false });
        }
        await db.outbox.delete(op.seq);
      }
    });
  }
  await pull();
}

async function clientId(): Promise<string> {
  const row = await db.meta.get("clientId");
  if (row) return row.value;
  const id = crypto.randomUUID();
  await db.meta.put({ key: "clientId", value: id });
  return id;
}

/** Applies the server's changes since the saved cursor; local pending edits are not overwritten. */
async function pull(): Promise<void> {
  for (;;) {
    const cursor = (await db.meta.get("cursor"))?.value;
    const res = await api.sync.pull.$get({ query: { limit: String(PULL_LIMIT), ...(cursor ? { cursor } : {}) } });
    if (!res.ok) throw new Error(`pull failed: ${res.status}`);
    const page = (await res.json()) as { changes: SyncChange[]; cursor: string; hasMore: boolean };
    await db.transaction("rw", db.entities, db.meta, async () => {
      for (const change of page.changes) {
        const key = `${change.entity}:${change.id}`;
        const local = await db.entities.get(key);
        if (local?.pending) continue;
        if (change.op === "delete") await db.entities.delete(key);
        else await db.entities.put({ key, entity: change.entity, id: change.id, data: change.data, pending: false });
      }
      await db.meta.put({ key: "cursor", value: page.cursor });
    });
    if (!page.hasMore) return;
  }
}
