import { useState } from "preact/hooks";
import { FLAG_LEVELS } from "../../../shared/domain/risk-flags";
import type { PatientSummary } from "../../../shared/schemas/staff";
import { api } from "../api/session";
import { Link } from "../ui/Link";
import { bodyOf, useCareData } from "./care-data";
import { DataState } from "./DataState";
import { FlagBadges } from "./FlagBadges";
import { sinceText } from "./labels";
import { Sparkline, sparklineLabel } from "./Sparkline";
import type { CareScreenProps } from "./screens";

type SortKey = "name" | "lastSync" | "mood" | "adherence" | "flags";
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Patient" },
  { key: "flags", label: "Open flags" },
  { key: "mood", label: "Mood, 7 days" },
  { key: "adherence", label: "Adherence, 7 days" },
  { key: "lastSync", label: "Last sync" },
];

const levelRank = (p: PatientSummary) =>
  p.highestOpenFlag ? FLAG_LEVELS.indexOf(p.highestOpenFlag) : FLAG_LEVELS.length;

/** Nulls last whichever way the column sorts. */
function compareNullable(a: number | null, b: number | null, dir: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (a - b) * dir;
}

/** The caseload's order: anyone with a high flag first (always), then the chosen column. */
export function sortCaseload(items: readonly PatientSummary[], key: SortKey, dir: 1 | -1): PatientSummary[] {
  const byColumn = (a: PatientSummary, b: PatientSummary): number => {
    switch (key) {
      case "name":
        return a.displayName.localeCompare(b.displayName) * dir;
      case "lastSync":
        return compareNullable(
          a.lastSyncAt ? Date.parse(a.lastSyncAt) : null,
          b.lastSyncAt ? Date.parse(b.lastSyncAt) : null,
          dir,
        );
      case "mood":
        return compareNullable(a.moodAverage7d, b.moodAverage7d, dir);
      case "adherence":
        return compareNullable(a.adherence7d, b.adherence7d, dir);
      case "flags":
        return (levelRank(a) - levelRank(b)) * -dir || (a.openFlags - b.openFlags) * dir;
    }
  };
  const high = (p: PatientSummary) => (p.highestOpenFlag === "high" ? 0 : 1);
  return [...items].sort((a, b) => high(a) - high(b) || byColumn(a, b) || a.displayName.localeCompare(b.displayName));
}

function trendText(trend: number | null): { arrow: string; words: string } {
  if (trend === null) return { arrow: "", words: "" };
  if (Math.abs(trend) < 0.5) return { arrow: "→", words: "steady on the week before" };
  return trend > 0
    ? { arrow: "↑", words: `up ${trend.toFixed(1)} on the week before` }
    : { arrow: "↓", words: `down ${Math.abs(trend).toFixed(1)} on the week before` };
}

function loadCaseload(): Promise<{ items: PatientSummary[] }> {
  return api.staff.patients.$get({ query: {} }).then((res) => bodyOf<{ items: PatientSummary[] }>(res));
}

/**
 * The caseload: every assigned patient with their last sync, the week's mood (average, trend
 * and a sparkline), adherence by the one rule, and unresolved flags; anyone with a high flag
 * on top and marked. Sorted by any column and searched by name, on this device (offline too).
 */
export default function Caseload(_: CareScreenProps) {
  const data = useCareData("caseload", loadCaseload);
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "flags", dir: 1 });
  const items = data.data?.items ?? [];
  const needle = query.trim().toLocaleLowerCase();
  const shown = sortCaseload(
    items.filter((p) => p.displayName.toLocaleLowerCase().includes(needle)),
    sort.key,
    sort.dir,
  );

  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Caseload
      </h2>
      <DataState data={data} what="your caseload" />
      {data.data ? (
        <>
          <div class="toolbar">
            <label>
              Search by name{" "}
              <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} maxLength={100} />
            </label>
            <p class="muted" role="status">
              {shown.length === items.length
                ? `${items.length} patients`
                : `${shown.length} of ${items.length} patients`}
            </p>
          </div>
          {items.length === 0 ? (
            <p>No patients are assigned to you yet. An admin assigns patients to their care team.</p>
          ) : shown.length === 0 ? (
            <p>No patient's name contains “{query.trim()}”.</p>
          ) : (
            <div class="table-wrap">
              <table class="caseload" data-testid="caseload">
                <caption class="visually-hidden">Your patients; anyone with a high flag is listed first</caption>
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th
                        key={c.key}
                        scope="col"
                        aria-sort={sort.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
                      >
                        <button
                          type="button"
                          class="sort"
                          onClick={() =>
                            setSort((s) => ({ key: c.key, dir: s.key === c.key ? (s.dir === 1 ? -1 : 1) : 1 }))
                          }
                        >
                          {c.label}
                          <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}</span>
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((p) => {
                    const trend = trendText(p.moodTrend);
                    return (
                      <tr key={p.id} class={p.highestOpenFlag === "high" ? "urgent" : undefined} data-patient={p.id}>
                        <th scope="row">
                          <Link href={`/patients/${p.id}`}>{p.displayName}</Link>
                          {p.unacknowledgedFlags > 0 ? (
                            <span class="new-flags"> {p.unacknowledgedFlags} not yet acknowledged</span>
                          ) : null}
                        </th>
                        <td>
                          <FlagBadges byLevel={p.openFlagsByLevel} />
                        </td>
                        <td class="mood">
                          <Sparkline values={p.moodDaily7d} label={sparklineLabel(p.moodDaily7d)} />
                          <span>
                            {p.moodAverage7d === null ? "No check-ins" : `${p.moodAverage7d.toFixed(1)} / 10`}{" "}
                            {trend.arrow ? (
                              <span class="trend" title={trend.words}>
                                <span aria-hidden="true">{trend.arrow}</span>
                                <span class="visually-hidden">{trend.words}</span>
                              </span>
                            ) : null}
                          </span>
                        </td>
                        <td>{p.adherence7d === null ? "Nothing asked yet" : `${Math.round(p.adherence7d * 100)}%`}</td>
                        <td>{sinceText(p.lastSyncAt)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </>
  );
}
