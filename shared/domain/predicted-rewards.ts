/**
 * What the writes still waiting on this device will earn once the server applies them, predicted
 * with the server's own rules (completion-policy.ts, progression.ts), so XP and coins can
 * move the moment the patient acts, offline too. The server decides: the prediction is shown
 * only until a sync brings its numbers, and it errs low — when a fact the server would use is
 * not known here (a confirmed completion's exact reward, say), it assumes the outcome that earns
 * least, so pending plus synced never shows more than the server would give. Spending (the pet's
 * food and shop) is not predicted here: the Pet screen sets queued purchases aside itself.
 */
import { clientTimeOk, decideCompletion, moodXp, questCompletionXp, type Schedule } from "./completion-policy";
import { COINS_PER_XP_ACTION, type Difficulty, HABIT_XP } from "./progression";

/** One write waiting in the outbox, in order. */
export interface PendingWrite {
  type: string;
  /** Client time, ISO 8601. */
  at: string;
  payload: unknown;
}

/** A completion as the server last confirmed it. */
export interface KnownCompletion {
  id: string;
  habitId: string;
  at: string;
  localDay: string;
  late: boolean;
}

/** What the device knows of the server's state, and of what it shows now. */
export interface KnownState {
  habits: ReadonlyMap<string, { difficulty: Difficulty; schedule: Schedule }>;
  /** Live (not undone) completions the server has confirmed. */
  serverCompletions: readonly KnownCompletion[];
  /** Completions the device shows as live now (a later undo here, or a refusal, removes one). */
  shownCompletionIds: ReadonlySet<string>;
  /** Quests as the server last confirmed them, or as created here while the create is pending. */
  quests: ReadonlyMap<string, { difficulty: Difficulty; xpAwarded: boolean }>;
  /** Local days that already have a check-in the server confirmed. */
  serverMoodDays: ReadonlySet<string>;
  /** Check-ins the device shows (not refused). */
  shownMoodIds: ReadonlySet<string>;
}

export interface Earnings {
  xp: number;
  coins: number;
}

export interface PredictedRewards {
  /** Added to the server's totals (earnings only; negative when an undo takes some back). */
  total: Earnings;
  /** Earnings (habits, quests, check-ins) by the local day they count on, as GET /progress sums them. */
  byDay: Map<string, Earnings>;
}

type Payload = Record<string, unknown>;

const str = (p: Payload, key: string): string | null => (typeof p[key] === "string" ? (p[key] as string) : null);

/**
 * Predicts what `writes` (in outbox order) add to the server's totals. `dayOf` gives the user's
 * local day of an instant; `nowMs` is the clock-corrected time (a write already outside the
 * client-time window earns nothing).
 *
 * @example
 * predictRewards([{ type: "mood.log", at, payload: { id, mood: 7, sleepQuality: 6 } }], known, now, dayOf)
 * // { total: { xp: 5, coins: 5 }, byDay: Map { "2026-11-15" => { xp: 5, coins: 5 } } }
 */
export function predictRewards(
  writes: readonly PendingWrite[],
  known: KnownState,
  nowMs: number,
  dayOf: (atMs: number) => string,
): PredictedRewards {
  const total: Earnings = { xp: 0, coins: 0 };
  const byDay = new Map<string, Earnings>();
  const earn = (day: string | null, e: Earnings) => {
    total.xp += e.xp;
    total.coins += e.coins;
    if (day === null) return;
    const sum = byDay.get(day) ?? { xp: 0, coins: 0 };
    byDay.set(day, { xp: sum.xp + e.xp, coins: sum.coins + e.coins });
  };
  // The server's live completions as the simulation goes, with what each earned (an upper bound
  // for confirmed ones: their exact reward is not kept here, so the daily cap is judged strictly).
  const live = new Map(
    known.serverCompletions.map((c) => {
      const difficulty = known.habits.get(c.habitId)?.difficulty ?? "hard";
      return [c.id, { ...c, atMs: Date.parse(c.at), xp: c.late ? 0 : HABIT_XP[difficulty] }] as const;
    }),
  );
  const pendingCompletions = new Set<string>();
  const unsure = new Set<string>();
  const awardedQuests = new Set<string>();
  const moodDays = new Set(known.serverMoodDays);

  for (const write of writes) {
    const p = (write.payload ?? {}) as Payload;
    const atMs = Date.parse(write.at);
    const onTime = clientTimeOk(atMs, nowMs);
    switch (write.type) {
      case "habit.complete": {
        const id = str(p, "completionId");
        const habitId = str(p, "habitId");
        const habit = habitId ? known.habits.get(habitId) : undefined;
        if (!id || !habitId || !habit) break;
        pendingCompletions.add(id);
        // After a cap refusal here the server may have taken a trimmed completion we did not, so
        // this habit's target and spacing can no longer be judged: nothing more is predicted for it.
        if (unsure.has(habitId)) break;
        const day = dayOf(atMs);
        const sameDay = [...live.values()].filter((c) => c.localDay === day);
        const decision = decideCompletion({
          difficulty: habit.difficulty,
          schedule: habit.schedule,
          atMs,
          nowMs,
          completionsOnDay: sameDay.filter((c) => c.habitId === habitId).length,
          otherCompletionTimesMs: [...live.values()].filter((c) => c.habitId === habitId).map((c) => c.atMs),
          habitXpOnDay: sameDay.reduce((sum, c) => sum + c.xp, 0),
        });
        if (!decision.ok) {
          if (decision.code === "DAILY_XP_CAP_REACHED") unsure.add(habitId);
          break;
        }
        live.set(id, { id, habitId, at: write.at, localDay: day, late: decision.late === true, atMs, xp: decision.xp });
        // Undone here since (or refused): the server gives and takes back, so it earns nothing,
        // but it stood between, for the target and spacing of the writes after it.
        if (known.shownCompletionIds.has(id)) earn(day, { xp: decision.xp, coins: decision.coins });
        break;
      }
      case "habit.uncomplete": {
        const id = str(p, "completionId");
        const completion = id ? live.get(id) : undefined;
        if (!id || !completion) break;
        live.delete(id);
        // Undoing a completion still waiting here: its complete was predicted at nothing.
        if (pendingCompletions.has(id) || completion.late) break;
        // The server takes back what the completion earned: at most its difficulty's XP.
        earn(completion.localDay, { xp: -completion.xp, coins: completion.xp > 0 ? -COINS_PER_XP_ACTION : 0 });
        break;
      }
      case "quest.update":
      case "quest.setStatus": {
        const id = str(p, "questId");
        const quest = id ? known.quests.get(id) : undefined;
        if (!id || !quest || p.status !== "done" || !onTime) break;
        const difficulty = (str(p, "difficulty") as Difficulty | null) ?? quest.difficulty;
        const award = questCompletionXp(difficulty, quest.xpAwarded || awardedQuests.has(id));
        if (award.xp > 0) awardedQuests.add(id);
        earn(dayOf(atMs), award);
        break;
      }
      case "mood.log": {
        const id = str(p, "id");
        if (!id || !known.shownMoodIds.has(id) || !onTime) break;
        const day = dayOf(atMs);
        const award = moodXp(!moodDays.has(day));
        moodDays.add(day);
        earn(day, award);
        break;
      }
      default:
        break;
    }
  }
  return { total, byDay };
}
