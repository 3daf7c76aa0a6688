import {
  type DayMood,
  habitPattern,
  MIN_PATTERN_DAYS,
  sleepHoursPattern,
  sleepQualityPattern,
} from "../../../../shared/domain/insights";
import { localDay } from "../../../../shared/domain/local-day";
import type { PublicUser } from "../../../../shared/schemas/auth";
import type { Local } from "../../data/entities";
import { countsByDay } from "../../data/habit-days";
import type { CompletionView, HabitView } from "../../data/types";
import { habitWords, type PatternWords, sleepHoursWords, sleepQualityWords } from "./insight-text";

/** The sleep the comparisons split at: 7 hours, and a rating of 7 out of 10. */
const SLEEP_HOURS = 7;
const SLEEP_RATING = 7;

interface Props {
  days: readonly DayMood[];
  habits: readonly Local<HabitView>[];
  completions: Local<CompletionView>[];
  user: PublicUser;
  today: string;
}

/**
 * Mood beside habits and sleep, from the patient's own check-ins: each comparison with its
 * numbers, shown only once both sides have enough days, and never as a cause.
 */
export function Patterns({ days, habits, completions, user, today }: Props) {
  const found: { key: string; title: string; words: PatternWords }[] = [];
  const waiting: string[] = [];
  for (const habit of habits) {
    const done = new Set([...countsByDay(habit.id, completions)].filter(([, n]) => n > 0).map(([day]) => day));
    const since = localDay(Date.parse(habit.createdAt), user.timezone, user.dayStartHour);
    const pattern = habitPattern(days, done, since, today);
    if (pattern) found.push({ key: habit.id, title: habit.name, words: habitWords(habit.name, pattern) });
    else waiting.push(habit.name);
  }
  const hours = sleepHoursPattern(days, SLEEP_HOURS);
  if (hours) found.push({ key: "sleep-hours", title: "Hours of sleep", words: sleepHoursWords(SLEEP_HOURS, hours) });
  const rating = sleepQualityPattern(days, SLEEP_RATING);
  if (rating)
    found.push({ key: "sleep-quality", title: "How you slept", words: sleepQualityWords(SLEEP_RATING, rating) });

  return (
    <section class="card" aria-labelledby="patterns-title">
      <h3 id="patterns-title">Patterns</h3>
      {found.length === 0 ? (
        <p data-testid="patterns-empty">
          Patterns show here once there are at least {MIN_PATTERN_DAYS} days on each side to compare, such as{" "}
          {MIN_PATTERN_DAYS} days with a habit and {MIN_PATTERN_DAYS} without. They grow from your check-ins, whenever
          it suits you.
        </p>
      ) : (
        <ul class="patterns" data-testid="patterns">
          {found.map((p) => (
            <li key={p.key} data-pattern={p.key}>
              <h4>{p.title}</h4>
              <p>{p.words.numbers}</p>
              <p class="muted">{p.words.tendency}</p>
            </li>
          ))}
        </ul>
      )}
      {found.length > 0 && waiting.length > 0 ? (
        <p class="muted">
          Not enough days yet to compare: {waiting.join(", ")}. Each needs {MIN_PATTERN_DAYS} days with it and{" "}
          {MIN_PATTERN_DAYS} without.
        </p>
      ) : null}
      <p class="muted">
        These are patterns in your own check-ins, not causes: many things shape a day. Habits are compared on finished
        days, so today joins tomorrow.
      </p>
    </section>
  );
}
