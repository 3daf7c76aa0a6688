/**
 * The wellbeing domain's reads for the routes (commands read through their loaded state
 * instead): rows, for the routes to show through the view functions.
 */
import { and, asc, desc, eq, gt, gte, lt, type SQL, sql } from "drizzle-orm";
import { after } from "../lib/time-page";
import type { Database } from "./client";
import { prepared } from "./prepared";
import { assessments, changes, moods, pets, quests } from "./schema";

export * from "./views";

export function findPet(db: Database, userId: string) {
  return db.select().from(pets).where(eq(pets.userId, userId)).get();
}

/** A patient's check-ins, newest first, from/to (ms) and after a time cursor: `limit` rows at most. */
export function moodsOf(
  db: Database,
  userId: string,
  q: { from?: number; to?: number; cursor?: string; limit: number },
) {
  const filters: (SQL | undefined)[] = [eq(moods.userId, userId)];
  if (q.from !== undefined) filters.push(gte(moods.at, q.from));
  if (q.to !== undefined) filters.push(lt(moods.at, q.to));
  filters.push(after(moods.at, moods.id, q.cursor));
  return db
    .select()
    .from(moods)
    .where(and(...filters))
    .orderBy(desc(moods.at), desc(moods.id))
    .limit(q.limit)
    .all();
}

/** A patient's quests, oldest first. */
export function questsOf(db: Database, userId: string) {
  return db.select().from(quests).where(eq(quests.userId, userId)).orderBy(asc(quests.createdAt)).all();
}

/** A patient's questionnaires, newest first. */
export function assessmentsOf(db: Database, userId: string) {
  return db.select().from(assessments).where(eq(assessments.userId, userId)).orderBy(desc(assessments.at)).all();
}

/** A user's change log after `seq`, oldest first: `limit` rows at most. */
const changesPage = prepared((db) =>
  db
    .select()
    .from(changes)
    .where(and(eq(changes.userId, sql.placeholder("userId")), gt(changes.seq, sql.placeholder("seq"))))
    .orderBy(asc(changes.seq))
    .limit(sql.placeholder("limit")),
);
export function changesAfter(db: Database, userId: string, seq: number, limit: number) {
  return changesPage(db, { userId, seq, limit });
}

/** The names of the applied migrations, in order (the health check's database round trip). */
export async function appliedMigrations(d1: D1Database): Promise<string[]> {
  const result = await d1.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>();
  return result.results.map((r) => r.name);
}
