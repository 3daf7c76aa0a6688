import { DurableObject } from "cloudflare:workers";
import { SYNC_PUSH_MAX_OPERATIONS } from "../../shared/limits";
import {
  type Call,
  type CallOutcome,
  type CheckedExecuteInput,
  type CheckedOutcome,
  type ExecuteInput,
  executeCalls,
} from "../commands/execute";
import { StateMemory } from "../commands/kept-state";
import type { CommandResult } from "../commands/types";
import { notifyAfterCommit } from "../notify/after-commit";

interface Waiting {
  call: Call;
  resolve: (outcome: CallOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * One per user (idFromName(userId)): serialises every write of that user's wellbeing data, so
 * two devices replaying the same offline work at once can never award XP twice.
 *
 * The input gate alone is not enough: each command awaits D1, and at every such await other
 * requests to this object may interleave. So calls wait in an explicit queue and run one group
 * at a time: a group starts only when the previous one has finished, whatever it awaited. The
 * calls that arrived while a group ran form the next group, run together as if one after the
 * other (commands/execute.ts, executeCalls: one state load and one write batch for the group),
 * up to one push's worth of operations. (SQLite-backed class; D1 holds the data, and the op
 * records make a retry after an eviction or crash safe. In memory the object keeps the state its
 * last write left, so the next write can skip reading it: commands/kept-state.ts, guarded by the
 * user's state version so that a stale copy never commits.)
 */
export class UserCommands extends DurableObject<Env> {
  #waiting: Waiting[] = [];
  #running = false;
  /** The state the last write left, for the next call (commands/kept-state.ts); empty after an eviction. */
  #memory = new StateMemory();

  execute(input: ExecuteInput): Promise<CommandResult[]> {
    return this.#enqueue({ kind: "trusted", input }) as Promise<CommandResult[]>;
  }

  /** execute, behind the caller's session check (read in the same state load). */
  executeChecked(input: CheckedExecuteInput): Promise<CheckedOutcome> {
    return this.#enqueue({ kind: "checked", input }) as Promise<CheckedOutcome>;
  }

  #enqueue(call: Call): Promise<CallOutcome> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ call, resolve, reject });
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#waiting.length > 0) {
        const group = nextGroup(this.#waiting);
        try {
          const outcomes = await executeCalls(
            this.env,
            group.map((w) => w.call),
            Math.random,
            this.#memory,
          );
          group.forEach((w, i) => {
            w.resolve(outcomes[i] as CallOutcome);
          });
          // Staff alerts and message pushes, after the answer (notify/after-commit.ts).
          this.ctx.waitUntil(
            notifyAfterCommit(
              this.env,
              group.map((w) => w.call),
              outcomes,
            ),
          );
        } catch (err) {
          for (const w of group) w.reject(err);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}

/**
 * Takes the next group off the queue: the first call, and the ones after it for the same user
 * while the group's operations stay within one push's worth (a group is never a bigger write
 * than a single call may be).
 */
function nextGroup(waiting: Waiting[]): Waiting[] {
  const first = waiting[0];
  if (!first) return [];
  let operations = first.call.input.commands.length;
  let size = 1;
  for (const next of waiting.slice(1)) {
    operations += next.call.input.commands.length;
    if (next.call.input.userId !== first.call.input.userId || operations > SYNC_PUSH_MAX_OPERATIONS) break;
    size++;
  }
  return waiting.splice(0, size);
}
