import { FLAG_LEVELS } from "../../../shared/domain/risk-flags";
import type { PatientSummary } from "../../../shared/schemas/staff";

/** The caseload's sortable columns. */
export type SortKey = "name" | "lastSync" | "mood" | "adherence" | "flags";

const levelRank = (p: PatientSummary) =>
  p.highestOpenFlag ? FLAG_LEVELS.indexOf(p.highestOpenFlag) : FLAG_LEVELS.length;

/** Nulls last whichever way the column sorts. */
function compareNullable(a: number | null, b: number | null, dir: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (a - b) * dir;
}

/** The caseload's order: anyone with a high flag first (always), then the chosen column. */
export function sortCaseload(
  items: readonly PatientSummary[],
  key: SortKey,
  order: "ascending" | "descending",
): PatientSummary[] {
  const dir = order === "ascending" ? 1 : -1;
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
        // Descending: the most urgent level first, then the most flags.
        return (levelRank(b) - levelRank(a)) * dir || (a.openFlags - b.openFlags) * dir;
    }
  };
  const high = (p: PatientSummary) => (p.highestOpenFlag === "high" ? 0 : 1);
  return [...items].sort((a, b) => high(a) - high(b) || byColumn(a, b) || a.displayName.localeCompare(b.displayName));
}
