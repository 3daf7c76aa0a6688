/**
 * The anti-abuse completion policy of PRODUCT.md "Progression rules": what one habit completion,
 * quest completion or mood check-in earns, or the stable code it is rejected with. The caller (the
 * user's Durable Object) gathers the facts into a context; this module only decides.
 */
import {
  COINS_PER_XP_ACTION,
  DAILY_HABIT_XP_CAP,
  type Difficulty,
  FIRST_MOOD_OF_DAY_XP,
  HABIT_XP,
  QUEST_XP,
} from "./progression";

/**
 * How far in the past a write's client time may lie and still earn its reward: offline replays of
 * up to 3 days count on the day they happened. A write outside the window is kept all the same
 * (the patient's words and risk signals are never dropped), marked late, and earns nothing.
 *
 * @example
 * clientTimeOk(now - CLIENT_TIME_PAST_MS, now) // true
 */
export const CLIENT_TIME_PAST_MS = 72 * 3600_000;

/**
 * How far ahead of server time a client clock may run.
 *
 * @example
 * clientTimeOk(now + CLIENT_TIME_FUTURE_MS + 1, now) // false
 */
export const CLIENT_TIME_FUTURE_MS = 5 * 60_000;

/**
 * The least time between two completions of one habit (by client time).
 *
 * @example
 * MIN_COMPLETION_SPACING_MS // 60000
 */
export const MIN_COMPLETION_SPACING_MS = 60_000;

/** When a habit is due: `perDay` times every day, or on `timesPerWeek` days of each ISO week. */
export type Schedule = { type: "daily"; perDay: number } | { type: "weekly"; timesPerWeek: number };

/**
 * How many completions of a habit count on one local day: `perDay` for a daily habit, 1 for a
 * weekly one. A fractional target is floored; a missing, non-finite or below-1 target is 1, so a
 * corrupt schedule can neither allow unlimited completions nor make every day count as met.
 *
 * @example
 * perDayTarget({ type: "daily", perDay: 3 }) // 3
 * perDayTarget({ type: "weekly", timesPerWeek: 4 }) // 1
 */
export function perDayTarget(schedule: Schedule): number {
  if (schedule.type !== "daily") return 1;
  return Number.isFinite(schedule.perDay) && schedule.perDay >= 1 ? Math.floor(schedule.perDay) : 1;
}

/** Why the policy refused a write; stable codes the API answers with and the audit log records. */
export type PolicyRejection = "HABIT_DAILY_TARGET_MET" | "COMPLETION_TOO_SOON" | "DAILY_XP_CAP_REACHED";

/**
 * Whether a client time lies in [now − 72 h, now + 5 min], both ends included. NaN is never ok.
 *
 * @example
 * clientTimeOk(now - 72 * 3600_000, now) // true
 * clientTimeOk(now - 72 * 3600_000 - 1, now) // false
 */
export function clientTimeOk(atMs: number, nowMs: number): boolean {
  return atMs >= nowMs - CLIENT_TIME_PAST_MS && atMs <= nowMs + CLIENT_TIME_FUTURE_MS;
}

/** The facts one habit-completion decision needs, gathered by the caller. */
export interface CompletionContext {
  difficulty: Difficulty;
  schedule: Schedule;
  /** Client time of this completion. */
  atMs: number;
  /** Server time. */
  nowMs: number;
  /** Live (not undone) completions of THIS habit on the local day of atMs. */
  completionsOnDay: number;
  /** Client times of this habit's live completions (any day), not including this one. */
  otherCompletionTimesMs: number[];
  /** XP already earned from ALL habits on that local day (live completions). */
  habitXpOnDay: number;
}

/**
 * What a habit completion earns, or why it is refused. `late`: its client time lay outside the
 * window, so it is kept (it happened) but earns nothing: no XP, no coins, no streak credit.
 */
export type CompletionDecision =
  | { ok: true; xp: number; coins: number; late?: true }
  | { ok: false; code: PolicyRejection };

/**
 * Decides one habit completion. Checks, in order: the per-day target; spacing (another live
 * completion of this habit less than 60 s before or after); the client-time window (outside it:
 * accepted, late, earning nothing); the daily habit XP cap. An accepted completion earns its
 * difficulty's XP, or only what is left under the cap when it crosses it, and 5 coins. Counts
 * that are NaN fail closed (treated as limits reached).
 *
 * @example
 * decideCompletion({
 *   difficulty: "hard", schedule: { type: "daily", perDay: 1 }, atMs: now, nowMs: now,
 *   completionsOnDay: 0, otherCompletionTimesMs: [], habitXpOnDay: 990,
 * }) // { ok: true, xp: 10, coins: 5 }
 */
export function decideCompletion(ctx: CompletionContext): CompletionDecision {
  if (!(ctx.completionsOnDay < perDayTarget(ctx.schedule))) return { ok: false, code: "HABIT_DAILY_TARGET_MET" };
  if (ctx.otherCompletionTimesMs.some((t) => Math.abs(t - ctx.atMs) < MIN_COMPLETION_SPACING_MS)) {
    return { ok: false, code: "COMPLETION_TOO_SOON" };
  }
  if (!clientTimeOk(ctx.atMs, ctx.nowMs)) return { ok: true, xp: 0, coins: 0, late: true };
  if (!(ctx.habitXpOnDay < DAILY_HABIT_XP_CAP)) return { ok: false, code: "DAILY_XP_CAP_REACHED" };
  const xp = Math.min(HABIT_XP[ctx.difficulty], Math.floor(DAILY_HABIT_XP_CAP - Math.max(0, ctx.habitXpOnDay)));
  return { ok: true, xp, coins: xp > 0 ? COINS_PER_XP_ACTION : 0 };
}

/**
 * What completing a quest earns: its difficulty's XP and 5 coins the first time, nothing after.
 *
 * @example
 * questCompletionXp("hard", false) // { xp: 200, coins: 5 }
 * questCompletionXp("hard", true) // { xp: 0, coins: 0 }
 */
export function questCompletionXp(difficulty: Difficulty, alreadyAwarded: boolean): { xp: number; coins: number } {
  if (alreadyAwarded) return { xp: 0, coins: 0 };
  return { xp: QUEST_XP[difficulty], coins: COINS_PER_XP_ACTION };
}

/**
 * What a mood check-in earns: 5 XP and 5 coins for the first of the user's local day, else nothing.
 *
 * @example
 * moodXp(true) // { xp: 5, coins: 5 }
 * moodXp(false) // { xp: 0, coins: 0 }
 */
export function moodXp(isFirstOfLocalDay: boolean): { xp: number; coins: number } {
  if (!isFirstOfLocalDay) return { xp: 0, coins: 0 };
  return { xp: FIRST_MOOD_OF_DAY_XP, coins: COINS_PER_XP_ACTION };
}
