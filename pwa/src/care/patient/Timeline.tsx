import { useEffect, useState } from "preact/hooks";
import type { PatientViewResponse, TimelineItem } from "../../../../shared/schemas/staff";
import type { QuestView } from "../../../../shared/schemas/views";
import { api } from "../../api/session";
import { RangePicker } from "../../screens/SpiritHistory";
import { bodyOf, CareRequestError, NEEDS_CONNECTION } from "../care-data";
import { FlagHistory } from "../FlagActions";
import { FlagLevelBadge } from "../FlagBadges";
import { CATEGORY_NAMES, dateTime, FLAG_SOURCE_NAMES, FLAG_STATUS_NAMES } from "../labels";
import { type DashboardRange, dayLabel } from "./Charts";

/** A quest's moments on the timeline: assigned or added, and finished. */
export type QuestEvent = { kind: "quest"; id: string; at: string; what: "added" | "done"; quest: QuestView };
export type Entry = TimelineItem | QuestEvent;

/**
 * The timeline as shown: the server's pages (moods, completions, questionnaires, flags; newest
 * first) with the quests' moments merged in where they fall. Only moments no older than the
 * oldest entry loaded so far, or all of the range once the last page is in, so "Load older"
 * never shows a quest above entries that belong before it.
 */
export function mergeQuests(
  items: readonly TimelineItem[],
  quests: readonly QuestView[],
  range: { from: string; to: string },
  complete: boolean,
): Entry[] {
  const oldest = complete ? range.from : (items.at(-1)?.at ?? range.to);
  const events: QuestEvent[] = [];
  for (const quest of quests) {
    const moments: [QuestEvent["what"], string][] = [["added", quest.createdAt]];
    if (quest.status === "done") moments.push(["done", quest.updatedAt]);
    for (const [what, at] of moments) {
      if (Date.parse(at) >= Date.parse(oldest) && Date.parse(at) < Date.parse(range.to))
        events.push({ kind: "quest", id: `${quest.id}:${what}`, at, what, quest });
    }
  }
  return [...items, ...events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** A PHQ-9 or GAD-7 band, as a class for its colour. */
const bandClass = (severity: string) => `band band-${severity.replace(/\s+/g, "-")}`;

/** An instant's date ("2026-03-02") and time ("14:05") on the patient's clock. */
export function patientClock(timeZone: string): (iso: string) => { day: string; time: string } {
  let day: Intl.DateTimeFormat;
  let time: Intl.DateTimeFormat;
  try {
    day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    time = new Intl.DateTimeFormat(undefined, { timeZone, hour: "2-digit", minute: "2-digit" });
  } catch {
    // A zone this browser does not know: UTC, said as such by the caller's heading.
    day = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
    time = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", hour: "2-digit", minute: "2-digit" });
  }
  return (iso) => ({ day: day.format(Date.parse(iso)), time: time.format(Date.parse(iso)) });
}

function EntryBody({ entry, habitNames }: { entry: Entry; habitNames: ReadonlyMap<string, string> }) {
  switch (entry.kind) {
    case "mood":
      return (
        <>
          <p class="entry-title">
            Check-in: mood {entry.mood}/10, sleep quality {entry.sleepQuality}/10
            {entry.sleepHours !== null ? `, ${entry.sleepHours} h sleep` : ""}
          </p>
          {entry.tags.length > 0 ? <p class="muted">Tags: {entry.tags.join(", ")}</p> : null}
          {entry.note ? <p class="entry-note">“{entry.note}”</p> : null}
        </>
      );
    case "completion":
      return <p class="entry-title">Habit done: {habitNames.get(entry.habitId) ?? "a habit since deleted"}</p>;
    case "assessment":
      if (entry.instrument === "C-SSRS")
        return (
          <p class="entry-title">
            C-SSRS screener:{" "}
            {entry.level === null ? (
              "no risk indicated"
            ) : (
              <>
                <FlagLevelBadge level={entry.level} />
                {entry.category ? ` ${CATEGORY_NAMES[entry.category as keyof typeof CATEGORY_NAMES]}` : ""}
              </>
            )}
          </p>
        );
      return (
        <p class="entry-title">
          {entry.instrument}: score {entry.score}{" "}
          <span class={bandClass(entry.severity)} data-band={entry.severity}>
            {entry.severity}
          </span>
        </p>
      );
    case "riskFlag":
      return (
        <>
          <p class="entry-title">
            Risk flag <FlagLevelBadge level={entry.level} /> {FLAG_SOURCE_NAMES[entry.source]}
            {entry.category ? ` · ${CATEGORY_NAMES[entry.category]}` : ""} · {FLAG_STATUS_NAMES[entry.status]}
          </p>
          <FlagHistory flag={entry} />
        </>
      );
    case "quest":
      return (
        <p class="entry-title">
          Quest {entry.what === "added" ? "added" : "finished"}: {entry.quest.title}
        </p>
      );
  }
}

const KIND_NAMES: Record<Entry["kind"], string> = {
  mood: "Check-in",
  completion: "Habit",
  assessment: "Questionnaire",
  riskFlag: "Risk flag",
  quest: "Quest",
};

/**
 * One timeline of the patient's check-ins (mood and sleep), habit completions, quests,
 * questionnaires (PHQ-9 and GAD-7 with their bands, C-SSRS) and risk flags over the range, newest
 * first and grouped by day; older pages on demand ("Load older", online only).
 */
export function Timeline({
  patientId,
  view,
  range,
  onRange,
}: {
  patientId: string;
  view: PatientViewResponse;
  range: DashboardRange;
  onRange: (range: DashboardRange) => void;
}) {
  // The range the shown data covers (a saved copy may be of another range than the one picked).
  const days = view.days.length;
  const [older, setOlder] = useState<{ items: TimelineItem[]; cursor: string | null; hasMore: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A new first page (another range, a refresh) starts the list again.
  useEffect(() => {
    setOlder(null);
    setError(null);
  }, [view]);

  const items = [...view.timeline.items, ...(older?.items ?? [])];
  const cursor = older ? older.cursor : view.timeline.cursor;
  const hasMore = older ? older.hasMore : view.timeline.hasMore;
  const entries = mergeQuests(items, view.quests, view.range, !hasMore);
  const habitNames = new Map(view.habits.map((h) => [h.id, h.name]));

  async function loadOlder() {
    if (!cursor || busy) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api.staff.patients[":id"]
        .$get({ param: { id: patientId }, query: { days: String(days), cursor } })
        .then((res) => bodyOf<PatientViewResponse>(res));
      setOlder((o) => ({
        items: [...(o?.items ?? []), ...page.timeline.items],
        cursor: page.timeline.cursor,
        hasMore: page.timeline.hasMore,
      }));
    } catch (e) {
      setError(e instanceof CareRequestError ? e.message : NEEDS_CONNECTION);
    } finally {
      setBusy(false);
    }
  }

  const clock = patientClock(view.patient.timezone);
  const groups: { day: string; entries: Entry[] }[] = [];
  for (const entry of entries) {
    const { day } = clock(entry.at);
    const last = groups.at(-1);
    if (last && last.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }

  return (
    <section class="card care-section" aria-labelledby="timeline-title" data-testid="timeline">
      <div class="section-head">
        <h3 id="timeline-title">Timeline, last {days} days</h3>
        <RangePicker range={range} onChange={(r) => onRange(r as DashboardRange)} />
      </div>
      <p class="muted">Newest first; days and times on the patient's clock ({view.patient.timezone}).</p>
      {entries.length === 0 ? (
        <p>Nothing recorded in this time.</p>
      ) : (
        groups.map((g) => (
          <section key={g.day} class="timeline-day" aria-label={dayLabel(g.day)}>
            <h4>{dayLabel(g.day)}</h4>
            <ol class="timeline">
              {g.entries.map((entry) => (
                <li
                  key={`${entry.kind}:${entry.id}`}
                  class={`entry entry-${entry.kind}${entry.kind === "riskFlag" ? ` ${entry.level}` : ""}`}
                  data-kind={entry.kind}
                >
                  <span class="entry-time">
                    <time dateTime={entry.at} title={dateTime(entry.at)}>
                      {clock(entry.at).time}
                    </time>
                    <span class="entry-kind">{KIND_NAMES[entry.kind]}</span>
                  </span>
                  <div class="entry-body">
                    <EntryBody entry={entry} habitNames={habitNames} />
                  </div>
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
      {hasMore ? (
        <p>
          <button type="button" class="secondary" onClick={() => void loadOlder()} disabled={busy}>
            {busy ? "Loading…" : "Load older"}
          </button>
        </p>
      ) : entries.length > 0 ? (
        <p class="muted">That is everything in the last {days} days.</p>
      ) : null}
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
