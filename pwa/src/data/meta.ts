import { db, type Meta } from "./db";
import { useLive } from "./use-live";

/** A JSON value kept in the meta table (the last progress summary, the care team), live. */
export function useMeta<T>(key: Meta["key"]): T | null {
  return useLive(
    async () => {
      const row = await db.meta.get(key);
      return row ? (JSON.parse(row.value) as T) : null;
    },
    null as T | null,
    [key],
  );
}
