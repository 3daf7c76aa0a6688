/**
 * For tests only (never imported by the app): a model of the sync server's contract, small
 * enough to reason about, strict where the real one is — per-user op records answer a replayed
 * opId with its first answer (`duplicate`, carrying the error if it was refused), a change log
 * with a monotonic sequence, paged pulls, and ops applied in order. Entities are notes:
 * `note.put {id, text}` creates or replaces one (refused GONE once deleted, BAD_TEXT for a text
 * starting "bad"); `note.delete {id}` removes one for good (refused NOT_FOUND when absent).
 *
 * Faults are the test's to inject per request: `unavailable` (503 before anything runs),
 * `lost` (everything applied, the answer never arrives), `failAt: k` (operation k could not run:
 * it and the rest answer `failed`, unrecorded), `limitedExcept: ids` (a push over its rate limit:
 * only the operations on those note ids run, like the crisis flags the real server still runs,
 * and the rest answer `failed`), and pull failures.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import type { SyncChange, SyncPullResponse, SyncPushResponse, SyncResult } from "../../../../shared/schemas/sync";
import { DeviceClock } from "../clock";
import { HavenDatabase } from "../db";
import { SyncCore, SyncHttpError, type SyncTransport, type WireOperation } from "../sync-core";

/** The model's notes travel as a real entity name (the device ignores names it does not know). */
const ENTITY = "journal";

export interface Note {
  id: string;
  text: string;
}

export type PushFault =
  | { kind: "none" }
  | { kind: "unavailable" }
  | { kind: "lost" }
  | { kind: "failAt"; index: number }
  | { kind: "limitedExcept"; ids: readonly string[] };

export class ModelServer {
  notes = new Map<string, Note | "gone">();
  log: SyncChange[] = [];
  ops = new Map<string, SyncResult>();
  pushes = 0;
  now: () => number = Date.now;

  private decide(op: WireOperation): SyncResult {
    const p = op.payload as { id: string; text?: string };
    const current = this.notes.get(p.id);
    const refuse = (code: string): SyncResult => ({
      opId: op.opId,
      status: "rejected",
      error: { code, message: code },
    });
    if (op.type === "note.put") {
      if (current === "gone") return refuse("GONE");
      if (typeof p.text !== "string" || p.text.startsWith("bad")) return refuse("BAD_TEXT");
      const note = { id: p.id, text: p.text };
      this.notes.set(p.id, note);
      this.change(p.id, note);
      return { opId: op.opId, status: "applied", result: { note } };
    }
    if (op.type === "note.delete") {
      if (current === undefined || current === "gone") return refuse("NOT_FOUND");
      this.notes.set(p.id, "gone");
      this.change(p.id, null);
      return { opId: op.opId, status: "applied", result: {} };
    }
    return refuse("VALIDATION_FAILED");
  }

  private change(id: string, note: Note | null): void {
    const seq = this.log.length + 1;
    this.log.push(
      note ? { seq, entity: ENTITY, id, op: "upsert", data: note } : { seq, entity: ENTITY, id, op: "delete" },
    );
  }

  push(operations: WireOperation[], fault: PushFault = { kind: "none" }): SyncPushResponse {
    this.pushes++;
    if (fault.kind === "unavailable") throw new SyncHttpError(503, "DATABASE_UNAVAILABLE");
    const results: SyncResult[] = [];
    let broken = false;
    for (const [i, op] of operations.entries()) {
      if (fault.kind === "failAt" && i === fault.index) broken = true;
      const stored = this.ops.get(op.opId);
      const limited = fault.kind === "limitedExcept" && !fault.ids.includes((op.payload as { id: string }).id);
      if (limited) {
        results.push({ opId: op.opId, status: "failed", error: { code: "RATE_LIMITED", message: "wait" } });
      } else if (broken) {
        results.push({ opId: op.opId, status: "failed", error: { code: "INTERNAL", message: "retry" } });
      } else if (stored) {
        results.push({ ...stored, status: "duplicate" } as SyncResult);
      } else {
        const result = this.decide(op);
        this.ops.set(op.opId, result);
        results.push(result);
      }
    }
    if (fault.kind === "lost") throw new TypeError("Failed to fetch (the answer was lost)");
    return { results, serverTime: new Date(this.now()).toISOString() };
  }

