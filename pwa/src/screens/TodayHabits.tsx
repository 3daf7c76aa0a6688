import { useRef, useState } from "preact/hooks";
import { perDayTarget } from "../../../shared/domain/completion-policy";
import { localDay } from "../../../shared/domain/local-day";
import { db } from "../data/db";
import { accepted, type Local, useEntities } from "../data/entities";
import { completionNeed, streakOf } from "../data/habit-days";
import { clock } from "../data/sync";
import type { CompletionView, HabitView } from "../data/types";
import { useLocalDay } from "../data/use-local-day";
import { write } from "../data/write";
import { Link } from "../ui/Link";
import type { ScreenProps } from "./types";
import "./habits/today-habits.css";

/** Every completion in the device's copy as it is now (not as last rendered). */
async function cachedCompletions(): Promise<Local<CompletionView>[]> {
  const rows = await db.entities.where("entity").equals("completion").toArray();
  return rows
    .filter((row) => row.data !== null)
    .map((row) => ({ ...(row.data as CompletionView), pending: row.pending, rejected: row.rejected ?? null }));
}

/**
 * Today's habits with one-tap completion and undo. The count is the device's view until the
 * server confirms; the server's rules (per-day target, 60 s spacing, the daily cap) decide.
 * One tap, one write: a habit's buttons ignore taps while its write is being saved (a ref, set
 * before the first await, so even two taps in one frame write once), and a completion the device's
 * copy shows the server would refuse (target met, a minute not yet passed) is not sent.
 */
export function TodayHabits({ user, onWrite }: ScreenProps) {
  const today = useLocalDay(user);
  const habits = useEntities<HabitView>("habit")
    .filter((h) => !h.archived && !h.rejected)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const completions = useEntities<CompletionView>("completion");
  // Habits with a write being saved: the ref guards, the state disables the buttons.
  const inFlight = useRef(new Set<string>());
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState("");

  /** Runs one write for a habit unless one is already being saved for it. */
  async function once(habit: HabitView, run: () => Promise<void>) {
    if (inFlight.current.has(habit.id)) return;
    inFlight.current.add(habit.id);
    setSaving(new Set(inFlight.current));
    try {
      await run();
    } finally {
      inFlight.current.delete(habit.id);
      setSaving(new Set(inFlight.current));
    }
  }

  const complete = (habit: HabitView) =>
    once(habit, async () => {
      const id = crypto.randomUUID();
      const now = clock.now(); // corrected by the server's stated time (a phone days behind files on the right day)
      const at = new Date(now).toISOString();
      // The day of the tap itself (the screen's "today" may be a few seconds behind a day start).
      const day = localDay(now, user.timezone, user.dayStartHour);
      const need = completionNeed(habit, await cachedCompletions(), day, now);
      if (!need.send) {
        setStatus(
          need.why === "target-met"
            ? `${habit.name} is already done for today.`
            : `${habit.name} was counted a moment ago: the next one can count in a minute.`,
        );
        return;
      }
      await write(
        "habit.complete",
        { habitId: habit.id, completionId: id },
        { entity: "completion", id, data: { id, habitId: habit.id, at, localDay: day, undone: false } },
      );
      setStatus("");
      onWrite();
    });

  const undo = (habit: HabitView, completion: CompletionView) =>
    once(habit, async () => {
      await write(
        "habit.uncomplete",
        { habitId: habit.id, completionId: completion.id },
        { entity: "completion", id: completion.id, data: null },
      );
      setStatus("");
      onWrite();
    });

  return (
    <section class="card" aria-labelledby="habits-title">
      <h3 id="habits-title">Today's habits</h3>
      {habits.length === 0 ? (
        <p>
          No habits yet. <Link href="/habits">Add one</Link> — small and kind is best.
        </p>
      ) : null}
      <ul class="rows" data-testid="habits">
        {habits.map((habit) => {
          const mine = completions
            .filter((c) => c.habitId === habit.id && c.localDay === today && !c.undone)
            .sort((a, b) => a.at.localeCompare(b.at));
          const done = accepted(mine);
          const refused = mine.find((c) => c.rejected);
          const target = perDayTarget(habit.schedule);
          const last = done.at(-1);
          const streak = streakOf(habit, completions, user, today);
          const met = done.length >= target;
          return (
            <li key={habit.id} class={met ? "habit-today met" : "habit-today"}>
              <span class="habit-check" aria-hidden="true">
                {met ? "✓" : ""}
              </span>
              <span class="grow">
                <span class="habit-name">{habit.name}</span> — {Math.min(done.length, target)}/{target}
                {met ? <strong class="habit-met"> · Done today</strong> : null}
                {streak.current > 0 ? <span class="muted"> · {streak.current}-day streak</span> : null}
                {done.some((c) => c.pending) ? <span class="pending"> · waiting to sync</span> : null}
                {refused?.rejected ? <span class="refused"> · not saved: {refused.rejected.message}</span> : null}
              </span>
              <button
                type="button"
                aria-label={`Done: ${habit.name}`}
                disabled={met}
                // While saving: aria-disabled, so keyboard focus stays put (the handler ignores the tap).
                aria-disabled={saving.has(habit.id)}
                onClick={() => void complete(habit)}
              >
                Done
              </button>
              {last ? (
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Undo: ${habit.name}`}
                  aria-disabled={saving.has(habit.id)}
                  onClick={() => void undo(habit, last)}
                >
                  Undo
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p role="status" class="muted" data-testid="habits-status">
        {status}
      </p>
    </section>
  );
}
