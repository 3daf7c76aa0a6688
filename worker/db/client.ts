import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/**
 * One drizzle handle per D1 binding, kept for the isolate's life. Building one is not cheap: it
 * walks the whole schema for its relational config, which a profile of the write path (issue 15)
 * showed as a tenth of its CPU when done per request. The handle holds no request state, and the
 * binding object is the isolate's own (the same across requests), so it is keyed by that object.
 */
const handles = new WeakMap<D1Database, ReturnType<typeof drizzle<typeof schema>>>();

/** The drizzle handle over a D1 binding. */
export function database(d1: D1Database) {
  let handle = handles.get(d1);
  if (handle === undefined) {
    handle = drizzle(d1, { schema });
    handles.set(d1, handle);
  }
  return handle;
}

export type Database = ReturnType<typeof database>;
