/**
 * A `Date` whose "now" runs a fixed offset away from the real clock: the local stack's clock for
 * trying Haven at any hour (`HAVEN_CLOCK`, README "Trying Haven at another hour"). Only "now"
 * moves (`Date.now()`, `new Date()`, `Date()`); dates built from a value, `Date.parse` and
 * `Date.UTC` are untouched, time runs on at its normal pace, and `instanceof Date` still holds
 * for every date, shifted or not (the constructor is a proxy of the real one, sharing its
 * prototype).
 *
 * Development only: the Worker's deployed entry (`worker/index.ts`) never imports
 * this; `npm start` swaps in `worker/dev/index.ts` when a clock is asked for.
 *
 * @example
 * globalThis.Date = shiftedDate(Date, Date.parse("2026-11-15T00:10:00Z") - Date.now());
 */
export function shiftedDate(real: DateConstructor, offsetMs: number): DateConstructor {
  if (!Number.isFinite(offsetMs)) throw new Error(`A clock offset must be a finite number of ms, not ${offsetMs}`);
  const now = () => real.now() + offsetMs;
  return new Proxy(real, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    // Date() called as a function ignores its arguments and answers the current time as text.
    apply: (target) => new target(now()).toString(),
    get: (target, property, receiver) => (property === "now" ? now : Reflect.get(target, property, receiver)),
  });
}

const REAL_DATE = Symbol.for("haven.realDate");

/**
 * Shifts this JavaScript realm's clock by `offsetMs` (relative to the real clock, however often
 * it is called: a second call replaces the first shift rather than adding to it).
 */
export function shiftClock(offsetMs: number): void {
  const scope = globalThis as typeof globalThis & { [REAL_DATE]?: DateConstructor };
  scope[REAL_DATE] ??= Date;
  globalThis.Date = offsetMs === 0 ? scope[REAL_DATE] : shiftedDate(scope[REAL_DATE], offsetMs);
}

/**
 * Reads `HAVEN_CLOCK` ("2026-11-15T00:10:00Z", any instant `Date.parse` reads with a zone) into
 * the offset from the real clock now; 0 when unset. Throws on a value that is not an instant,
 * so a typo never silently runs the stack at the real time.
 */
export function clockOffsetFrom(value: string | undefined, realNow = Date.now()): number {
  if (value === undefined || value.trim() === "") return 0;
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) {
    throw new Error(`HAVEN_CLOCK must be an ISO 8601 instant with a zone, e.g. 2026-11-15T00:10:00Z, not "${value}"`);
  }
  return at - realNow;
}
