import Dexie, { type Table } from "dexie";

/** One cached entity, as the API shows it, keyed `${entity}:${id}` (the change log's identity). */
export interface CachedEntity {
  key: string;
  entity: string;
  id: string;
  data: unknown;
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
  payload: unknown;
  /** The cached entity this write changed, and what it held before, to roll back a rejection. */
  entityKey: string | null;
  previous: CachedEntity | null;
}

/** Something the user must be told: an offline write the server refused, and why. */
export interface Notice {
  id?: number;
  code: string;
  message: string;
  at: string;
  /** The cached entity marked with the refusal; dismissing the notice clears the mark. */
  entityKey?: string | null;
  /** The refused write created the entity: dismissing the notice removes it. */
  drop?: boolean;
}

export interface Meta {
  /** cursor: the pull cursor; clientId: this install; user: the signed-in user's profile; careTeam: who they can message; progress: the server's last progression summary (JSON). */
  key: "cursor" | "clientId" | "user" | "careTeam" | "progress";
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

  constructor(name = "haven") {
    super(name);
    this.version(1).stores({ entities: "key, entity", outbox: "++seq, opId", meta: "key", notices: "++id" });
  }
}

export const db = new HavenDatabase();
