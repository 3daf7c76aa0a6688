import Dexie from "dexie";
import { SYNC_PUSH_MAX_OPERATIONS } from "../../../shared/limits";
import { PUSH_MAX_BYTES, takePush } from "../../../shared/push-batch";
import type { SyncPullResponse, SyncPushResponse, SyncResult } from "../../../shared/schemas/sync";
import { isSyncEntity, type SyncEntity } from "../../../shared/sync-entities";
import type { DeviceClock } from "./clock";
import type { CachedEntity, HavenDatabase, Notice, OutboxOp } from "./db";

/** What the engine sends for one operation. */
export interface WireOperation {
  opId: string;
  type: string;
  at: string;
  payload: unknown;
}

/**
 * How the engine reaches the server. Each call resolves with the server's answer or throws: a
 * network failure, a timeout, or an HTTP error (SyncHttpError). Any throw leaves the outbox as it
 * was, to be sent again later (the opIds make that safe).
 */
export interface SyncTransport {
  push(body: { clientId: string; operations: WireOperation[] }, signal: AbortSignal): Promise<SyncPushResponse>;
  pull(query: { cursor?: string; limit: number }, signal: AbortSignal): Promise<SyncPullResponse>;
}

/** A request that did not answer in time: abandoned, and retried later like any network failure. */
export class SyncTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer from the server within ${ms} ms`);
    this.name = "SyncTimeout";
  }
}

/**
 * Runs one request with a deadline: past it the request is aborted and the round fails, so one
 * stalled push never freezes syncing (the next round sends the same opIds again).
 */
async function withDeadline<T>(ms: number, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new SyncTimeout(ms));
    }, ms);
  });
  try {
    return await Promise.race([request(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A whole request answered with an HTTP error: kept and retried later, whatever the status. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`sync request failed: ${status} ${code}`);
    this.name = "SyncHttpError";
  }
}

/** The server could not run an operation and recorded nothing: it stays queued, retried with backoff. */
export class RetryLater extends Error {
  constructor(readonly code: string) {
    super(`the server asked to retry later: ${code}`);
    this.name = "RetryLater";
  }
}

const PULL_LIMIT = 1000;
/** How long one push or pull may take before it is abandoned. */
export const SYNC_REQUEST_TIMEOUT_MS = 20_000;
/** How long a settled operation's answer stays readable (the pet's loot, a late warning). */
const RESULT_KEEP_MS = 24 * 3600_000;

type Warning = { code: string; message: string };

/** The warnings an applied write's answer carries (`warnings`, or the single `warning` of older servers). */
function warningsOf(result: unknown): Warning[] {
  const r = result as { warning?: Warning; warnings?: Warning[] } | null;
  if (Array.isArray(r?.warnings)) return r.warnings;
  return r?.warning ? [r.warning] : [];
}

/** The entity a write changes, and what it will look like (null: removed). */
export interface Optimistic {
  entity: SyncEntity;
  id: string;
  data: unknown;
}

/**
 * The offline engine over one device's database: writes go to the cache and the outbox in one
 * transaction; sync pushes the outbox in order and pulls the change log. The rules that keep a
 * device from staying wrong:
 * - an entity keeps `base`, the server's last confirmed state, while a local write is pending; a
 *   refused write rolls back to it (plus any later local write), never to another unconfirmed write;
 * - a pull never overwrites a pending entity's data, but keeps the server's state in its `base`,
 *   so the change is not lost when the cursor moves past it;
 * - a refusal is whatever carries an error (including a `duplicate` whose first attempt was
 *   refused); a `failed` operation or an HTTP error stays queued for a retry with backoff.
 */
export class SyncCore {
  constructor(
    readonly db: HavenDatabase,
    private readonly transport: SyncTransport,
    readonly clock: DeviceClock,
    private readonly options: { timeoutMs?: number; pullLimit?: number } = {},
  ) {}

  /**
   * Makes a write: the entity changes in the cache and the operation joins the outbox in ONE
   * transaction, so the screen shows the change at once and the change cannot exist without the
   * operation that will sync it (or the other way round), whatever happens to the app next.
   */
  async write(type: string, payload: unknown, optimistic: Optimistic | null): Promise<string> {
    const { db } = this;
    await this.clock.load();
    const opId = crypto.randomUUID();
    const skewMs = this.clock.skewMs;
    const at = new Date(this.clock.now()).toISOString();
    await db.transaction("rw", db.entities, db.outbox, async () => {
      let entityKey: string | null = null;
      if (optimistic) {
        entityKey = `${optimistic.entity}:${optimistic.id}`;
        const current = await db.entities.get(entityKey);
        // The first unconfirmed write over an entity remembers the server's state under it (a
        // row marked refused shows what the server refused, not what it holds: its base stands).
        const base = current ? (current.pending || current.rejected ? current.base : current.data) : null;
        await db.entities.put({
          key: entityKey,
          entity: optimistic.entity,
          id: optimistic.id,
          data: optimistic.data,
          base: base ?? null,
          baseFromPull: current?.pending ? current.baseFromPull : false,
          pending: true,
        });
      }
      await db.outbox.add({
        opId,
        type,
        at,
        ...(skewMs === undefined ? {} : { skewMs }),
        payload,
        entityKey,
        after: optimistic ? optimistic.data : null,
      });
    });
    return opId;
  }

  /**
   * One round: push the outbox, then pull, whatever the push did (a failing push must not keep
   * the server's changes from arriving). The first round on a device whose clock was never
   * measured pulls first, so what it pushes is stamped with corrected time. Returns whether the
   * pull brought changes; throws the push's failure (after the pull) for the caller's backoff.
   */
  async syncOnce(): Promise<{ pulled: boolean }> {
    await this.clock.load();
    let pulled = false;
    // Best effort: if it fails, the push goes ahead with the device's own time.
    if (this.clock.skewMs === undefined) pulled = await this.pull().catch(() => false);
    let pushFailure: unknown = null;
    try {
      await this.pushOutbox();
    } catch (err) {
      pushFailure = err;
    }
    pulled = (await this.pull()) || pulled;
    if (pushFailure !== null) throw pushFailure;
    return { pulled };
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? SYNC_REQUEST_TIMEOUT_MS;
  }

  /** The wire form of an outbox operation: its time corrected by the clock's error if it was not yet. */
  wire(op: OutboxOp): WireOperation {
    const skew = op.skewMs === undefined ? (this.clock.skewMs ?? 0) : 0;
    return { opId: op.opId, type: op.type, at: new Date(Date.parse(op.at) + skew).toISOString(), payload: op.payload };
  }

  /** Pushes the outbox in order, in batches that fit the server's limits, until it is empty. */
  async pushOutbox(): Promise<void> {
    const { db } = this;
    for (;;) {
      const head = await db.outbox.orderBy("seq").limit(SYNC_PUSH_MAX_OPERATIONS).toArray();
      if (head.length === 0) return;
      const { batch, tooLarge } = takePush(head, (op) => JSON.stringify(this.wire(op)));
      if (tooLarge) {
        // Refused here, once, as the server would refuse it: rolled back, marked and explained.
        await this.settle(
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
      const sentAt = this.clock.deviceTime();
      const body = { clientId: await this.clientId(), operations: batch.map((op) => this.wire(op)) };
      const answer = await withDeadline(this.timeoutMs, (signal) => this.transport.push(body, signal));
      await this.clock.observe(answer.serverTime, sentAt, this.clock.deviceTime());
      await this.settle(batch, answer.results);
    }
  }

  /**
   * Applies the server's answer to each pushed operation, in order: confirmed, or refused (rolled
   * back and explained). An operation the server could not run (`failed`) stays queued, and
   * RetryLater tells the engine to back off. Usually everything after it failed too; but a push
   * over its rate limit still runs its crisis flags (never rate-limited), and those are settled
   * here, so the patient sees them delivered now, not after the next push. An answer for an
   * entity whose earlier operation is still queued is left queued too: an entity's writes settle
   * in order.
   */
  async settle(batch: OutboxOp[], results: SyncResult[]): Promise<void> {
    const { db } = this;
    let retry: string | null = null;
    await db.transaction("rw", [db.entities, db.outbox, db.notices, db.results], async () => {
      const settledAt = this.clock.deviceTime();
      /** Entities with an operation still queued from this batch. */
      const waiting = new Set<string>();
      for (const [i, result] of results.entries()) {
        const op = batch[i];
        if (op?.seq === undefined || result.opId !== op.opId) break;
        if (result.status === "failed") {
          retry ??= result.error.code;
          if (op.entityKey) waiting.add(op.entityKey);
          continue;
        }
        if (op.entityKey && waiting.has(op.entityKey)) continue;
        await db.outbox.delete(op.seq);
        if ("error" in result) {
          await this.refused(op, result.error);
          // Kept like an answer, so a screen watching this operation can say it was refused.
          const error = { code: result.error.code, message: result.error.message };
          await db.results.put({ opId: op.opId, type: op.type, result: null, error, settledAt });
        } else {
          await this.confirmed(op, result.status === "duplicate");
          await db.results.put({ opId: op.opId, type: op.type, result: result.result, settledAt });
          // Saved, with something to tell: kept late (earned nothing), or it replaced a change made elsewhere.
          for (const warning of warningsOf(result.result)) {
            await db.notices.add({
              kind: warning.code === "CLIENT_TIME_OUT_OF_WINDOW" ? "late" : "changed",
              code: warning.code,
              message: warning.message,
              at: new Date(settledAt).toISOString(),
              entityKey: op.entityKey,
            });
          }
        }
      }
      await db.results
        .where("settledAt")
        .below(settledAt - RESULT_KEEP_MS)
        .delete();
    });
    if (retry !== null) throw new RetryLater(retry);
  }

  /**
   * A write the server accepted: what it made the entity is now the server's state (`base`), and
   * the entity is confirmed unless another local write waits on it. A duplicate was applied in an
   * earlier push whose answer was lost; a pull since may have brought its result (and what came
   * after it) into `base`, and that stands. Otherwise the write's own change is still ahead of
   * the cursor, and the next pull brings the server's exact state.
   */
  private async confirmed(op: OutboxOp, duplicate: boolean): Promise<void> {
    if (!op.entityKey) return;
    const row = await this.db.entities.get(op.entityKey);
    if (!row) return;
    const base = duplicate && row.baseFromPull ? row.base : (op.after ?? row.data);
    if (await this.laterWrite(op.entityKey)) {
      await this.db.entities.put({ ...row, base, baseFromPull: row.baseFromPull && duplicate });
      return;
    }
    await this.put({ ...row, data: base, base, baseFromPull: false, pending: false });
  }

  /** A write the server refused: back to its confirmed state (and later local writes), marked, and explained. */
  private async refused(op: OutboxOp, error: { code: string; message: string }): Promise<void> {
    const { db } = this;
    const rejected = { code: error.code, message: error.message };
    let drop = false;
    if (op.entityKey) {
      const row = await db.entities.get(op.entityKey);
      if (row && !(await this.laterWrite(op.entityKey))) {
        const base = row.base ?? null;
        if (base !== null) await db.entities.put({ ...row, data: base, baseFromPull: false, pending: false, rejected });
        else if (row.data !== null) {
          // A refused create stays on screen, marked, until the patient dismisses it.
          await db.entities.put({ ...row, base: null, baseFromPull: false, pending: false, rejected });
          drop = true;
        } else await db.entities.delete(op.entityKey);
      } else if (row) await db.entities.put({ ...row, rejected });
    }
    await db.notices.add({ ...rejected, kind: "refused", at: new Date().toISOString(), entityKey: op.entityKey, drop });
  }

  private async put(row: CachedEntity): Promise<void> {
    // A confirmed removal (an undo, an archive) leaves nothing behind.
    if (row.data === null && !row.pending && !row.rejected) await this.db.entities.delete(row.key);
    else await this.db.entities.put(row);
  }

  /** Whether a write still queued touches the entity (one index lookup: the outbox is keyed by entity and seq). */
  private async laterWrite(entityKey: string): Promise<boolean> {
    return (
      (await this.db.outbox
        .where("[entityKey+seq]")
        .between([entityKey, Dexie.minKey], [entityKey, Dexie.maxKey])
        .count()) > 0
    );
  }

  /**
   * Applies the server's changes since the saved cursor; true when there were any. A pending
   * entity keeps what this device wrote on screen, and the server's state in its `base`.
   */
  async pull(): Promise<boolean> {
    const { db } = this;
    let any = false;
    for (;;) {
      const cursor = (await db.meta.get("cursor"))?.value;
      const sentAt = this.clock.deviceTime();
      const query = { limit: this.options.pullLimit ?? PULL_LIMIT, ...(cursor ? { cursor } : {}) };
      let page: SyncPullResponse;
      try {
        page = await withDeadline(this.timeoutMs, (signal) => this.transport.pull(query, signal));
      } catch (err) {
        // The server no longer accepts this cursor (its key changed: a new secret, or the HKDF
        // subkeys of issue 13, item 14). Pulling from the start brings its exact state again;
        // a pending entity keeps what this device wrote, as on any pull.
        if (!(cursor && err instanceof SyncHttpError && err.code === "INVALID_CURSOR")) throw err;
        await db.meta.delete("cursor");
        continue;
      }
      await this.clock.observe(page.serverTime, sentAt, this.clock.deviceTime());
      await db.transaction("rw", db.entities, db.meta, async () => {
        for (const change of page.changes) {
          if (!isSyncEntity(change.entity)) continue; // from a newer server: nothing here shows it
          const key = `${change.entity}:${change.id}`;
          const server = change.op === "delete" ? null : (change.data ?? null);
          const local = await db.entities.get(key);
          if (local?.pending) await db.entities.put({ ...local, base: server, baseFromPull: true });
          else if (server === null) await db.entities.delete(key);
          else {
            // The server's state replaces the cache; a refusal mark stays until its notice is dismissed.
            const mark = local?.rejected ? { rejected: local.rejected } : {};
            await db.entities.put({
              key,
              entity: change.entity,
              id: change.id,
              data: server,
              base: server,
              pending: false,
              ...mark,
            });
          }
        }
        await db.meta.put({ key: "cursor", value: page.cursor });
      });
      any ||= page.changes.length > 0;
      if (!page.hasMore) return any;
    }
  }

  /**
   * Dismisses a notice. Its item, once nothing local waits on it, goes back to the server's
   * state: a refused create (the server has nothing) disappears, a refused edit shows what the
   * server holds. Another notice for the same item finds it already settled.
   */
  async dismissNotice(notice: Notice): Promise<void> {
    const { db } = this;
    await db.transaction("rw", db.entities, db.notices, async () => {
      const row = notice.entityKey ? await db.entities.get(notice.entityKey) : undefined;
      if (row?.rejected) {
        const base = row.base ?? null;
        if (row.pending) await db.entities.put({ ...row, rejected: undefined });
        else if (base === null) await db.entities.delete(row.key);
        else await db.entities.put({ ...row, data: base, rejected: undefined });
      }
      if (notice.id !== undefined) await db.notices.delete(notice.id);
    });
  }

  async clientId(): Promise<string> {
    const row = await this.db.meta.get("clientId");
    if (row) return row.value;
    const id = crypto.randomUUID();
    await this.db.meta.put({ key: "clientId", value: id });
    return id;
  }
}
