import { and, type Column, eq, lt, or, type SQL } from "drizzle-orm";
import { decodeTimeCursor, encodeTimeCursor } from "./cursor";

/**
 * Paging for lists ordered by (time, id) descending, the order of moods, messages and users:
 * `after` is the filter for "rows after this cursor", `page` cuts the limit+1 rows a query
 * fetched into `{ items, cursor, hasMore }`. Ties on time are broken by id, so no row is skipped
 * or repeated across pages.
 */
export function after(time: Column, id: Column, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeTimeCursor(cursor);
  return or(lt(time, c.at), and(eq(time, c.at), lt(id, c.id)));
}

export function page<T, V>(rows: T[], limit: number, key: (row: T) => { at: number; id: string }, view: (row: T) => V) {
  const hasMore = rows.length > limit;
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(view),
    cursor: hasMore && last ? encodeTimeCursor(key(last).at, key(last).id) : null,
    hasMore,
  };
}
