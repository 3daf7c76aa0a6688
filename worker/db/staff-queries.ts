/** Aggregates for staff views, computed in SQL over a set of patients (one query each). */
import { and, eq, gte, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { compareFlags, FLAG_LEVELS, type FlagLevel, highestLevel } from "../../shared/domain/risk-flags";
import type { FlagView, PatientSummary } from "../../shared/schemas/staff";
import type { Database } from "./client";
import { assignments, habitCompletions, habits, moods, ops, riskFlags, users } from "./schema";

const DAY = 86_400_000;
const ids = (list: string[]) => sql`(SELECT value FROM json_each(${JSON.stringify(list)}))`;

/** Expected completions in 7 days for a habit: per-day target × 7, or times per week. */
const expected7 = sql<number>`CASE ${habits.scheduleType} WHEN 'daily' THEN ${habits.scheduleTarget} * 7 ELSE ${habits.scheduleTarget} END`;

export async function assignedPatientIds(db: Database, staffId: string): Promise<string[]> {
  const rows = await db
    .select({ id: assignments.patientId })
    .from(assignments)
    .where(eq(assignments.staffId, staffId))
    .all();
  return rows.map((r) => r.id);
}

export async function patientSummaries(db: Database, patientIds: string[], now: number): Promise<PatientSummary[]> {
  if (patientIds.length === 0) return [];
  const [people, lastOps, moodWeeks, expected, done, flags] = await db.batch([
    db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(sql`${users.id} IN ${ids(patientIds)}`),
    db
      .select({ id: ops.userId, last: sql<number>`max(${ops.createdAt})` })
      .from(ops)
      .where(sql`${ops.userId} IN ${ids(patientIds)}`)
      .groupBy(ops.userId),
    db
      .select({
        id: moods.userId,
        thisWeek: sql<number | null>`avg(CASE WHEN ${moods.at} >= ${now - 7 * DAY} THEN ${moods.mood} END)`,
        lastWeek: sql<number | null>`avg(CASE WHEN ${moods.at} < ${now - 7 * DAY} THEN ${moods.mood} END)`,
      })
      .from(moods)
      .where(and(sql`${moods.userId} IN ${ids(patientIds)}`, gte(moods.at, now - 14 * DAY)))
      .groupBy(moods.userId),
    db
      .select({ id: habits.userId, n: sql<number>`sum(${expected7})` })
      .from(habits)
      .where(and(sql`${habits.userId} IN ${ids(patientIds)}`, isNull(habits.archivedAt)))
      .groupBy(habits.userId),
    db
      .select({ id: habitCompletions.userId, n: sql<number>`count(*)` })
      .from(habitCompletions)
      .where(
        and(
          sql`${habitCompletions.userId} IN ${ids(patientIds)}`,
          isNull(habitCompletions.undoneAt),
          gte(habitCompletions.at, now - 7 * DAY),
        ),
      )
      .groupBy(habitCompletions.userId),
    db
      .select({
        id: riskFlags.userId,
        level: riskFlags.level,
        n: sql<number>`count(*)`,
        unacknowledged: sql<number>`sum(CASE WHEN ${riskFlags.status} = 'open' THEN 1 ELSE 0 END)`,
      })
      .from(riskFlags)
      .where(and(sql`${riskFlags.userId} IN ${ids(patientIds)}`, ne(riskFlags.status, "resolved")))
      .groupBy(riskFlags.userId, riskFlags.level),
  ]);
  const by = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [last, weeks, exp, comp] = [by(lastOps), by(moodWeeks), by(expected), by(done)];
  const open = new Map<string, { byLevel: Record<FlagLevel, number>; unacknowledged: number }>();
  for (const f of flags) {
    const entry = open.get(f.id) ?? { byLevel: { high: 0, medium: 0, low: 0 }, unacknowledged: 0 };
    entry.byLevel[f.level] += Number(f.n);
    entry.unacknowledged += Number(f.unacknowledged ?? 0);
    open.set(f.id, entry);
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return people.map((p) => {
    const w = weeks.get(p.id);
    const thisWeek = w?.thisWeek ?? null;
    const lastWeek = w?.lastWeek ?? null;
    const expectedN = Number(exp.get(p.id)?.n ?? 0);
    const lastAt = last.get(p.id)?.last;
    const byLevel = open.get(p.id)?.byLevel ?? { high: 0, medium: 0, low: 0 };
    return {
      id: p.id,
      displayName: p.displayName,
      lastSyncAt: lastAt ? new Date(lastAt).toISOString() : null,
      moodAverage7d: thisWeek === null ? null : round(thisWeek),
      moodTrend: thisWeek === null || lastWeek === null ? null : round(thisWeek - lastWeek),
      adherence7d: expectedN > 0 ? round(Math.min(1, Number(comp.get(p.id)?.n ?? 0) / expectedN)) : null,
      openFlags: byLevel.high + byLevel.medium + byLevel.low,
      openFlagsByLevel: byLevel,
      highestOpenFlag: highestLevel(FLAG_LEVELS.filter((level) => byLevel[level] > 0)),
      unacknowledgedFlags: open.get(p.id)?.unacknowledged ?? 0,
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
