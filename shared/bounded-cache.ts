/**
 * A cache for the answers of a pure function, kept for the isolate's life: at most `max` entries,
 * all forgotten when full (the keys in use come straight back). A promise that rejects is
 * forgotten, so the next call tries again. For work that repeats on every request with the same
 * inputs: a derived key, a keyed hash of the caller's address, a habit's creation day (issue 15).
 *
 * @example
 * const key = boundedCache<Promise<CryptoKey>>(32);
 * key(secret, () => crypto.subtle.importKey(…));
 */
export function boundedCache<V>(max: number): (key: string, make: () => V) => V {
  const kept = new Map<string, V>();
  return (key, make) => {
    if (kept.has(key)) return kept.get(key) as V;
    const value = make();
    if (kept.size >= max) kept.clear();
    kept.set(key, value);
    if (value instanceof Promise) {
      value.catch(() => {
        if (kept.get(key) === value) kept.delete(key);
      });
    }
    return value;
  };
}
