import type { CommandType } from "../../shared/schemas/commands";
import type { SessionRow } from "../auth/session-check";
import type { Call } from "./execute";
import { stateWindowStart, type UserState } from "./state";

/** What the user's object keeps between calls: the state its last write left, and the version it is at. */
export interface Kept {
  state: UserState;
  /** Session rows read with the state (the session check of checked calls). */
  sessions: Map<string, SessionRow>;
  /** users.state_version (migration 0023) at which `state` and `sessions` are D1's. */
  version: number;
}

/**
 * The commands that can be decided from kept state: their handlers read only what it holds, and
 * an id they create that is already taken breaks a primary key. Not here, so always loaded: the
 * ones that read rows by the ids they name (`journal.write`, `message.send` and its recipient,
 * `risk.flag`), unknown types, and any command added later until it is shown to belong.
 */
const FROM_KEPT_STATE: ReadonlySet<string> = new Set<CommandType>([
  "habit.create",
  "habit.update",
  "habit.archive",
  "habit.complete",
  "habit.uncomplete",
  "quest.create",
  "quest.update",
  "quest.setStatus",
  "quest.toggleStep",
  "mood.log",
  "assessment.submit",
  "safetyPlan.update",
  "pet.adopt",
  "pet.feed",
  "pet.buy",
  "pet.declutter",
  "pet.adventure",
  "pet.return",
]);

/** Sessions whose rows a reload reads besides its own calls', so another device's next write can use kept state too. */
const SESSIONS_KEPT = 16;

/**
 * The state the user's Durable Object keeps between calls, so that a write need not read D1
 * before it writes (issue 15): one round trip instead of two.
 *
 * Kept state is only ever a guess at D1. It is made safe by the write itself: a write decided from
 * it goes out as one atomic batch that starts with a guard on `users.state_version`
 * (db/state-version.ts), which every change to what the state is read from bumps, by trigger,
 * whoever makes it (migration 0023). A changed version aborts the batch, so nothing decided on a
 * stale copy is committed, and the call is decided again from a fresh load. What the state does
 * not hold is left to the tables' keys: a replayed opId, or a client-chosen mood or completion id
 * that already exists, breaks a primary key and aborts the batch in the same way.
 *
 * The state is taken out for each group of calls (`take`) and put back only after a committed
 * batch (`keep`), so a failed attempt, whose handlers changed it, leaves nothing behind. An
 * evicted object starts empty and loads from D1.
 */
export class StateMemory {
  #kept: Kept | undefined;
  #sessionIds: string[] = [];

  /**
   * The kept state, made ready to decide these calls, if every one can be decided from it; else
   * undefined. Either way the memory is empty afterwards.
   */
  take(calls: Call[], now: number): Kept | undefined {
    const kept = this.#kept;
    this.#kept = undefined;
    if (kept === undefined) return undefined;
    const { state } = kept;
    const since = stateWindowStart(now);
    // What a fresh load would read: the windows as of now, and no rows named by earlier calls.
    for (const [id, completion] of state.completions) if (completion.at < since) state.completions.delete(id);
    state.rewardedMoods = state.rewardedMoods.filter((m) => m.at >= since);
    state.people = new Map();
    state.messageIds = new Set();
    state.moodIds = new Set();
    state.journal = new Map();
    state.riskFlagIds = new Set();
    state.ops = new Map();
    for (const call of calls) {
      if (call.kind === "checked" && !kept.sessions.has(call.input.session.claims.sessionId)) return undefined;
      for (const cmd of call.input.commands) {
        if (!FROM_KEPT_STATE.has(cmd.type)) return undefined;
        // Undoing a completion needs its row, which the window may not hold.
        const completionId = (cmd.payload as { completionId?: unknown } | null)?.completionId;
        if (
          cmd.type === "habit.uncomplete" &&
          !(typeof completionId === "string" && state.completions.has(completionId))
        )
          return undefined;
      }
    }
    return kept;
  }

  /** Keeps the state a committed write (or a load) left, at the version D1 gave after it. */
  keep(kept: Kept): void {
    if (!kept.state.found) return;
    this.#kept = kept;
    this.#sessionIds = [...kept.sessions.keys()].slice(-SESSIONS_KEPT);
  }

  /** The sessions the last kept state held: a reload reads them again with its own. */
  sessionIds(): string[] {
    return this.#sessionIds;
  }
}
