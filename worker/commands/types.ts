import type { BatchItem } from "drizzle-orm/batch";
import type { ErrorCode } from "../../shared/errors";
import type { Role } from "../../shared/roles";
import type { Database } from "../db/client";
import type { PendingChange } from "./change-log";
import type { UserState } from "./state";

/**
 * A write, as REST routes and sync push both deliver it: the idempotency key, the command
 * type, the client's time and the payload (validated again by the command's schema).
 */
export interface Command {
  opId: string;
  type: string;
  /** The client's time (ms since the epoch); server time when the client sent none. */
  at: number;
  payload: unknown;
}

/** Who runs commands for whom. Staff act on a patient's data through the patient's object too. */
export interface Actor {
  userId: string;
  role: Role;
  requestId: string;
  ipHash: string | null;
}

export interface CommandContext {
  /** For building statements only: reads come from `state`, writes go out in one batch. */
  db: Database;
  /** The user's state, current as of every earlier command of this call. */
  state: UserState;
  /** Entities changed by this call, for the change log (see change-log.ts). */
  changes: Map<string, PendingChange>;
  userId: string;
  actor: Actor;
  /** Server time for this command. */
  now: number;
  /**
   * The command's client time lies outside the accepted window: it is applied (nothing the
   * patient wrote is dropped) but earns nothing — applyReward keeps no gain, the pet is not cheered.
   */
  late: boolean;
  /** Randomness for game rewards; Math.random in production, seeded in tests. */
  random: () => number;
}

/**
 * What a handler decides: effects to write (with the answer), or a rejection. A handler that
 * accepts has already updated `ctx.state` to match its statements.
 */
export type Decision =
  | { ok: true; status: number; body: Record<string, unknown>; statements: BatchItem<"sqlite">[]; action?: string }
  | { ok: false; code: ErrorCode; message?: string };

/**
 * A command's answer. `failed`: it could not run (the database batch failed, or a handler threw);
 * nothing was recorded, so the same opId can and should be sent again later. `rejected` (and a
 * `duplicate` carrying an error) is a recorded, permanent refusal.
 */
export type CommandResult =
  | { opId: string; status: "applied" | "duplicate"; httpStatus: number; body: Record<string, unknown> }
  | {
      opId: string;
      status: "rejected" | "duplicate" | "failed";
      httpStatus: number;
      error: { code: ErrorCode; message: string };
    };

export const reject = (code: ErrorCode, message?: string): Decision => ({ ok: false, code, message });
