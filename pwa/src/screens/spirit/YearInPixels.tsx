import {
  type CheckInRecord,
  MOOD_LEVELS,
  type MonthSummary,
  monthSummaries,
  moodDays,
  moodLevelRange,
  type PixelMonth,
  yearInPixels,
} from "../../../../shared/domain/insights";
import { friendlyDay } from "../../ui/dates";
import { monthName, monthSentence, oneDecimal, pixelTitle } from "./insight-text";

/** A square's side and the gap between squares, in SVG units (the drawing scales with its box). */
const CELL = 10;
const GAP = 2;
const STEP = CELL + GAP;

/**
 * The "year in pixels": one small calendar per month for the last twelve months, each day a
 * square coloured by that local day's average mood (blank without a check-in), today outlined.
 * Each month is an image whose name is its summary in words, each square has its own title, and
 * the same summaries are a table below, so nothing depends on telling colours apart.
 */
export function YearInPixels({ checkIns, today }: { checkIns: readonly CheckInRecord[]; today: string }) {
  const months = yearInPixels(moodDays(checkIns), today);
  const summaries = monthSummaries(
    checkIns,
    months.map((m) => m.month),
  );
  return (
    <section class="card" aria-labelledby="pixels-title">
      <h3 id="pixels-title">Your year in pixels</h3>
      <p class="muted">Each square is a day, coloured by your mood that day. Blank days are days without a check-in.</p>
      <Legend />
      <ol class="pixel-months" data-testid="year-in-pixels">
        {months.map((month, i) => (
          <li key={month.month}>
            <MonthGrid month={month} summary={summaries[i]} today={today} first={i === 0} />
          </li>
        ))}
      </ol>
      <details class="chart-table pixels-table">
        <summary>Show each month in words</summary>
        <table data-testid="pixels-table">
          <caption>Check-ins and mood by month, last 12 months</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Check-ins</th>
              <th scope="col">Average mood</th>
              <th scope="col">Most used tag</th>
            </tr>
          </thead>
          <tbody>
            {[...summaries].reverse().map((s) => (
              <tr key={s.month}>
                <th scope="row">{monthName(s.month, true)}</th>
                <td>{s.checkIns}</td>
                <td>{oneDecimal(s.averageMood)}</td>
                <td>{s.topTag ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function MonthGrid({
  month,
  summary,
  today,
  first,
}: {
  month: PixelMonth;
  summary: MonthSummary | undefined;
  today: string;
  first: boolean;
}) {
  const rows = Math.ceil((month.lead + month.days.length) / 7) || 1;
  const label = summary ? monthSentence(summary) : monthName(month.month, true);
  return (
    <figure class="pixel-month">
      <figcaption aria-hidden="true">
        {monthName(month.month, first || month.month.endsWith("-01"), "short")}
      </figcaption>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${7 * STEP - GAP + 2} ${rows * STEP - GAP + 2}`}
        data-month={month.month}
      >
        {month.days.map((day, i) => {
          const cell = month.lead + i;
          return (
            <rect
              key={day.localDay}
              x={1 + (cell % 7) * STEP}
              y={1 + Math.floor(cell / 7) * STEP}
              width={CELL}
              height={CELL}
              rx={2}
              class={`pixel pixel-${day.level}${day.localDay === today ? " pixel-today" : ""}`}
              data-day={day.localDay}
              data-level={day.level}
            >
              <title>{pixelTitle(friendlyDay(day.localDay, today), day.mood, day.checkIns)}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}

/** The colour scale in words and swatches, plus the blank and today squares. */
function Legend() {
  const levels = Array.from({ length: MOOD_LEVELS }, (_, i) => i + 1);
  return (
    <ul class="pixel-legend" aria-label="Colour key">
      {levels.map((level) => {
        const [low, high] = moodLevelRange(level);
        return (
          <li key={level}>
            <svg viewBox="0 0 12 12" aria-hidden="true">
              <rect x={1} y={1} width={CELL} height={CELL} rx={2} class={`pixel pixel-${level}`} />
            </svg>
            mood {low}–{high}
          </li>
        );
      })}
      <li>
        <svg viewBox="0 0 12 12" aria-hidden="true">
          <rect x={1} y={1} width={CELL} height={CELL} rx={2} class="pixel pixel-0" />
        </svg>
        no check-in
      </li>
      <li>
        <svg viewBox="0 0 12 12" aria-hidden="true">
          <rect x={1} y={1} width={CELL} height={CELL} rx={2} class="pixel pixel-0 pixel-today" />
        </svg>
        today
      </li>
    </ul>
  );
}
