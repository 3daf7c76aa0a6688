import { localDay } from "../../../shared/domain/local-day";
import type { PublicUser } from "../../../shared/schemas/auth";
import { db } from "../data/db";
import type { CompletionView, HabitView } from "../data/types";
import { useLive } from "../data/use-live";
import { write } from "../data/write";

interface Row {
  habit: HabitView;
  today: (CompletionView & { pending: boolean })[];
}

/**
 * Today's habits with one-tap completion and undo. The count is the device's view until the
 * server confirms; the server's rules (per-day target, 60 s spacing, the daily cap) decide.
 */
export function Habits({ user, onWrite }: { user: PublicUser; onWrite: () => void }) {
  const today = localDay(Date.now(), user.timezone, user.dayStartHour);
  const rows = useLive(
    async (): Promise<Row[]> => {
      const [habits, completions] = await Promise.all([
        db.entities.where("entity").equals("habit").toArray(),
        db.entities.where("entity").equals("completion").toArray(),
      ]);
      return habits
        .map((h) => h.data as HabitView)
        .filter((h) => !h.archived)
        .map((habit) => ({
          habit,
          today: completions
            .map((c) => ({ ...(c.data as CompletionView), pending: c.pending }))
            .filter((c) => c.habitId === habit.id && c.localDay === today),
        }));
    },
    [],
    [today],
  );

  async function complete(habit: HabitView) {
    const id = crypto.randomUUID();
    const at = new Date().toISOString();
    await write(
      "habit.complete",
      { habitId: habit.id, completionId: id },
      { entity: "completion", id, data: { id, habitId: habit.id, at, localDay: today, undone: false } },
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
      <h2 id="habits-title">Today's habits</h2>
      <ul class="habits" data-testid="habits">
        {rows.map(({ habit, today: done }) => {
          const target = habit.schedule.type === "daily" ? habit.schedule.perDay : 1;
          const last = done.at(-1);
          return (
            <li key={habit.id}>
              <span>
                {habit.name} — {Math.min(done.length, target)}/{target}
                {done.some((c) => c.pending) ? <span class="pending"> · waiting to sync</span> : null}
              </span>{" "}
              <button
                type="button"
                aria-label={`Done: ${habit.name}`}
                disabled={done.length >= target}
                onClick={() => void complete(habit)}
              >
                Done
              </button>{" "}
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
