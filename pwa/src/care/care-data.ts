import { useEffect, useState } from "preact/hooks";
import { errorOf } from "../api/session";
import { db } from "../data/db";

/**
 * The care team's data: fetched online through the typed client, kept on this device so the
 * last view stays readable (never editable) when the connection drops, with its age shown. The
 * copy lives in the same local database as everything else, so signing out, or another person
 * signing in on this device, deletes it (SignedIn.tsx wipeDevice, lock/device.ts claimDevice).
 */

/** A failed answer from the service, with the unified error body's code and message. */
export class CareRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "CareRequestError";
  }
}

/** The body of a successful answer, or a CareRequestError carrying the unified error. */
export async function bodyOf<T>(res: { ok: boolean; status: number; json(): Promise<unknown> } & Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  const error = await errorOf(res);
  throw new CareRequestError(error.code, error.message, res.status);
}

/** A request that never reached the service (offline, or no answer): not the service's "no". */
export function isUnreachable(error: unknown): boolean {
  return !(error instanceof CareRequestError);
}

// ---------------------------------------------------------------------------------------------
// Whether the service answered the last request: the offline banner's one source, so a screen
// never says "offline" while requests are being answered.

let reachable = true;
const reachListeners = new Set<(r: boolean) => void>();

function setReachable(next: boolean): void {
  if (next === reachable) return;
  reachable = next;
  for (const listener of reachListeners) listener(next);
}

