import type { PatientDay, PatientViewResponse } from "../../../../shared/schemas/staff";
import { RangePicker } from "../../screens/SpiritHistory";
import "../../screens/spirit.css";
import { TimeChart } from "../../ui/TimeChart";

/** The dashboard's ranges: the patient's last 7, 30 or 90 local days (the same as their Spirit screen's). */
export type DashboardRange = 7 | 30 | 90;

const MOOD_COLOUR = "#2f6f5e";
const SLEEP_COLOUR = "#5b3f8c";
const ADHERENCE_COLOUR = "#8a4b08";

const dayName = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
/** A local day ("2026-03-02") as a reader sees it ("Mon 2 Mar"), the same day in every zone. */
export function dayLabel(day: string): string {
  return dayName.format(Date.parse(`${day}T00:00:00Z`));
}

/** What one series over the window comes to, in words: the chart's text alternative. */
export function describeSeries(
  what: string,
  days: readonly PatientDay[],
  pick: (d: PatientDay) => number | null,
  format: (n: number) => string,
): string {
  const values = days.map(pick).filter((v): v is number => v !== null);
  const span = `${what} over the last ${days.length} days`;
  if (values.length === 0) return `${span}: nothing recorded.`;
  const average = values.reduce((a, b) => a + b, 0) / values.length;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const count = `${values.length} day${values.length === 1 ? "" : "s"} with a figure`;
  return `${span}: average ${format(average)}, from ${format(low)} to ${format(high)}, across ${count}.`;
}

const score = (n: number) => (Math.round(n * 10) / 10).toString();
const percent = (n: number) => `${Math.round(n)}%`;

/**
 * Mood, sleep quality and habits kept, day by day over the chosen range, drawn by the same uPlot
 * chart as the patient's Spirit screen (ui/TimeChart.tsx), each with its summary in words and the
 * numbers as a table. Adherence is each day's share of the live habits kept over the 7 days up to
 * it, by the one rule (shared/domain/adherence.ts): the caseload's figure as it stood that day.
 */
export function DashboardCharts({
  view,
  range,
  onRange,
}: {
  view: PatientViewResponse;
  range: DashboardRange;
  onRange: (range: DashboardRange) => void;
}) {
  const days = view.days;
  const dayList = days.map((d) => d.day);
  const moodSummary = describeSeries("Mood", days, (d) => d.mood, score);
  const sleepSummary = describeSeries("Sleep quality", days, (d) => d.sleep, score);
  const adherence = days.map((d) => (d.adherence7d === null ? null : d.adherence7d * 100));
  const adherenceSummary = describeSeries(
    "Habits kept (the 7 days up to each day)",
    days,
    (d) => (d.adherence7d === null ? null : d.adherence7d * 100),
    percent,
  );
  const recorded = days.filter((d) => d.mood !== null || d.adherence7d !== null);
  return (
    <section class="card care-section" aria-labelledby="charts-title" data-testid="dashboard-charts">
      <div class="section-head">
        <h3 id="charts-title">Mood, sleep and habits</h3>
        <RangePicker range={range} onChange={(r) => onRange(r as DashboardRange)} />
      </div>
      <p class="muted" data-testid="charts-range">
        The patient's last {days.length} days, {days[0] ? dayLabel(days[0].day) : ""} to{" "}
        {days.at(-1) ? dayLabel(days.at(-1)?.day ?? "") : ""}.{" "}
        {view.adherence === null
          ? "No habit was asked of them in this time."
          : `Habits kept over these days: ${Math.round(view.adherence * 100)}%.`}
      </p>
      <div class="chart-grid">
        <div class="chart-block">
          <h4>Mood (1–10)</h4>
          <p class="muted">{moodSummary}</p>
          <TimeChart
            summary={moodSummary}
            days={dayList}
            values={days.map((d) => d.mood)}
            name="Mood"
            range={[1, 10]}
            color={MOOD_COLOUR}
            testId="dashboard-mood-chart"
          />
        </div>
        <div class="chart-block">
          <h4>Sleep quality (0–10)</h4>
          <p class="muted">{sleepSummary}</p>
          <TimeChart
            summary={sleepSummary}
            days={dayList}
            values={days.map((d) => d.sleep)}
            name="Sleep quality"
            range={[0, 10]}
            color={SLEEP_COLOUR}
            testId="dashboard-sleep-chart"
          />
        </div>
        <div class="chart-block">
          <h4>Habits kept, 7 days to each day (%)</h4>
          <p class="muted">{adherenceSummary}</p>
          <TimeChart
            summary={adherenceSummary}
            days={dayList}
            values={adherence}
            name="Habits kept"
            range={[0, 100]}
            color={ADHERENCE_COLOUR}
            testId="dashboard-adherence-chart"
          />
        </div>
      </div>
      {recorded.length > 0 ? (
        <details class="chart-table">
          <summary>Show these days as a table</summary>
          <div class="table-wrap">
            <table>
              <caption>Daily mood and sleep quality (averages) and habits kept, last {days.length} days</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Mood</th>
                  <th scope="col">Sleep quality</th>
                  <th scope="col">Habits kept, 7 days</th>
                </tr>
              </thead>
              <tbody>
                {[...recorded].reverse().map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{dayLabel(d.day)}</th>
                    <td>{d.mood === null ? "—" : score(d.mood)}</td>
                    <td>{d.sleep === null ? "—" : score(d.sleep)}</td>
                    <td>{d.adherence7d === null ? "—" : percent(d.adherence7d * 100)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}

/** Each habit's share of its schedule kept over the range (the same rule), archived ones marked. */
export function HabitAdherence({ view }: { view: PatientViewResponse }) {
  const habits = [...view.habits].sort((a, b) => Number(a.archived) - Number(b.archived));
  return (
    <section class="card care-section" aria-labelledby="habits-title" data-testid="dashboard-habits">
      <h3 id="habits-title">Habits, last {view.days.length} days</h3>
      {habits.length === 0 ? (
        <p>No habits yet.</p>
      ) : (
        <ul class="adherence">
          {habits.map((h) => {
            const id = `habit-kept-${h.id}`;
            const schedule =
              h.schedule.type === "daily"
                ? `${h.schedule.perDay} a day`
                : `${h.schedule.timesPerWeek} time${h.schedule.timesPerWeek === 1 ? "" : "s"} a week`;
            return (
              <li key={h.id}>
                {h.adherence === null ? (
                  <p>
                    <span class="grow">
                      {h.name} <span class="muted">({schedule})</span>
                      {h.archived ? <span class="muted"> · archived</span> : null}
                    </span>{" "}
                    <span class="muted">nothing asked in this time</span>
                  </p>
                ) : (
                  <>
                    <label for={id}>
                      <span class="grow">
                        {h.name} <span class="muted">({schedule})</span>
                        {h.archived ? <span class="muted"> · archived</span> : null}
                      </span>{" "}
                      <strong>{Math.round(h.adherence * 100)}%</strong>
                    </label>
                    <meter id={id} min={0} max={100} value={Math.round(h.adherence * 100)}>
                      {Math.round(h.adherence * 100)}%
                    </meter>
                  </>
                )}
                <span class="muted small">
                  {h.completions} completion{h.completions === 1 ? "" : "s"}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
