import { useState } from "preact/hooks";
import type { PatientSummary } from "../../../shared/schemas/staff";
import { api } from "../api/session";
import { Link } from "../ui/Link";
import { bodyOf, useCareData } from "./care-data";
import { type SortKey, sortCaseload } from "./caseload-order";
import { DataState } from "./DataState";
import { FlagBadges } from "./FlagBadges";
import { sinceText, trendText } from "./labels";
import { Sparkline, sparklineLabel } from "./Sparkline";
import type { CareScreenProps } from "./screens";

/**
 * The columns, each with the order its first click gives: the one a clinician wants first (the
 * lowest mood and adherence, the most urgent flags, the latest sync).
 */
const COLUMNS: { key: SortKey; label: string; first: "ascending" | "descending" }[] = [
  { key: "name", label: "Patient", first: "ascending" },
  { key: "flags", label: "Open flags", first: "descending" },
  { key: "mood", label: "Mood, 7 days", first: "ascending" },
  { key: "adherence", label: "Adherence, 7 days", first: "ascending" },
  { key: "lastSync", label: "Last sync", first: "descending" },
];

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
  const [sort, setSort] = useState<{ key: SortKey; order: "ascending" | "descending" }>({
    key: "flags",
    order: "descending",
  });
  const items = data.data?.items ?? [];
  const needle = query.trim().toLocaleLowerCase();
  const shown = sortCaseload(
    items.filter((p) => p.displayName.toLocaleLowerCase().includes(needle)),
    sort.key,
    sort.order,
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
                      <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.order : undefined}>
                        <button
                          type="button"
                          class="sort"
                          onClick={() =>
                            setSort((s) => ({
                              key: c.key,
                              order: s.key !== c.key ? c.first : s.order === "ascending" ? "descending" : "ascending",
                            }))
                          }
                        >
                          {c.label}
                          <span aria-hidden="true">
                            {sort.key === c.key ? (sort.order === "ascending" ? " ▲" : " ▼") : ""}
                          </span>
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
                        <td>
                          <span class="mood">
                            <Sparkline values={p.moodDaily7d} label={sparklineLabel(p.moodDaily7d)} />
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
