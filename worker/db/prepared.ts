import { fillPlaceholders, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { SQLiteRaw } from "drizzle-orm/sqlite-core/query-builders/raw";
import type { Database } from "./client";

/**
 * A query built once and bound per call (issue 15). Building a drizzle query (its SQL text and
 * result mapping from the builder) was a fifth of the CPU of GET /progress in a profile of the
 * running Worker, paid again on every request for the same text. A query made with `prepared` is
 * built once per D1 binding, with `sql.placeholder(name)` where the values go, and each call
 * binds the values: the result is an item for `db.batch([...])`, typed and mapped as the builder.
 *
 * How: drizzle's batch asks each item for its prepared form (`_prepare()`), takes its SQL and
 * parameters (`getQuery()`), binds them to its D1 statement and maps the rows back with it. The
 * bound item is the prepared query with its parameters filled in. These are drizzle internals
 * (drizzle-orm/d1/session.js `batch`): every hot-path test goes through them, so an upgrade that
 * changes them fails the suite rather than a request.
 */
export function prepared<V extends Record<string, unknown>, Q extends { prepare(): unknown }>(
  build: (db: Database) => Q,
): (db: Database, values: V) => Q {
  const built = new WeakMap<Database, PreparedLike>();
  return (db, values) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db).prepare() as PreparedLike;
      built.set(db, query);
    }
    const filled = { ...query.getQuery(), params: fillPlaceholders(query.getQuery().params, values) };
    const bound = Object.create(query, { getQuery: { value: () => filled } }) as PreparedLike;
    const run = query;
    // A batch item (drizzle's batch calls `_prepare()`), and awaited on its own it runs like the
    // builder it stands for: all rows.
    return {
      _prepare: () => bound,
      // biome-ignore lint/suspicious/noThenProperty: it stands for a drizzle builder, which is awaitable
      then: (resolve: (rows: unknown) => unknown, reject: (err: unknown) => unknown) =>
        run.all(values).then(resolve, reject),
    } as unknown as Q;
  };
}

/**
 * A placeholder per name, each named as itself: the values of an insert made with `prepared`.
 *
 * @example
 * prepared((db) => db.insert(ops).values(placeholders("userId", "opId", …)))
 */
export function placeholders<N extends string>(...names: N[]): { [K in N]: Placeholder<K> } {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as { [K in N]: Placeholder<K> };
}

interface PreparedLike {
  getQuery(): { sql: string; params: unknown[] };
  all(values: Record<string, unknown>): Promise<unknown>;
}

/**
 * A raw read for `db.batch([...])` whose rows come back as D1 gives them, named by the query's
 * own column aliases: no per-column decoding. A query-builder select in a D1 batch has each of
 * D1's row objects turned into an array and back into an object, column by column; for the
 * caseload's 200 rows that was the largest part of its CPU (issue 15's profile). Use it only where
 * that shows: the builder's types and decoding are worth their cost everywhere else.
 *
 * How: drizzle's own raw read (`db.all`) cannot take parameters in a D1 batch (drizzle-orm
 * 0.45's d1/session.js `batch` binds `preparedQuery.stmt`, which a raw read does not have), so this
 * item carries its statement itself; like `prepared`, it leans on those internals, and every
 * caseload test goes through it.
 */
export function rawRows<T>(db: Database, query: SQL): SQLiteRaw<T[]> {
  const raw = db.all<T>(query);
  const built = raw.getQuery();
  const item = {
    _prepare: () => item,
    getQuery: () => built,
    stmt: db.$client.prepare(built.sql),
    mapResult: (result: { results?: T[] }) => result.results ?? [],
    // biome-ignore lint/suspicious/noThenProperty: it stands for drizzle's raw read, which is awaitable
    then: (resolve: (rows: T[]) => unknown, reject: (err: unknown) => unknown) => raw.then(resolve, reject),
  };
  return item as unknown as SQLiteRaw<T[]>;
}
