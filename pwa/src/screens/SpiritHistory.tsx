import { habitAdherence } from "../../../shared/domain/adherence";
import {
  dailyAverages,
  HISTORY_RANGES,
  type HistoryRange,
  inLastDays,
  lastDays,
  type ScoreSummary,
  summariseScores,
} from "../../../shared/domain/check-in-history";
import { localDay } from "../../../shared/domain/local-day";
import type { PublicUser } from "../../../shared/schemas/auth";
import { accepted, useEntities } from "../data/entities";
import { countsByDay } from "../data/habit-days";
import type { CompletionView, HabitView, MoodView } from "../data/types";
import { friendlyDay } from "../ui/dates";
import { TimeChart } from "../ui/TimeChart";

/** Line colours at least 3:1 against both themes' cards (white and the dark #1f2724). */
const MOOD_COLOUR = "#33917a";
const SLEEP_COLOUR = "#8a6fd1";

/** The 7 / 30 / 90-day segmented control: native radios, so arrows, Tab and screen readers just work. */
export function RangePicker({ range, onChange }: { range: HistoryRange; onChange: (range: HistoryRange) => void }) {
  return (
    <fieldset class="segmented">
      <legend>Show the last</legend>
      {HISTORY_RANGES.map((days) => (
        <label key={days}>
          <input
            type="radio"
            name="history-range"
            value={days}
            checked={range === days}
            onChange={() => onChange(days)}
          />
          <span>{days} days</span>
        </label>
      ))}
    </fieldset>
  );
}

/** "Mood over the last 30 days: average 6.2, from 3 to 9, across 21 check-ins." */
function describe(what: string, range: number, s: ScoreSummary): string {
  if (s.average === null || s.min === null || s.max === null)
    return `${what} over the last ${range} days: no check-ins yet.`;
  const checkIns = `${s.count} check-in${s.count === 1 ? "" : "s"}`;
  return `${what} over the last ${range} days: average ${s.average.toFixed(1)}, from ${s.min} to ${s.max}, across ${checkIns}.`;
}

const oneDecimal = (v: number | null) => (v === null ? "—" : String(Math.round(v * 10) / 10));

/** Mood and sleep-quality charts over the window, each with a spoken summary, and the numbers as a table. */
export function CheckInHistory({ range, today }: { range: HistoryRange; today: string }) {
  const moods = accepted(useEntities<MoodView>("mood")).filter((m) => inLastDays(m.localDay, today, range));
  const days = lastDays(today, range);
  const mood = summariseScores(moods.map((m) => m.mood));
  const sleep = summariseScores(moods.map((m) => m.sleepQuality));
  const moodByDay = dailyAverages(
    moods.map((m) => ({ localDay: m.localDay, value: m.mood })),
    days,
  );
  const sleepByDay = dailyAverages(
    moods.map((m) => ({ localDay: m.localDay, value: m.sleepQuality })),
    days,
  );
  const perDay = new Map<string, number>();
  for (const m of moods) perDay.set(m.localDay, (perDay.get(m.localDay) ?? 0) + 1);
  const rows = days.map((day, i) => ({ day, mood: moodByDay[i] ?? null, sleep: sleepByDay[i] ?? null })).reverse();
  const moodSummary = describe("Mood", range, mood);
  const sleepSummary = describe("Sleep quality", range, sleep);

  return (
    <>
      <div class="chart-block">
        <h4 id="mood-chart-title">Mood (1–10)</h4>
        <p class="muted" data-testid="mood-summary">
          {moodSummary}
        </p>
        <TimeChart
          summary={moodSummary}
          days={days}
          values={moodByDay}
          name="Mood"
          range={[1, 10]}
          color={MOOD_COLOUR}
          testId="mood-chart"
        />
      </div>
      <div class="chart-block">
        <h4 id="sleep-chart-title">Sleep quality (0–10)</h4>
        <p class="muted" data-testid="sleep-summary">
          {sleepSummary}
        </p>
        <TimeChart
          summary={sleepSummary}
          days={days}
          values={sleepByDay}
          name="Sleep quality"
          range={[0, 10]}
          color={SLEEP_COLOUR}
          testId="sleep-chart"
        />
      </div>
      {moods.length > 0 ? (
        <details class="chart-table">
          <summary>Show these check-ins as a table</summary>
          <table data-testid="history-table">
            <caption>Daily average mood and sleep quality, last {range} days</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Mood</th>
                <th scope="col">Sleep quality</th>
                <th scope="col">Check-ins</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => perDay.has(r.day))
                .map((r) => (
                  <tr key={r.day}>
                    <th scope="row">{friendlyDay(r.day, today)}</th>
                    <td>{oneDecimal(r.mood)}</td>
                    <td>{oneDecimal(r.sleep)}</td>
                    <td>{perDay.get(r.day)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      ) : (
        <p>Your check-ins from the Today screen will draw these charts.</p>
      )}
    </>
  );
}

/** Each habit's share of its scheduled target met over the window (the shared adherence rule). */
export function Adherence({ range, today, user }: { range: HistoryRange; today: string; user: PublicUser }) {
  const habits = useEntities<HabitView>("habit")
    .filter((h) => !h.archived && !h.rejected)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const completions = useEntities<CompletionView>("completion");
  const from = lastDays(today, range)[0] ?? today;
  return (
    <section class="card" aria-labelledby="adherence-title">
      <h3 id="adherence-title">Habits kept, last {range} days</h3>
      {habits.length === 0 ? (
        <p>Once you have habits, this shows how often you met what you planned. Every bit counts.</p>
      ) : (
        <ul class="adherence" data-testid="adherence">
          {habits.map((habit) => {
            const created = localDay(Date.parse(habit.createdAt), user.timezone, user.dayStartHour);
            const a = habitAdherence(habit.schedule, countsByDay(habit.id, completions), created, from, today);
            const id = `adherence-${habit.id}`;
            return (
              <li key={habit.id}>
                {a.share === null ? (
                  <p>
                    <span class="grow">{habit.name}</span> <span class="muted">nothing scheduled yet</span>
                  </p>
                ) : (
                  <>
                    <label for={id}>
                      <span class="grow">{habit.name}</span> <strong>{Math.round(a.share * 100)}%</strong>
                    </label>
                    <meter id={id} min={0} max={100} value={Math.round(a.share * 100)}>
                      {Math.round(a.share * 100)}%
                    </meter>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p class="muted">Today counts once its target is met, so an unfinished day never pulls this down.</p>
    </section>
  );
}