/** True while the last request reached the service and the browser is online. */
export function useReachable(): boolean {
  const [state, setState] = useState(reachable && navigator.onLine);
  useEffect(() => {
    const update = () => setState(reachable && navigator.onLine);
    reachListeners.add(update);
    addEventListener("online", update);
    addEventListener("offline", update);
    return () => {
      reachListeners.delete(update);
      removeEventListener("online", update);
      removeEventListener("offline", update);
    };
  }, []);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Loading, keeping and refreshing.

/** What a screen shows: the data (live or saved), how old the saved copy is, and any problem. */
export interface CareData<T> {
  data: T | null;
  /** When the data shown was fetched (ms since the epoch); null before any. */
  fetchedAt: number | null;
  /** live: this visit's answer; saved: the copy kept on this device (the service was not reached). */
  source: "loading" | "live" | "saved" | "none";
  /** Why the latest fetch failed (the service refused it, or it could not be reached). */
  error: string | null;
  /** The service's error code when it refused; null when unreachable or fine. */
  errorCode: string | null;
  reload: () => void;
}

const CACHE_PREFIX = "care:" as const;
const BLANK = { data: null, fetchedAt: null, source: "loading", error: null, errorCode: null } as const;
const invalidators = new Map<string, Set<() => void>>();

/** Every screen showing `key` fetches it again (after a write changed it). */
export function invalidate(...keys: string[]): void {
  for (const key of keys) for (const reload of invalidators.get(key) ?? []) reload();
}

interface Saved<T> {
  fetchedAt: number;
  data: T;
}

async function readSaved<T>(key: string): Promise<Saved<T> | null> {
  const row = await db.meta.get(`${CACHE_PREFIX}${key}` as const).catch(() => undefined);
  if (!row) return null;
  try {
    return JSON.parse(row.value) as Saved<T>;
  } catch {
    return null;
  }
}

async function save<T>(key: string, data: T, fetchedAt: number): Promise<void> {
  await db.meta
    .put({ key: `${CACHE_PREFIX}${key}` as const, value: JSON.stringify({ fetchedAt, data }) })
    .catch(() => undefined);
}

async function forget(key: string): Promise<void> {
  await db.meta.delete(`${CACHE_PREFIX}${key}` as const).catch(() => undefined);
}

/** How often an open screen fetches again while it stays open. */
export const CARE_REFRESH_MS = 60_000;

/**
 * Fetches `load()` now, every `refreshMs` (CARE_REFRESH_MS unless given; null: never on a timer)
 * and on invalidate(key) or reconnecting, keeping the answer on this device; when the service
 * cannot be reached, shows the kept copy instead, with its age. A read the server audits (a
 * clinician's view of a patient's record) passes null, so an open screen does not write an audit
 * event a minute.
 */
export function useCareData<T>(
  key: string,
  load: () => Promise<T>,
  { refreshMs = CARE_REFRESH_MS }: { refreshMs?: number | null } = {},
): CareData<T> {
  const [state, setState] = useState<Omit<CareData<T>, "reload"> & { key: string }>({ key, ...BLANK });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const reload = () => setRound((r) => r + 1);
    const set = invalidators.get(key) ?? new Set();
    set.add(reload);
    invalidators.set(key, set);
    const timer = refreshMs === null ? undefined : setInterval(reload, refreshMs);
    addEventListener("online", reload);
    return () => {
      set.delete(reload);
      clearInterval(timer);
      removeEventListener("online", reload);
    };
  }, [key, refreshMs]);

  useEffect(() => {
    let current = true;
    void (async () => {
      try {
        const data = await load();
        const fetchedAt = Date.now();
        setReachable(true);
        await save(key, data, fetchedAt);
        if (current) setState({ key, data, fetchedAt, source: "live", error: null, errorCode: null });
      } catch (error) {
        if (!current) return;
        // The service's own trouble (a 5xx, a 429) is not a refusal: the saved copy stands in,
        // as it does offline (only a request that got no answer says "offline").
        const refused = error instanceof CareRequestError && error.status < 500 && error.status !== 429;
        if (!refused) {
          setReachable(!isUnreachable(error));
          const problem = error instanceof CareRequestError ? error.message : UNREACHABLE;
          const saved = await readSaved<T>(key);
          if (!current) return;
          setState((s) =>
            s.key === key && s.source === "live" && s.data !== null
              ? { ...s, source: "saved", error: problem }
              : saved
                ? {
                    key,
                    data: saved.data,
                    fetchedAt: saved.fetchedAt,
                    source: "saved",
                    error: problem,
                    errorCode: null,
                  }
                : {
                    key,
                    ...BLANK,
                    source: "none",
                    error: problem,
                    errorCode: error instanceof CareRequestError ? error.code : null,
                  },
          );
        } else {
          setReachable(true);
          const e = error as CareRequestError;
          // No longer theirs to see (unassigned, or the patient is gone): the saved copy goes too.
          if (e.status === 403 || e.status === 404) await forget(key);
          if (current) setState({ key, ...BLANK, source: "none", error: e.message, errorCode: e.code });
        }
      }
    })();
    return () => {
      current = false;
    };
  }, [key, round]);

  const reload = () => setRound((r) => r + 1);
  // A new key shows nothing of the old one's data while its own loads.
  if (state.key !== key) return { ...BLANK, reload };
  const { key: _, ...shown } = state;
  return { ...shown, reload };
}

const UNREACHABLE = "Haven cannot be reached right now.";

/** The message for a write attempted without a connection: nothing was changed. */
export const NEEDS_CONNECTION =
  "This needs a connection to Haven. Nothing was changed; try again when you're back online.";

/**
 * Runs a write from a staff screen: refused at once offline (staff writes are never queued),
 * and any failure comes back as a sentence to show. Resolves to the body on success.
 */
export async function careWrite<T>(
  send: () => Promise<Response>,
): Promise<{ ok: true; body: T } | { ok: false; error: string; code: string | null }> {
  if (!navigator.onLine) return { ok: false, error: NEEDS_CONNECTION, code: null };
  try {
    const res = await send();
    setReachable(true);
    if (res.status === 204) return { ok: true, body: null as T };
    return { ok: true, body: await bodyOf<T>(res) };
  } catch (error) {
    if (error instanceof CareRequestError) return { ok: false, error: error.message, code: error.code };
    setReachable(false);
    return { ok: false, error: NEEDS_CONNECTION, code: null };
  }
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago": how old a saved copy is. */
export function ageOf(fetchedAt: number, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - fetchedAt) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}
