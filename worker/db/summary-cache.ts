/**
 * The staff caseload's computed figures per patient, kept in the isolate's memory between requests
 * (issue 15: a caseload of 200 within 2× a caseload of 5). Computing them (mood weeks, each habit's
 * adherence by the shared rule, the last sync) is most of a large caseload's work; they change
 * only when the patient writes, or as time passes.
 *
 * A kept entry is used only while all of these hold, so what a clinician sees is never older than
 * the patient's last write:
 *   - the patient's `summary_version` is the one it was computed at: triggers bump it in the same
 *     statement as every change to op records, moods, habits and completions (migrations/0016);
 *   - the patient's time zone and day-start hour are the same (they move local days);
 *   - it is younger than SUMMARY_MAX_AGE_MS, and not from the future (a clock set back): what moves
 *     with time alone (a mood leaving the 7-day window, the day turning) shows within that.
 * Risk flags and display names are never kept: the caseload reads them on every request.
 */
import type { PatientSummary } from "../../shared/schemas/staff";

/** How long computed figures are reused for a patient who has not written since. */
export const SUMMARY_MAX_AGE_MS = 60_000;

/** The figures kept: everything in a summary but who the patient is and their flags. */
export type SummaryFigures = Pick<
  PatientSummary,
  "lastSyncAt" | "moodAverage7d" | "moodTrend" | "moodDaily7d" | "adherence7d"
>;

/** What the figures were computed from, as read from the patient's row. */
export interface SummaryBasis {
  version: number;
  timezone: string;
  dayStartHour: number;
}

interface Kept extends SummaryBasis {
  at: number;
  figures: SummaryFigures;
}

/** Whether figures kept at `kept.at` from `kept` still stand for a patient whose row reads `now`. */
export function keptFiguresStand(kept: Kept, basis: SummaryBasis, now: number): boolean {
  return (
    kept.version === basis.version &&
    kept.timezone === basis.timezone &&
    kept.dayStartHour === basis.dayStartHour &&
    now >= kept.at &&
    now - kept.at < SUMMARY_MAX_AGE_MS
  );
}

export interface SummaryCache {
  get(patientId: string, basis: SummaryBasis, now: number): SummaryFigures | undefined;
  set(patientId: string, basis: SummaryBasis, now: number, figures: SummaryFigures): void;
}

/** A cache of at most `max` patients' figures, all forgotten when full (the patients in use come straight back). */
export function summaryCache(max = 10_000): SummaryCache {
  const kept = new Map<string, Kept>();
  return {
    get(patientId, basis, now) {
      const entry = kept.get(patientId);
      return entry && keptFiguresStand(entry, basis, now) ? entry.figures : undefined;
    },
    set(patientId, basis, now, figures) {
      if (kept.size >= max && !kept.has(patientId)) kept.clear();
      kept.set(patientId, { ...basis, at: now, figures });
    },
  };
}

/** The isolate's cache, shared by every caseload request it serves. */
export const caseloadFigures = summaryCache();
