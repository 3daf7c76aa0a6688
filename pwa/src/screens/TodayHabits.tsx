import { localDay } from "../../../shared/domain/local-day";
import { accepted, useEntities } from "../data/entities";
import { streakOf } from "../data/habit-days";
import { clock } from "../data/sync";
import type { CompletionView, HabitView } from "../data/types";
import { useLocalDay } from "../data/use-local-day";
import { write } from "../data/write";
import { Link } from "../ui/Link";
import type { ScreenProps } from "./types";

/**
 * Today's habits with one-tap completion and undo. The count is the device's view until the
 * server confirms; the server's rules (per-day target, 60 s spacing, the daily cap) decide.
 */
export function TodayHabits({ user, onWrite }: ScreenProps) {
  const today = useLocalDay(user);
  const habits = useEntities<HabitView>("habit")
    .filter((h) => !h.archived && !h.rejected)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const completions = useEntities<CompletionView>("completion");

  async function complete(habit: HabitView) {
    const id = crypto.randomUUID();
    const now = clock.now(); // corrected by the server's stated time (a phone days behind files on the right day)
    const at = new Date(now).toISOString();
    // The day of the tap itself (the screen's "today" may be a few seconds behind a day start).
    const day = localDay(now, user.timezone, user.dayStartHour);
    await write(
      "habit.complete",
      { habitId: habit.id, completionId: id },
      { entity: "completion", id, data: { id, habitId: habit.id, at, localDay: day, undone: false } },
    );
    onWrite();
  }

  async function undo(habit: HabitView, completion: CompletionView) {
    await write(
      "habit.uncomplete",
      { habitId: habit.id, completionId: completion.id },
      { entity: "completion", id: completion.id, data: null },
    );
    onWrite();
  }

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
          const target = habit.schedule.type === "daily" ? habit.schedule.perDay : 1;
          const last = done.at(-1);
          const streak = streakOf(habit, completions, user, today);
          return (
            <li key={habit.id}>
              <span class="grow">
                {habit.name} — {Math.min(done.length, target)}/{target}
                {streak.current > 0 ? <span class="muted"> · {streak.current}-day streak</span> : null}
                {done.some((c) => c.pending) ? <span class="pending"> · waiting to sync</span> : null}
                {refused?.rejected ? <span class="refused"> · not saved: {refused.rejected.message}</span> : null}
              </span>
              <button
                type="button"
                aria-label={`Done: ${habit.name}`}
                disabled={done.length >= target}
                onClick={() => void complete(habit)}
              >
                Done
              </button>
              {last ? (
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Undo: ${habit.name}`}
                  onClick={() => void undo(habit, last)}
                >
                  Undo
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
