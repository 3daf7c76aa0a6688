import { fillPlaceholders } from "drizzle-orm";
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

interface PreparedLike {
  getQuery(): { sql: string; params: unknown[] };
  all(values: Record<string, unknown>): Promise<unknown>;
}
