/** Aggregates for staff views, computed in SQL over a set of patients (one query each). */
import { and, eq, gte, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import type { BatchResponse } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import {
  type Adherence,
  adherenceThrough,
  combinedAdherence,
  type HabitRecord,
  rollingAdherence,
} from "../../shared/domain/adherence";
import type { Schedule } from "../../shared/domain/completion-policy";
import { addDays, daysBetween, type LocalDay, localDay, rememberedLocalDay } from "../../shared/domain/local-day";
import { compareFlags, FLAG_LEVELS, type FlagLevel, highestLevel } from "../../shared/domain/risk-flags";
import {
  type FlagInboxItem,
  type FlagView,
  PATIENT_DAYS_MAX,
  type PatientDay,
  type PatientSummary,
} from "../../shared/schemas/staff";
import type { Database } from "./client";
import { forEachPackedDay } from "./habit-streaks";
import { rawRows } from "./prepared";
import { assignments, habitCompletions, moods, riskFlags, users } from "./schema";
import { caseloadFigures, type SummaryBasis, type SummaryCache, type SummaryFigures } from "./summary-cache";

const DAY = 86_400_000;
const ids = (list: string[]) => sql`(SELECT value FROM json_each(${JSON.stringify(list)}))`;

/** A habit row's schedule as the shared rules read it. */
function scheduleOf(h: { scheduleType: string; scheduleTarget: number }): Schedule {
  return h.scheduleType === "daily"
    ? { type: "daily", perDay: h.scheduleTarget }
    : { type: "weekly", timesPerWeek: h.scheduleTarget };
}

/** A habit row and its live completions per local day. */
interface HabitCounts {
  habitId: string;
  schedule: Schedule;
  createdAt: number;
  counts: Map<LocalDay, number>;
}

/** Live completion counts per habit and local day, for habit rows of the given users. */
function habitCounts(
  rows: { id: string; userId: string; scheduleType: string; scheduleTarget: number; createdAt: number }[],
  counts: { userId: string; habitId: string; localDay: string; n: number }[],
): Map<string, HabitCounts[]> {
  const byHabit = new Map<string, HabitCounts>();
  const byUser = new Map<string, HabitCounts[]>();
  for (const h of rows) {
    const entry = { habitId: h.id, schedule: scheduleOf(h), createdAt: h.createdAt, counts: new Map() };
    byHabit.set(h.id, entry);
    const list = byUser.get(h.userId) ?? [];
    list.push(entry);
    byUser.set(h.userId, list);
  }
  for (const c of counts) byHabit.get(c.habitId)?.counts.set(c.localDay, Number(c.n));
  return byUser;
}

/**
 * A habit's adherence from `from` to `today` (local days) by the shared rule (shared/domain/adherence.ts),
 * the same one the patient's Spirit screen uses.
 */
function adherenceOf(
  h: HabitCounts,
  from: LocalDay,
  last: LocalDay,
  today: LocalDay,
  timezone: string,
  dayStartHour: number,
) {
  return adherenceThrough(h.schedule, h.counts, createdDayOf(h, from, timezone, dayStartHour), from, last, today);
}

/**
 * A habit's creation day as far as windows starting `from`, or up to 7 days earlier, can tell. A
 * habit made two days or more before the earliest such window's first UTC midnight was made
 * before it in any zone (offsets and day-start hours move a day by less than two): its creation
 * day cannot matter, so it is not worked out (a time-zone conversion per habit, per request) and
 * is given as the day before that earliest window (rollingAdherence's 7 days up to `from`).
 */
function createdDayOf(h: HabitCounts, from: LocalDay, timezone: string, dayStartHour: number): LocalDay {
  const windowStart = daysBetween(EPOCH_DAY, from) * DAY - 9 * DAY;
  return h.createdAt < windowStart ? addDays(from, -7) : rememberedLocalDay(h.createdAt, timezone, dayStartHour);
}

const EPOCH_DAY = "1970-01-01";

/**
 * The clinician's view of one patient's habits and days over a window of their whole local days
 * (`from` to `last`, both included; `last` is today at the latest), all by the one rule
 * (shared/domain/adherence.ts), as on the caseload and the patient's Spirit screen: each habit's
 * completions on those days and its adherence; the live (not archived) habits' combined
 * adherence, as the caseload counts it; and each day's mood and sleep averages with the 7-day
 * adherence up to it (the last PATIENT_DAYS_MAX days). `counts` must reach 6 days before `from`.
 */
export function patientWindow(
  rows: {
    id: string;
    userId: string;
    scheduleType: string;
    scheduleTarget: number;
    createdAt: number;
    archivedAt: number | null;
  }[],
  counts: { userId: string; habitId: string; localDay: string; n: number }[],
  moodDays: { localDay: string; mood: number; sleep: number }[],
  window: { from: LocalDay; last: LocalDay; today: LocalDay; timezone: string; dayStartHour: number },
): {
  habits: Map<string, { completions: number; adherence: number | null }>;
  adherence: number | null;
  days: PatientDay[];
} {
  const { from, last, today, timezone, dayStartHour } = window;
  const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
  const archived = new Set(rows.filter((h) => h.archivedAt !== null).map((h) => h.id));
  const habits = new Map<string, { completions: number; adherence: number | null }>();
  const live: Adherence[] = [];
  const records: HabitRecord[] = [];
  for (const list of habitCounts(rows, counts).values()) {
    for (const h of list) {
      const kept = adherenceOf(h, from, last, today, timezone, dayStartHour);
      let completions = 0;
      for (const [day, n] of h.counts) if (day >= from && day <= last) completions += n;
      habits.set(h.habitId, { completions, adherence: round(kept.share) });
      if (archived.has(h.habitId)) continue;
      live.push(kept);
      records.push({
        schedule: h.schedule,
        createdDay: createdDayOf(h, from, timezone, dayStartHour),
        countsByDay: h.counts,
      });
    }
  }
  const span = daysBetween(from, last);
  const first = span >= PATIENT_DAYS_MAX ? addDays(last, 1 - PATIENT_DAYS_MAX) : from;
  const dayList = span >= 0 ? Array.from({ length: daysBetween(first, last) + 1 }, (_, i) => addDays(first, i)) : [];
  const byDay = new Map(moodDays.map((m) => [m.localDay, m]));
  const rolling = rollingAdherence(records, dayList, today);
  return {
    habits,
    adherence: round(combinedAdherence(live).share),
    days: dayList.map((day, i) => {
      const m = byDay.get(day);
      return {
        day,
        mood: m ? round(Number(m.mood)) : null,
        sleep: m ? round(Number(m.sleep)) : null,
        adherence7d: round(rolling[i] ?? null),
      };
    }),
  };
}

/**
 * A patient's mood and sleep-quality averages per local day, from check-ins at or after `from`
 * and before `to` (ms), for the local days `fromDay` to `lastDay`.
 */
export function moodDayAverages(
  db: Database,
  patientId: string,
  range: { from: number; to: number; fromDay: LocalDay; lastDay: LocalDay },
) {
  return db
    .select({
      localDay: moods.localDay,
      mood: sql<number>`avg(${moods.mood})`,
      sleep: sql<number>`avg(${moods.sleepQuality})`,
    })
    .from(moods)
    .where(
      and(
        eq(moods.userId, patientId),
        gte(moods.at, range.from),
        lt(moods.at, range.to),
        gte(moods.localDay, range.fromDay),
        lte(moods.localDay, range.lastDay),
      ),
    )
    .groupBy(moods.localDay)
    .all();
}

export async function assignedPatientIds(db: Database, staffId: string): Promise<string[]> {
  const rows = await db
    .select({ id: assignments.patientId })
    .from(assignments)
    .where(eq(assignments.staffId, staffId))
    .all();
  return rows.map((r) => r.id);
}

/**
 * Live (not undone) completions per user, habit and local day, for the given users, at or after
 * `from` and before `to` (ms): the counts the adherence rule reads (habitCounts, above).
 */
export function liveCompletionCounts(db: Database, userIds: string[], from: number, to = Number.MAX_SAFE_INTEGER) {
  return db
    .select({
      userId: habitCompletions.userId,
      habitId: habitCompletions.habitId,
      localDay: habitCompletions.localDay,
      n: sql<number>`count(*)`,
    })
    .from(habitCompletions)
    .where(
      and(
        sql`${habitCompletions.userId} IN ${ids(userIds)}`,
        isNull(habitCompletions.undoneAt),
        gte(habitCompletions.at, from),
        lt(habitCompletions.at, to),
      ),
    )
    .groupBy(habitCompletions.userId, habitCompletions.habitId, habitCompletions.localDay);
}

/** Which patients a summary is for: the ids given, or everyone assigned to a member of staff. */
export type PatientSet = { ids: string[] } | { assignedTo: string };

function patientSet(set: PatientSet): SQL {
  return "ids" in set
    ? ids(set.ids)
    : sql`(SELECT ${assignments.patientId} FROM ${assignments} WHERE ${assignments.staffId} = ${set.assignedTo})`;
}

/** The patients' summaries (the caseload, one patient's figures), in one batch. */
export async function patientSummaries(db: Database, patients: PatientSet, now: number): Promise<PatientSummary[]> {
  if ("ids" in patients && patients.ids.length === 0) return [];
  return summariesFrom(await db.batch([...summaryQueries(db, patients, now)]), now);
}

/**
 * The reads behind patient summaries, for ONE batch: the caseload runs them behind its session
 * check in the same batch (middleware/require-auth.ts, batchAsCaller), and names its patients by
 * their assignment, so the whole list is one round trip however many patients it has.
 *
 * ONE row per patient, everything else packed into its columns by subqueries: a caseload of 200
 * read 200 people, 200 mood weeks, 600 habits and their flags as separate rows, and mapping them
 * (D1's result encoding, then drizzle's per-column decoding) was a third of the request (issue 15's
 * profile). Plain SQL, its columns named by their aliases (SummaryRow below).
 */
export function summaryQueries(db: Database, patients: PatientSet, now: number) {
  const weekAgo = now - 7 * DAY;
  const twoWeeksAgo = now - 14 * DAY;
  const moodAverage = (range: SQL) =>
    sql`(SELECT avg(m.mood) FROM moods m WHERE m.user_id = "users"."id" AND m.at >= ${twoWeeksAgo} AND ${range})`;
  // A raw read (rawRows): its rows come back as D1 gives them. Through the query builder, drizzle
  // turned each of D1's row objects into an array and back into an object, column by column: the
  // largest part of the caseload's CPU after the packing above (issue 15's profile).
  return [
    rawRows<SummaryRow>(
      db,
      sql`SELECT "users"."id" AS id, "users"."display_name" AS displayName,
      "users"."timezone" AS timezone, "users"."day_start_hour" AS dayStartHour,
      (SELECT max(o.created_at) FROM ops o WHERE o.user_id = "users"."id") AS lastAt,
      ${moodAverage(sql`m.at >= ${weekAgo}`)} AS thisWeek,
      ${moodAverage(sql`m.at < ${weekAgo}`)} AS lastWeek,
      ${packedMoodDays(now - 9 * DAY)} AS moodDays,
      ${packedHabits(now - 9 * DAY)} AS habits,
      ${PACKED_FLAGS} AS flags
      FROM users WHERE "users"."id" IN ${patientSet(patients)}`,
    ),
  ] as const;
}

/** A patient's unresolved flags packed into one column: "level:count:open,…" (unpackFlags). */
const PACKED_FLAGS = sql`(SELECT group_concat(level || ':' || n || ':' || unacknowledged, ',') FROM (SELECT f.level AS level, count(*) AS n, sum(f.status = 'open') AS unacknowledged FROM risk_flags f WHERE f.user_id = "users"."id" AND f.status != 'resolved' GROUP BY f.level))`;

/**
 * The caseload's read behind its session check (one round trip): each assigned patient's row as
 * it is now, with what their kept figures are checked against (db/summary-cache.ts) and their
 * flags, which are never kept.
 */
export function caseloadHeadsQuery(db: Database, staffId: string) {
  return rawRows<CaseloadHead>(
    db,
    sql`SELECT "users"."id" AS id, "users"."display_name" AS displayName, "users"."timezone" AS timezone,
      "users"."day_start_hour" AS dayStartHour, "users"."summary_version" AS version, ${PACKED_FLAGS} AS flags
      FROM users WHERE "users"."id" IN ${patientSet({ assignedTo: staffId })}`,
  );
}

export interface CaseloadHead extends SummaryBasis {
  id: string;
  displayName: string;
  flags: string | null;
}

/**
 * The caseload's summaries: each patient's figures from the cache while they stand, the rest
 * computed in one more round trip (summaryQueries) and kept; flags and names from the heads.
 */
export async function caseloadSummaries(
  db: Database,
  heads: CaseloadHead[],
  now: number,
  cache: SummaryCache = caseloadFigures,
): Promise<PatientSummary[]> {
  const figures = new Map<string, SummaryFigures>();
  const missing: string[] = [];
  for (const head of heads) {
    const kept = cache.get(head.id, head, now);
    if (kept) figures.set(head.id, kept);
    else missing.push(head.id);
  }
  if (missing.length > 0) {
    const basis = new Map(heads.map((h) => [h.id, h]));
    for (const s of await patientSummaries(db, { ids: missing }, now)) {
      const kept = {
        lastSyncAt: s.lastSyncAt,
        moodAverage7d: s.moodAverage7d,
        moodTrend: s.moodTrend,
        moodDaily7d: s.moodDaily7d,
        adherence7d: s.adherence7d,
      };
      figures.set(s.id, kept);
      // Kept under the version read BEFORE these figures: a write in between makes them stale, never wrong.
      const head = basis.get(s.id);
      if (head) cache.set(s.id, head, now, kept);
    }
  }
  return heads.flatMap((head) => {
    const kept = figures.get(head.id);
    return kept ? [{ id: head.id, displayName: head.displayName, ...kept, ...flagFigures(head.flags) }] : [];
  });
}

/** A summary's flag figures from a patient's packed flags. */
function flagFigures(packed: string | null) {
  const { byLevel, unacknowledged } = unpackFlags(packed);
  return {
    openFlags: byLevel.high + byLevel.medium + byLevel.low,
    openFlagsByLevel: byLevel,
    highestOpenFlag: highestLevel(FLAG_LEVELS.filter((level) => byLevel[level] > 0)),
    unacknowledgedFlags: unacknowledged,
  };
}

/**
 * One patient's row of summaryQueries. The last activity (lastAt) is one index lookup per patient
 * (ops_at), where a max over all of a caseload's op records grouped by patient read every record
 * they ever made. The last 7 local days lie within the last 9 × 24 hours in any timezone and
 * day-start hour (habits, packedHabits). Flags: "level:count:open,…" for those not resolved.
 */
interface SummaryRow {
  id: string;
  displayName: string;
  timezone: string;
  dayStartHour: number;
  lastAt: number | null;
  thisWeek: number | null;
  lastWeek: number | null;
  moodDays: string | null;
  habits: string | null;
  flags: string | null;
}

type SummaryResults = BatchResponse<ReturnType<typeof summaryQueries> extends readonly [...infer T] ? T : never>;

/**
 * A patient's live habits, each with its live completions per local day since `from`, packed into
 * one column: habits split by ";", a habit's schedule type, target, creation time (ms) and days by
 * "|", its days as "day:count,…". The local-day bound (two days before `from`'s UTC date, earlier
 * than any zone's local day at `from`) lets the (user, habit, day) index skip a long history; `at`
 * is the real bound.
 */
function packedHabits(from: number) {
  const fromDay = addDays(new Date(from).toISOString().slice(0, 10), -2);
  return sql<
    string | null
  >`(SELECT group_concat(h.schedule_type || '|' || h.schedule_target || '|' || h.created_at || '|' || coalesce((SELECT group_concat(day || ':' || n, ',') FROM (SELECT hc.local_day AS day, count(*) AS n FROM habit_completions hc WHERE hc.user_id = h.user_id AND hc.habit_id = h.id AND hc.local_day >= ${fromDay} AND hc.undone_at IS NULL AND hc.at >= ${from} GROUP BY hc.local_day)), ''), ';') FROM habits h WHERE h.user_id = "users"."id" AND h.archived_at IS NULL)`;
}

/**
 * A patient's mood average per local day since `from`, packed into one column as "day:average,…"
 * (the moods_at index bounds it to the last few days' check-ins).
 */
function packedMoodDays(from: number) {
  return sql<
    string | null
  >`(SELECT group_concat(day || ':' || average, ',') FROM (SELECT m.local_day AS day, avg(m.mood) AS average FROM moods m WHERE m.user_id = "users"."id" AND m.at >= ${from} GROUP BY m.local_day))`;
}

/** The last 7 local days' mood averages, oldest first, from packedMoodDays; null for a day without a check-in. */
function moodWeek(packed: string | null, from: LocalDay, round: (n: number) => number): (number | null)[] {
  const byDay = new Map<string, number>();
  forEachPackedDay(packed ?? "", 2, (day, average) => byDay.set(day, average));
  return Array.from({ length: 7 }, (_, i) => {
    const average = byDay.get(addDays(from, i));
    return average === undefined ? null : round(average);
  });
}

/** A patient's packed habits (packedHabits) as the adherence rule reads them. */
function unpackHabits(packed: string | null): HabitCounts[] {
  if (!packed) return [];
  return packed.split(";").map((entry) => {
    const [type = "", target = "", createdAt = "", days = ""] = entry.split("|");
    const counts = new Map<LocalDay, number>();
    forEachPackedDay(days, 2, (day, n) => counts.set(day, n));
    return {
      habitId: "",
      schedule: scheduleOf({ scheduleType: type, scheduleTarget: Number(target) }),
      createdAt: Number(createdAt),
      counts,
    };
  });
}

/** A patient's packed unresolved flags: how many of each level, and how many not yet acknowledged. */
function unpackFlags(packed: string | null) {
  const byLevel: Record<FlagLevel, number> = { high: 0, medium: 0, low: 0 };
  let unacknowledged = 0;
  forEachPackedDay(packed ?? "", 3, (level, n, open) => {
    if (level in byLevel) byLevel[level as FlagLevel] += n;
    unacknowledged += open;
  });
  return { byLevel, unacknowledged };
}

/** The summaries from summaryQueries' results. */
export function summariesFrom([people]: SummaryResults, now: number): PatientSummary[] {
  const round = (n: number) => Math.round(n * 100) / 100;
  // Most of a caseload shares a few zones: each zone's today is worked out once.
  const todays = new Map<string, LocalDay>();
  const todayIn = (timezone: string, dayStartHour: number) => {
    const key = `${timezone}|${dayStartHour}`;
    let day = todays.get(key);
    if (day === undefined) {
      day = localDay(now, timezone, dayStartHour);
      todays.set(key, day);
    }
    return day;
  };
  return people.map((p) => {
    const thisWeek = p.thisWeek ?? null;
    const lastWeek = p.lastWeek ?? null;
    const today = todayIn(p.timezone, p.dayStartHour);
    const from = addDays(today, -6);
    const kept = combinedAdherence(
      unpackHabits(p.habits).map((h) => adherenceOf(h, from, today, today, p.timezone, p.dayStartHour)),
    );
    const lastAt = p.lastAt;
    return {
      id: p.id,
      displayName: p.displayName,
      lastSyncAt: lastAt ? new Date(lastAt).toISOString() : null,
      moodAverage7d: thisWeek === null ? null : round(thisWeek),
      moodTrend: thisWeek === null || lastWeek === null ? null : round(thisWeek - lastWeek),
      moodDaily7d: moodWeek(p.moodDays, from, round),
      adherence7d: kept.share === null ? null : round(kept.share),
      ...flagFigures(p.flags),
    };
  });
}

/**
 * Staff triage order for patients: whoever has the most urgent unresolved flag first (high, then
 * medium, then low, then none), whatever else the list is sorted by; a high flag is never listed
 * like a medium one. Negative when `a` comes first.
 */
export function compareByOpenFlags(a: PatientSummary, b: PatientSummary): number {
  const rank = (p: PatientSummary) =>
    p.highestOpenFlag === null ? FLAG_LEVELS.length : FLAG_LEVELS.indexOf(p.highestOpenFlag);
  return rank(a) - rank(b);
}

const ackUser = alias(users, "ack_user");
const resolveUser = alias(users, "resolve_user");

/**
 * A patient's flags as staff see them, in staff order (compareFlags: unresolved first, then by
 * level, open before acknowledged, newest first); only the ids given, when given.
 */
export async function patientFlags(db: Database, patientId: string, flagIds?: string[]): Promise<FlagView[]> {
  if (flagIds?.length === 0) return [];
  const rows = await db
    .select({
      flag: riskFlags,
      ackName: ackUser.displayName,
      resolveName: resolveUser.displayName,
    })
    .from(riskFlags)
    .leftJoin(ackUser, eq(ackUser.id, riskFlags.acknowledgedBy))
    .leftJoin(resolveUser, eq(resolveUser.id, riskFlags.resolvedBy))
    .where(and(eq(riskFlags.userId, patientId), flagIds ? sql`${riskFlags.id} IN ${ids(flagIds)}` : undefined))
    .all();
  return rows
    .map((r) => ({ sortKey: r.flag, view: flagView(r.flag, r.ackName, r.resolveName) }))
    .sort((a, b) => compareFlags(a.sortKey, b.sortKey) || (a.view.id < b.view.id ? -1 : 1))
    .map((r) => r.view);
}

type FlagRow = typeof riskFlags.$inferSelect;

function flagStep(at: number | null, by: string | null, name: string | null, note: string | null) {
  if (at === null) return null;
  return {
    at: new Date(at).toISOString(),
    by: by === null || name === null ? null : { id: by, displayName: name },
    note,
  };
}

/** The stored row as staff see it: who by id and display name, times as ISO strings. */
export function flagView(f: FlagRow, ackName: string | null, resolveName: string | null): FlagView {
  return {
    id: f.id,
    level: f.level,
    source: f.source,
    category: f.category ?? null,
    status: f.status,
    createdAt: new Date(f.createdAt).toISOString(),
    acknowledged: flagStep(f.acknowledgedAt, f.acknowledgedBy, ackName, f.acknowledgedNote),
    resolved: flagStep(f.resolvedAt, f.resolvedBy, resolveName, f.resolvedNote),
  };
}

const patient = alias(users, "patient");

/**
 * The risk inbox: every unresolved flag (open or acknowledged) `staffId` answers for
 * (flagsAnsweredBy: their assigned patients', and those escalated to them), with whose it is, in staff order (compareFlags: high before medium before low, open
 * before acknowledged, newest first). One query, bounded by the caseload's unresolved flags.
 */
/**
 * The flags a member of staff answers for: unresolved (open or acknowledged) flags of their
 * assigned patients, and any unresolved flag escalated to them as the on-call contact
 * (notify/flag-alerts.ts) — whoever is alerted about a flag can open it. The risk inbox and its
 * count in the navigation (db/notification-summary.ts) both read this one condition.
 */
export function flagsAnsweredBy(staffId: string): SQL {
  return sql`${riskFlags.status} != 'resolved' AND (${riskFlags.escalatedTo} = ${staffId} OR EXISTS (
    SELECT 1 FROM ${assignments} WHERE ${assignments.staffId} = ${staffId} AND ${assignments.patientId} = ${riskFlags.userId}))`;
}

/**
 * Whether a member of staff may open a patient's record: assigned to them, or the on-call
 * contact of one of their unresolved escalated flags (until it is resolved). Patients only.
 */
export async function staffMayReachPatient(db: Database, staffId: string, patientId: string): Promise<boolean> {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, patientId),
        eq(users.role, "patient"),
        sql`(EXISTS (SELECT 1 FROM ${assignments} WHERE ${assignments.staffId} = ${staffId} AND ${assignments.patientId} = ${users.id})
          OR EXISTS (SELECT 1 FROM ${riskFlags} WHERE ${riskFlags.userId} = ${users.id} AND ${riskFlags.escalatedTo} = ${staffId} AND ${riskFlags.status} != 'resolved'))`,
      ),
    )
    .get();
  return row !== undefined;
}

export async function caseloadOpenFlags(db: Database, staffId: string): Promise<FlagInboxItem[]> {
  const rows = await db
    .select({
      flag: riskFlags,
      patientName: patient.displayName,
      ackName: ackUser.displayName,
      resolveName: resolveUser.displayName,
    })
    .from(riskFlags)
    .innerJoin(patient, eq(patient.id, riskFlags.userId))
    .leftJoin(ackUser, eq(ackUser.id, riskFlags.acknowledgedBy))
    .leftJoin(resolveUser, eq(resolveUser.id, riskFlags.resolvedBy))
    .where(flagsAnsweredBy(staffId))
    .all();
  return rows
    .sort((a, b) => compareFlags(a.flag, b.flag) || (a.flag.id < b.flag.id ? -1 : 1))
    .map((r) => ({
      ...flagView(r.flag, r.ackName, r.resolveName),
      patient: { id: r.flag.userId, displayName: r.patientName },
    }));
}

/** A patient's time zone and day-start hour (their local days), or undefined when they are gone. */
export function patientZone(db: Database, patientId: string) {
  return db
    .select({ timezone: users.timezone, dayStartHour: users.dayStartHour })
    .from(users)
    .where(eq(users.id, patientId))
    .get();
}
