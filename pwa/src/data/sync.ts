import { localDay } from "../../../shared/domain/local-day";
import { SYNC_PUSH_MAX_OPERATIONS } from "../../../shared/limits";
import { PUSH_MAX_BYTES, takePush } from "../../../shared/push-batch";
import type { PublicUser } from "../../../shared/schemas/auth";
import type { SyncChange, SyncResult } from "../../../shared/schemas/sync";
import { api } from "../api/session";
import { careTeamStale, refreshCareTeam } from "./care-team";
import { db, type Notice, type OutboxOp } from "./db";
import type { ProgressSummary } from "./types";

const PULL_LIMIT = 1000;

/**
 * Pushes the outbox in order, then pulls the change log. Idempotency (opId) makes a retry after
 * a lost response safe, so "retry until the server answers" is the whole error policy for
 * network failures; a rejected operation is rolled back in the cache and marked with the reason.
 */
export async function syncOnce(): Promise<void> {
  // A push that fails (offline, a refusal of the whole request) must not keep the server's
  // changes from arriving: pull either way, then report the push's failure for the backoff.
  let pushFailure: unknown = null;
  try {
    await pushOutbox();
  } catch (err) {
    pushFailure = err;
  }
  if ((await pull()) || (await progressOutOfDate())) await refreshProgress();
  // Who the patient can message, kept so compose works offline from the first sync on.
  if (await careTeamStale()) await refreshCareTeam();
  if (pushFailure !== null) throw pushFailure;
}

/** The wire form of an outbox operation, as the push sends it. */
function wire(op: OutboxOp) {
  return { opId: op.opId, type: op.type, at: op.at, payload: op.payload };
}

/** Pushes the outbox in order, in batches that fit the server's limits, until it is empty. */
async function pushOutbox(): Promise<void> {
  for (;;) {
    const head = await db.outbox.orderBy("seq").limit(SYNC_PUSH_MAX_OPERATIONS).toArray();
    if (head.length === 0) return;
    const { batch, tooLarge } = takePush(head, (op) => JSON.stringify(wire(op)));
    if (tooLarge) {
      // Refused here, once, as the server would refuse it: rolled back, marked and explained.
      await settle(
        [tooLarge],
        [
          {
            opId: tooLarge.opId,
            status: "rejected",
            error: {
              code: "PAYLOAD_TOO_LARGE",
              message: `This change is too large to sync (over ${Math.floor(PUSH_MAX_BYTES / 1024)} KB), so it was not saved.`,
            },
          },
        ],
      );
      continue;
    }
    const res = await api.sync.push.$post({ json: { clientId: await clientId(), operations: batch.map(wire) } });
    if (!res.ok) throw new Error(`push failed: ${res.status}`);
    const { results } = (await res.json()) as { results: SyncResult[] };
    await settle(batch, results);
  }
}

/** Applies the server's answer to each pushed operation: confirmed, or rolled back and explained. */
async function settle(batch: OutboxOp[], results: SyncResult[]): Promise<void> {
  await db.transaction("rw", db.entities, db.outbox, db.notices, async () => {
    for (const [i, result] of results.entries()) {
      const op = batch[i];
      if (!op?.seq) continue;
      if ("error" in result && result.status === "rejected") {
        // Roll the optimistic change back, mark the item, and tell the user why.
        const rejected = { code: result.error.code, message: result.error.message };
        let drop = false;
        if (op.entityKey) {
          const current = await db.entities.get(op.entityKey);
          if (op.previous) await db.entities.put({ ...op.previous, rejected });
          else if (current && current.data !== null) {
            // A refused create stays on screen, marked, until the patient dismisses it.
            await db.entities.put({ ...current, pending: false, rejected });
            drop = true;
          } else await db.entities.delete(op.entityKey);
        }
        await db.notices.add({ ...rejected, at: new Date().toISOString(), entityKey: op.entityKey, drop });
      } else if (op.entityKey && !(await laterWrite(op.entityKey, op.seq))) {
        // update() is a no-op for an entity the write deleted (an undo).
        await db.entities.update(op.entityKey, { pending: false });
      }
      await db.outbox.delete(op.seq);
    }
  });
}

/**
 * The server's progression summary (level, today's XP and coins, streaks), kept for the
 * Sanctum to show offline "as of the last sync". The server decides; the device only shows it.
 */
async function refreshProgress(): Promise<void> {
  const res = await api.progress.$get();
  if (!res.ok) return;
  await db.meta.put({
    key: "progress",
    value: JSON.stringify({ ...(await res.json()), fetchedAt: new Date().toISOString() }),
  });
}

/**
 * Whether the kept summary is missing or speaks of another local day than the user's today: a
 * new day starts with nothing earned, and the server's summary says so once fetched, even when
 * nothing else changed overnight.
 */
async function progressOutOfDate(): Promise<boolean> {
  const [summary, user] = await Promise.all([db.meta.get("progress"), db.meta.get("user")]);
  if (!summary) return true;
  if (!user) return false;
  const { timezone, dayStartHour } = JSON.parse(user.value) as Pick<PublicUser, "timezone" | "dayStartHour">;
  const { today } = JSON.parse(summary.value) as Pick<ProgressSummary, "today">;
  return today.localDay !== localDay(Date.now(), timezone, dayStartHour);
}

/** Whether a later write in the outbox touches the same entity (it stays "waiting to sync"). */
async function laterWrite(entityKey: string, seq: number): Promise<boolean> {
  return (
    (await db.outbox
      .where("seq")
      .above(seq)
      .filter((o) => o.entityKey === entityKey)
      .count()) > 0
  );
}

/** Dismisses a notice: its marked item is cleared, or removed when the refused write had created it. */
export async function dismissNotice(notice: Notice): Promise<void> {
  await db.transaction("rw", db.entities, db.notices, async () => {
    if (notice.entityKey) {
      const row = await db.entities.get(notice.entityKey);
      if (row?.rejected) {
        if (notice.drop) await db.entities.delete(notice.entityKey);
        else await db.entities.put({ ...row, rejected: undefined });
      }
    }
    if (notice.id !== undefined) await db.notices.delete(notice.id);
  });
}

async function clientId(): Promise<string> {
  const row = await db.meta.get("clientId");
  if (row) return row.value;
  const id = crypto.randomUUID();
  await db.meta.put({ key: "clientId", value: id });
  return id;
}

/** Applies the server's changes since the saved cursor (local pending edits are not overwritten); true when there were any. */
async function pull(): Promise<boolean> {
  let any = false;
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
    any ||= page.changes.length > 0;
    if (!page.hasMore) return any;
  }
}
