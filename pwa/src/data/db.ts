import Dexie, { type DexieOptions, type Table } from "dexie";

/** One cached entity, as the API shows it, keyed `${entity}:${id}` (the change log's identity). */
export interface CachedEntity {
  key: string;
  entity: string;
  id: string;
  /** What the screens show: the server's state, or this device's unconfirmed write over it. */
  data: unknown;
  /**
   * The server's state of this entity as last confirmed (null: it does not exist there), kept
   * while a local write is pending: a refused write rolls back to it, never to another
   * unconfirmed write. Absent on rows written before this was kept (treated as null).
   */
  base?: unknown;
  /** A pull brought the server's state (into `base`) while a local write was pending. */
  baseFromPull?: boolean;
  /** Written here and not yet confirmed by the server. */
  pending: boolean;
  /** The server refused the write that produced it: shown to the user with the reason. */
  rejected?: { code: string; message: string };
}

/** A write waiting for the server, in the order it was made. */
export interface OutboxOp {
  seq?: number;
  opId: string;
  type: string;
  /** The client's time of the write (ISO 8601): offline work counts on the day it happened. */
  at: string;
  /**
   * The device clock's measured error (server − device, ms) already applied to `at`; absent when
   * none was known at the time of the write: the push then applies the latest measurement.
   */
  skewMs?: number;
  payload: unknown;
  /** The cached entity this write changed (its rollback state is the entity's `base`). */
  entityKey: string | null;
  /** What this write made the entity (null: removed): the server's state once it is accepted. */
  after?: unknown;
  /** Kept from version 1 only: what the entity held before (the upgrade moves it into `base`). */
  previous?: CachedEntity | null;
}

/**
 * A synced operation's answer from the server, kept for a day so a screen can read it (the pet's
 * loot, whether an alert reached the care team): what it applied, or why it was refused.
 */
export interface OpResult {
  opId: string;
  type: string;
  /** The server's answer to an applied (or duplicate) operation; null when it was refused. */
  result: unknown;
  /** The refusal, when the server refused the operation (its notice says the same to the user). */
  error?: { code: string; message: string };
  settledAt: number;
}

/**
 * Something the user must be told: an offline write the server refused, and why; or one it kept
 * late (outside the client-time window: saved, earning nothing).
 */
export interface Notice {
  id?: number;
  /**
   * refused (the default): the write was not saved; late: saved, but earned nothing; changed:
   * saved, but it replaced a change made elsewhere meanwhile (a quest field, a safety-plan item).
   */
  kind?: "refused" | "late" | "changed";
  code: string;
  message: string;
  at: string;
  /** The cached entity marked with the refusal; dismissing the notice clears the mark. */
  entityKey?: string | null;
  /** The refused write created the entity: dismissing the notice removes it. */
  drop?: boolean;
}

export interface Meta {
  /**
   * cursor: the pull cursor; clientId: this install; user: the signed-in user's profile;
   * careTeam: who they can message; progress: the server's last progression summary (JSON);
   * clock: how far this device's clock is off the server's (JSON, see clock.ts); sos: the
   * patient's last "Alert my care team" (JSON `{ opId }`, see screens/AlertCareTeam.tsx);
   * pin: the app PIN's hash (lock/pin.ts); signedOut: why a revocation wiped this device, and
   * outboxOwner: whose hidden outbox it kept (lock/device.ts); `care:…`: the care team app's
   * read-only copy of what a staff screen last fetched (JSON, see care/care-data.ts);
   * storageNote: when the "may clear offline data" note was first shown (it shows once, SignedIn.tsx).
   */
  key:
    | "cursor"
    | "clientId"
    | "user"
    | "careTeam"
    | "progress"
    | "clock"
    | "sos"
    | "pin"
    | "signedOut"
    | "outboxOwner"
    | "storageNote"
    | `care:${string}`;
  value: string;
}

/**
 * The device's local data: a minimal cache of the user's entities filled by pull, the outbox of
 * writes not yet synced, and sync metadata. Every schema version lives here, in one place.
 * (Health data at rest on a shared phone is a known risk — ASVS 14.3.3: the cache holds only what
 * the screens need and is deleted at sign-out; encrypting it under an app PIN can slot in here.)
 */
export class HavenDatabase extends Dexie {
  entities!: Table<CachedEntity, string>;
  outbox!: Table<OutboxOp, number>;
  meta!: Table<Meta, string>;
  notices!: Table<Notice, number>;
  results!: Table<OpResult, string>;

  /** `options` lets tests in Node hand Dexie another IndexedDB (fake-indexeddb). */
  constructor(name = "haven", options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ entities: "key, entity", outbox: "++seq, opId", meta: "key", notices: "++id" });
    // 2: the rollback state lives on the entity (`base`), the outbox is indexed by entity (so
    // "is a later write waiting for this entity?" is one index lookup, not a scan), and
    // operations' answers are kept in `results`.
    this.version(2)
      .stores({ outbox: "++seq, opId, [entityKey+seq]", results: "opId, settledAt" })
      .upgrade(async (tx) => {
        const seen = new Set<string>();
        for (const op of (await tx.table("outbox").orderBy("seq").toArray()) as OutboxOp[]) {
          if (!op.entityKey || seen.has(op.entityKey)) continue;
          seen.add(op.entityKey);
          // The first queued write's `previous` is the last confirmed state.
          const base = op.previous && !op.previous.pending ? op.previous.data : null;
          await tx.table("entities").update(op.entityKey, { base });
        }
      });
  }
}

export const db = new HavenDatabase();
