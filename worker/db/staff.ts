/**
 * What staff read and write of an assigned patient (the assignment is checked by the route's
 * middleware): the clinician's view of a patient and its timeline, the people a safety plan
 * names, clinical notes, and the risk-flag workflow's guarded write. The aggregates over many
 * patients (the list, summaries, adherence, flags as staff see them) are in staff-queries.ts.
 */
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Page } from "../../shared/schemas/common";
import type { NoteView, TimelineItem } from "../../shared/schemas/staff";
import { decodeTimeCursor, encodeTimeCursor } from "../lib/cursor";
import type { Database } from "./client";
import { assessments, clinicalNotes, habits, moods, quests, riskFlags, users } from "./schema";
import { liveCompletionCounts, patientFlags } from "./staff-queries";
import { assessmentView, moodView } from "./views";

const ids = (list: string[]) => sql`(SELECT value FROM json_each(${JSON.stringify(list)}))`;

/**
 * One patient for the clinician's view, read in one batch: who they are (with their day rules),
 * their habits oldest first, their live completions per habit and local day between `from` and
 * `to` (ms, `to` exclusive), and their quests, most recently changed first.
 */
export async function patientRecord(db: Database, patientId: string, from: number, to: number) {
  const [patient, habitRows, counts, questRows] = await db.batch([
    db
      .select({
        id: users.id,
        displayName: users.displayName,
        timezone: users.timezone,
        dayStartHour: users.dayStartHour,
      })
      .from(users)
      .where(eq(users.id, patientId)),
    db.select().from(habits).where(eq(habits.userId, patientId)).orderBy(asc(habits.createdAt)),
    liveCompletionCounts(db, [patientId], from, to),
    db.select().from(quests).where(eq(quests.userId, patientId)).orderBy(desc(quests.updatedAt)),
  ]);
  return { patient: patient[0], habitRows, counts, questRows };
}

interface TimelineRow {
  kind: "mood" | "completion" | "assessment" | "riskFlag";
  id: string;
  at: number;
  /** A completion's habit and local day (JSON); null for the others, read as whole rows. */
  data: string | null;
}

/**
 * A page of one timeline of a patient's moods and sleep, completions, questionnaires and risk
 * flags between `from` and `to` (ms, `to` exclusive), newest first. A check-in and a
 * questionnaire are shown as everywhere else (moodView, assessmentView); a flag sits where it
 * happened in time and carries everything staff see of it (FlagView).
 */
