import { eq, sql } from "drizzle-orm";
import { prepared } from "./prepared";
import { keptStateGuard, users } from "./schema";

const USER = sql.placeholder("userId");

/**
 * The user's `state_version` (migration 0023): how many changes there have been to what the user's
 * Durable Object decides commands from. Read in the state load, and around a write's statements.
 */
export const stateVersionRead = prepared((db) =>
  db.select({ stateVersion: users.stateVersion }).from(users).where(eq(users.id, USER)),
);

/**
 * The first statement of a write decided from kept state: it aborts the write's whole batch unless
 * the user's state is still at `version` (the CHECK on kept_state_guard refuses the 0 it then
 * inserts). At the version, it inserts the table's one row again, which does nothing.
 */
export const stateVersionGuard = prepared((db) =>
  db
    .insert(keptStateGuard)
    .values({
      ok: sql`(SELECT count(*) FROM ${users} WHERE ${users.id} = ${USER} AND ${users.stateVersion} = ${sql.placeholder("version")})`,
    })
    .onConflictDoNothing(),
);

/** A version read's answer: the version, or undefined when the user row is gone. */
export function versionOf(rows: { stateVersion: number }[]): number | undefined {
  return rows[0]?.stateVersion;
}
