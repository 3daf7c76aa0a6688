import { DurableObject } from "cloudflare:workers";
import {
  type CheckedExecuteInput,
  type CheckedOutcome,
  type ExecuteInput,
  executeChecked,
  executeCommands,
} from "../commands/execute";
import type { CommandResult } from "../commands/types";

/**
 * One per user (idFromName(userId)): serialises every write of that user's wellbeing data, so
 * two devices replaying the same offline work at once can never award XP twice.
 *
 * The input gate alone is not enough: each command awaits D1, and at every such await other
 * requests to this object may interleave. So calls are chained on an explicit queue: a call
 * starts only when the previous one has finished, whatever it awaited. (SQLite-backed class;
 * the object keeps no state of its own — D1 holds the data, and the op records make a retry
 * after an eviction or crash safe.)
 */
export class UserCommands extends DurableObject<Env> {
  #tail: Promise<unknown> = Promise.resolve();

  execute(input: ExecuteInput): Promise<CommandResult[]> {
    return this.#queued(() => executeCommands(this.env, input, Math.random));
  }

  /** execute, behind the caller's session check (read in the same state load). */
  executeChecked(input: CheckedExecuteInput): Promise<CheckedOutcome> {
    return this.#queued(() => executeChecked(this.env, input, Math.random));
  }

  #queued<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
