import { z } from "zod";
import {
  type CssrsCategory,
  FLAG_NOTE_MAX,
  type FlagLevel,
  type FlagSource,
  type FlagStatus,
} from "../domain/risk-flags";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../limits";

export const NOTE_MAX_LENGTH = 50_000;

export const patientsQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(["name", "lastSync", "moodAverage", "openFlags"]).default("name"),
});

export const timelineQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(256).optional(),
});

export const noteBody = z.strictObject({
  body: z
    .string()
    .max(NOTE_MAX_LENGTH, `A note holds at most ${NOTE_MAX_LENGTH.toLocaleString("en")} characters.`)
    .refine((b) => b.trim().length > 0, { message: "Write something first." }),
});

/** A staff note on a flag: 1–2,000 characters, not blank. */
const flagNote = z
  .string()
  .max(FLAG_NOTE_MAX, `A note holds at most ${FLAG_NOTE_MAX.toLocaleString("en")} characters.`)
  .refine((note) => note.trim().length > 0, { message: "Write something first." });

/** `POST /staff/patients/:id/flags/:flagId/acknowledge`: no body, or an optional note. */
export const flagAcknowledgeBody = z.strictObject({ note: flagNote.optional() });

/** `POST /staff/patients/:id/flags/:flagId/resolve`: what was done, always. */
export const flagResolveBody = z.strictObject({ note: flagNote });

/** One step of a flag's handling: when, by whom (null if that account is gone), and the note. */
export interface FlagStep {
  at: string;
  by: { id: string; displayName: string } | null;
  note: string | null;
}

/**
 * A risk flag as staff see it (shared/domain/risk-flags.ts has the rules): never the patient's
 * words, only what kind of signal, how urgent, and where it is in its handling. A flag resolved
 * straight from open carries the resolver's acknowledgement too.
 */
export interface FlagView {
  id: string;
  level: FlagLevel;
  source: FlagSource;
  category: CssrsCategory | null;
  status: FlagStatus;
  createdAt: string;
  acknowledged: FlagStep | null;
  resolved: FlagStep | null;
}

export interface PatientSummary {
  id: string;
  displayName: string;
  lastSyncAt: string | null;
  moodAverage7d: number | null;
  /** This week's mood average minus the week before's; null without both. */
  moodTrend: number | null;
  /** Completions in the last 7 days over what the habits' schedules ask for (0–1). */
  adherence7d: number | null;
  /** Unresolved flags (open or acknowledged). */
  openFlags: number;
  /** Unresolved flags by level. */
  openFlagsByLevel: Record<FlagLevel, number>;
  /** The most urgent unresolved flag's level (the list's first sort key), or null for none. */
  highestOpenFlag: FlagLevel | null;
  /** Flags nobody has acknowledged yet. */
  unacknowledgedFlags: number;
}