export async function timelinePage(
  db: Database,
  patientId: string,
  range: { from: number; to: number },
  limit: number,
  cursor?: string,
): Promise<Page<TimelineItem>> {
  const after = cursor ? decodeTimeCursor(cursor) : { at: Number.MAX_SAFE_INTEGER, id: "" };
  const { results } = await db.$client
    .prepare(
      `SELECT * FROM (
         SELECT 'mood' AS kind, id, at, NULL AS data
           FROM moods WHERE user_id = ?1 AND at >= ?2 AND at < ?3
         UNION ALL
         SELECT 'completion', id, at, json_object('habitId', habit_id, 'localDay', local_day)
           FROM habit_completions WHERE user_id = ?1 AND undone_at IS NULL AND at >= ?2 AND at < ?3
         UNION ALL
         SELECT 'assessment', id, at, NULL
           FROM assessments WHERE user_id = ?1 AND at >= ?2 AND at < ?3
         UNION ALL
         SELECT 'riskFlag', id, created_at, NULL
           FROM risk_flags WHERE user_id = ?1 AND created_at >= ?2 AND created_at < ?3
       )
       WHERE at < ?4 OR (at = ?4 AND (kind || ':' || id) < ?5)
       ORDER BY at DESC, kind || ':' || id DESC
       LIMIT ?6`,
    )
    .bind(patientId, range.from, range.to, after.at, after.id || "\uffff", limit + 1)
    .all<TimelineRow>();
  const hasMore = results.length > limit;
  const page = results.slice(0, limit);
  const last = page.at(-1);
  const idsOf = (kind: TimelineRow["kind"]) => page.filter((r) => r.kind === kind).map((r) => r.id);
  const [moodIds, assessmentIds, flagIds] = [idsOf("mood"), idsOf("assessment"), idsOf("riskFlag")];
  const [moodRows, assessmentRows, flagList] = await Promise.all([
    moodIds.length
      ? db
          .select()
          .from(moods)
          .where(and(eq(moods.userId, patientId), sql`${moods.id} IN ${ids(moodIds)}`))
          .all()
      : [],
    assessmentIds.length
      ? db
          .select()
          .from(assessments)
          .where(and(eq(assessments.userId, patientId), sql`${assessments.id} IN ${ids(assessmentIds)}`))
          .all()
      : [],
    patientFlags(db, patientId, flagIds),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [moodsById, assessmentsById, flags] = [byId(moodRows), byId(assessmentRows), byId(flagList)];
  // A row deleted between the two reads is left out; the cursor still follows the page read.
  const items = page.flatMap((r): TimelineItem[] => {
    const at = new Date(r.at).toISOString();
    if (r.kind === "mood") {
      const m = moodsById.get(r.id);
      return m ? [{ kind: "mood", ...moodView(m) }] : [];
    }
    if (r.kind === "assessment") {
      const a = assessmentsById.get(r.id);
      return a ? [{ kind: "assessment", ...assessmentView(a) }] : [];
    }
    if (r.kind === "riskFlag") {
      const f = flags.get(r.id);
      return f ? [{ kind: "riskFlag", ...f, at }] : [];
    }
    const { habitId, localDay } = JSON.parse(r.data ?? "{}") as { habitId: string; localDay: string };
    return [{ kind: "completion", id: r.id, at, habitId, localDay }];
  });
  return {
    items,
    cursor: hasMore && last ? encodeTimeCursor(last.at, `${last.kind}:${last.id}`) : null,
    hasMore,
  };
}

/** The display names of these users, by id (those that still exist). */
export async function displayNames(db: Database, userIds: string[]): Promise<Record<string, string>> {
  if (userIds.length === 0) return {};
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(sql`${users.id} IN ${ids(userIds)}`)
    .all();
  return Object.fromEntries(rows.map((u) => [u.id, u.displayName]));
}

export type NoteRow = typeof clinicalNotes.$inferSelect;

/** A clinical note as its clinician sees it, with its author's name (null: that account is gone). */
export function noteView(n: NoteRow, authorName: string | null): NoteView {
  return {
    id: n.id,
    patientId: n.patientId,
    authorId: n.authorId,
    authorName,
    body: n.body,
    createdAt: new Date(n.createdAt).toISOString(),
    updatedAt: new Date(n.updatedAt).toISOString(),
  };
}

/** The patient's clinical notes, newest first. */
export function notesOf(db: Database, patientId: string): Promise<NoteRow[]> {
  return db
    .select()
    .from(clinicalNotes)
    .where(eq(clinicalNotes.patientId, patientId))
    .orderBy(desc(clinicalNotes.createdAt))
    .all();
}

export function findNote(db: Database, noteId: string): Promise<NoteRow | undefined> {
  return db.select().from(clinicalNotes).where(eq(clinicalNotes.id, noteId)).get();
}

/** Saves a new note, in one batch with `audit`. */
export async function insertNote(db: Database, row: NoteRow, audit: BatchItem<"sqlite">): Promise<void> {
  await db.batch([db.insert(clinicalNotes).values(row), audit]);
}

/** Replaces a note's text, in one batch with `audit`. */
export async function updateNote(
  db: Database,
  noteId: string,
  change: { body: string; updatedAt: number },
  audit: BatchItem<"sqlite">,
): Promise<void> {
  await db.batch([db.update(clinicalNotes).set(change).where(eq(clinicalNotes.id, noteId)), audit]);
}

/** Deletes a note, in one batch with `audit`. */
export async function deleteNote(db: Database, noteId: string, audit: BatchItem<"sqlite">): Promise<void> {
  await db.batch([db.delete(clinicalNotes).where(eq(clinicalNotes.id, noteId)), audit]);
}

type FlagRow = typeof riskFlags.$inferSelect;

const flagWhere = (patientId: string, flagId: string) => and(eq(riskFlags.userId, patientId), eq(riskFlags.id, flagId));

/** A flag's status now, or undefined when the patient has no such flag. */
export async function flagStatus(db: Database, patientId: string, flagId: string) {
  const row = await db.select({ status: riskFlags.status }).from(riskFlags).where(flagWhere(patientId, flagId)).get();
  return row?.status;
}

/** True while the flag is still at `status`: the guard of a move decided on that status. */
export function flagStillAt(patientId: string, flagId: string, status: FlagRow["status"]): SQL {
  return sql`EXISTS (SELECT 1 FROM ${riskFlags} WHERE ${and(flagWhere(patientId, flagId), eq(riskFlags.status, status))})`;
}

/**
 * Moves a flag on from `status` (acknowledged or resolved fields in `set`) only while it is still
 * at `status`, in one batch after `audit` (an event guarded by flagStillAt, so both happen or
 * neither). False when another member of staff moved it first.
 */
export async function moveFlagFrom(
  db: Database,
  patientId: string,
  flagId: string,
  status: FlagRow["status"],
  set: Partial<FlagRow>,
  audit: BatchItem<"sqlite">,
): Promise<boolean> {
  const guard = and(flagWhere(patientId, flagId), eq(riskFlags.status, status));
  const [, moved] = await db.batch([audit, db.update(riskFlags).set(set).where(guard).returning({ id: riskFlags.id })]);
  return moved.length > 0;
}
