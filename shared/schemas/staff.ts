import { z } from "zod";
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

export interface PatientSummary {
  id: string;
  displayName: string;
  lastSyncAt: string | null;
  moodAverage7d: number | null;
  /** This week's mood average minus the week before's; null without both. */
  moodTrend: number | null;
  /** Completions in the last 7 days over what the habits' schedules ask for (0–1). */
  adherence7d: number | null;
  openFlags: number;
}
