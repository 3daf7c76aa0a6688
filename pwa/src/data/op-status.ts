import type { HavenDatabase } from "./db";
import { db as appDb } from "./db";
import { useLive } from "./use-live";

/**
 * Where one write stands, as far as this device knows:
 * - `pending`: still in the outbox, waiting to send (`at`: when it was made);
 * - `delivered`: the server applied it (`at`: when this device learned so; `result`: its answer);
 * - `refused`: the server refused it (`at`: when; `error`: why).
 * @example const s: OpStatus = { state: "pending", at: "2026-12-04T09:00:00.000Z" };
 */
export type OpStatus =
  | { state: "pending"; at: string }
  | { state: "delivered"; at: string; result: unknown }
  | { state: "refused"; at: string; error: { code: string; message: string } };

/**
 * Where a write stands: the outbox holds what has not been sent (or not answered), and the
 * sync engine moves each answered operation from the outbox into `results` in one transaction
 * (SyncCore.settle), so exactly one of them holds it at any moment. Null when neither does: no
 * such write here, or its answer was older than a day and has been let go.
 * @example await opStatus(db, opId) // { state: "pending", at: "…" } while offline
 */
export async function opStatus(db: HavenDatabase, opId: string): Promise<OpStatus | null> {
  return db.transaction("r", db.outbox, db.results, async () => {
    const queued = await db.outbox.where("opId").equals(opId).first();
    if (queued) return { state: "pending", at: queued.at };
    const answer = await db.results.get(opId);
    if (!answer) return null;
    const at = new Date(answer.settledAt).toISOString();
    return answer.error
      ? { state: "refused", at, error: answer.error }
      : { state: "delivered", at, result: answer.result };
  });
}

/**
 * A write's status, live: re-renders when it is sent, answered or refused. Null for no write
 * (or while the first read is under way).
 * @example const status = useOpStatus(alertOpId); // "pending" offline, "delivered" after sync
 */
export function useOpStatus(opId: string | null): OpStatus | null {
  const live = useLive(
    async () => ({ opId, status: opId ? await opStatus(appDb, opId) : null }),
    { opId: null as string | null, status: null as OpStatus | null },
    [opId],
  );
  // Never the previous write's status for a new one while its first read is under way.
  return live.opId === opId ? live.status : null;
}
