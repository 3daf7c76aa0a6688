/** Aggregates for staff views, computed in SQL over a set of patients (one query each). */
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import type { PatientSummary } from "../../shared/schemas/staff";
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
      .select({ id: riskFlags.userId, n: sql<number>`count(*)` })
      .from(riskFlags)
      .where(and(sql`${riskFlags.userId} IN ${ids(patientIds)}`, isNull(riskFlags.acknowledgedAt)))
      .groupBy(riskFlags.userId),
  ]);
  const by = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [last, weeks, exp, comp, open] = [by(lastOps), by(moodWeeks), by(expected), by(done), by(flags)];
  const round = (n: number) => Math.round(n * 100) / 100;
  return people.map((p) => {
    const w = weeks.get(p.id);
    const thisWeek = w?.thisWeek ?? null;
    const lastWeek = w?.lastWeek ?? null;
    const expectedN = Number(exp.get(p.id)?.n ?? 0);
    const lastAt = last.get(p.id)?.last;
    return {
      id: p.id,
      displayName: p.displayName,
      lastSyncAt: lastAt ? new Date(lastAt).toISOString() : null,
      moodAverage7d: thisWeek === null ? null : round(thisWeek),
      moodTrend: thisWeek === null || lastWeek === null ? null : round(thisWeek - lastWeek),
      adherence7d: expectedN > 0 ? round(Math.min(1, Number(comp.get(p.id)?.n ?? 0) / expectedN)) : null,
      openFlags: Number(open.get(p.id)?.n ?? 0),
    };
  });
}
