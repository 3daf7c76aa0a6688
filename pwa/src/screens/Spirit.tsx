import { useState } from "preact/hooks";
import type { HistoryRange } from "../../../shared/domain/check-in-history";
import { xpForLevel } from "../../../shared/domain/progression";
import { useEntities } from "../data/entities";
import { streakOf } from "../data/habit-days";
import { useProgress } from "../data/progress";
import type { CompletionView, HabitView } from "../data/types";
import { useLocalDay } from "../data/use-local-day";
import { Link } from "../ui/Link";
import { Adherence, CheckInHistory, RangePicker } from "./SpiritHistory";
import { Insights } from "./spirit/Insights";
import type { ScreenProps } from "./types";
import "./spirit.css";

const count = new Intl.NumberFormat("en-GB");

/**
 * Spirit (profile): level, XP toward the next level, tier, coins, streaks, the year in pixels and
 * mood patterns, mood and sleep history over 7 / 30 / 90 days, and habit adherence. Everything comes from the device's copy
 * (the full history arrives through sync), so it all works offline.
 */
export default function Spirit({ user }: ScreenProps) {
  const [range, setRange] = useState<HistoryRange>(30);
  const today = useLocalDay(user);
  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Spirit
      </h2>
      <Progress user={user} />
      <Streaks {...{ user, today }} />
      <Insights user={user} today={today} />
      <section class="card" aria-labelledby="history-title">
        <h3 id="history-title">How you've been</h3>
        <RangePicker range={range} onChange={setRange} />
        <CheckInHistory range={range} today={today} />
      </section>
      <Adherence range={range} today={today} user={user} />
    </>
  );
}

function Progress({ user }: Pick<ScreenProps, "user">) {
  const progress = useProgress(user);
  if (!progress) {
    return (
      <section class="card" aria-labelledby="progress-title">
        <h3 id="progress-title">Your progress</h3>
        <p>Your level and coins show here after the first sync.</p>
      </section>
    );
  }
  const { view } = progress;
  const span = xpForLevel(view.level + 1) - xpForLevel(view.level);
  return (
    <section class="card" aria-labelledby="progress-title">
      <h3 id="progress-title">Your progress</h3>
      <p class="spirit-level" data-testid="spirit-level">
        Level <strong>{view.level}</strong> · <span data-testid="spirit-tier">{view.tier}</span>
      </p>
      <label class="xp-bar">
        <span>
          {count.format(view.xpIntoLevel)} of {count.format(span)} XP toward level {view.level + 1}
        </span>
        <progress max={span} value={view.xpIntoLevel} />
      </label>
      <p class="muted">
        {count.format(view.xpForNextLevel)} XP to go · {count.format(view.xp)} XP in all
      </p>
      <p data-testid="spirit-coins">
        <strong>{count.format(view.coins)}</strong> coins to spend on <Link href="/pet">your pet</Link>
      </p>
    </section>
  );
}

function Streaks({ user, today }: Pick<ScreenProps, "user"> & { today: string }) {
  const habits = useEntities<HabitView>("habit")
    .filter((h) => !h.archived && !h.rejected)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const completions = useEntities<CompletionView>("completion");
  return (
    <section class="card" aria-labelledby="streaks-title">
      <h3 id="streaks-title">Streaks</h3>
      {habits.length === 0 ? (
        <p>
          Streaks grow from habits. <Link href="/habits">Add a small one</Link> when you feel ready.
        </p>
      ) : (
        <ul class="rows" data-testid="streaks">
          {habits.map((habit) => {
            const streak = streakOf(habit, completions, user, today);
            return (
              <li key={habit.id}>
                <span class="grow">{habit.name}</span>
                <span>
                  {streak.current > 0 ? `${streak.current}-day streak` : "Ready for a fresh start"}
                  <span class="muted">
                    {" "}
                    · best {streak.best} day{streak.best === 1 ? "" : "s"}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
