import { liveQuery } from "dexie";
import { useEffect, useState } from "preact/hooks";

/** A Dexie query the screen re-renders from whenever the tables it reads change. */
export function useLive<T>(query: () => Promise<T>, initial: T, deps: unknown[] = []): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => setValue(initial) });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