  /**
   * The key cursors are tagged with. Rotating it (as a new server secret or the HKDF subkeys of
   * issue 13, item 14 did) makes every cursor handed out before it 400 INVALID_CURSOR.
   */
  cursorKey = 1;

  pull(cursor: string | undefined, limit: number): SyncPullResponse {
    let after = 0;
    if (cursor) {
      const [key, seq] = cursor.split(".");
      if (Number(key) !== this.cursorKey) throw new SyncHttpError(400, "INVALID_CURSOR");
      after = Number(seq);
    }
    const page = this.log.filter((c) => c.seq > after).slice(0, limit);
    const last = page.at(-1)?.seq ?? after;
    return {
      changes: page,
      cursor: `${this.cursorKey}.${last}`,
      hasMore: this.log.some((c) => c.seq > last),
      serverTime: new Date(this.now()).toISOString(),
    };
  }

  /** The notes that exist now, as a device should show them. */
  visible(): Map<string, Note> {
    const out = new Map<string, Note>();
    for (const [id, n] of this.notes) if (n !== "gone") out.set(id, n);
    return out;
  }
}

/** One device: its own IndexedDB, clock and engine, talking to the model server through a faulty link. */
export class Device {
  readonly db: HavenDatabase;
  readonly core: SyncCore;
  readonly clock: DeviceClock;
  nextPushFault: PushFault = { kind: "none" };
  pullFails = false;
  /** A push or pull that never answers (until the deadline). */
  stall = false;
  /** Refusal notices ever shown on this device (dismissed or not). */
  refusalsTold = 0;

  constructor(
    readonly server: ModelServer,
    name: string,
    options: { deviceNow?: () => number; pullLimit?: number; timeoutMs?: number } = {},
  ) {
    this.db = new HavenDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange });
    this.clock = new DeviceClock(this.db, options.deviceNow);
    this.db.notices.hook("creating", (_key, notice) => {
      if (notice.kind === "refused") this.refusalsTold++;
    });
    const transport: SyncTransport = {
      push: async (body, signal) => {
        if (this.stall)
          return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
        const fault = this.nextPushFault;
        this.nextPushFault = { kind: "none" };
        return this.server.push(body.operations, fault);
      },
      pull: async (query, signal) => {
        if (this.stall)
          return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
        if (this.pullFails) throw new TypeError("Failed to fetch");
        return this.server.pull(query.cursor, query.limit);
      },
    };
    this.core = new SyncCore(this.db, transport, this.clock, {
      pullLimit: options.pullLimit ?? 3,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
  }

  put(id: string, text: string): Promise<string> {
    return this.core.write("note.put", { id, text }, { entity: ENTITY, id, data: { id, text } });
  }

  remove(id: string): Promise<string> {
    return this.core.write("note.delete", { id }, { entity: ENTITY, id, data: null });
  }

  /** One sync round; a failure is what the engine would back off on, so it is swallowed here. */
  async sync(): Promise<unknown> {
    try {
      await this.core.syncOnce();
      return null;
    } catch (err) {
      return err;
    }
  }

  /** What the screens would show: every entity with data (refused ones included, marked). */
  async shown(): Promise<Map<string, Note & { pending: boolean; rejected: boolean }>> {
    const out = new Map<string, Note & { pending: boolean; rejected: boolean }>();
    for (const row of await this.db.entities.where("entity").equals(ENTITY).toArray()) {
      if (row.data !== null) out.set(row.id, { ...(row.data as Note), pending: row.pending, rejected: !!row.rejected });
    }
    return out;
  }

  async dismissAll(): Promise<void> {
    for (const notice of await this.db.notices.toArray()) await this.core.dismissNotice(notice);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
