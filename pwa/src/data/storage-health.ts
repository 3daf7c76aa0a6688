import { useEffect, useState } from "preact/hooks";

/**
 * Whether this device's storage is failing Haven (out of space, or the database unusable), as
 * the last write or sync found it. A failure is shown as what it is — never as "offline" — and
 * the notice clears by itself once a write or sync succeeds again.
 */
let problem: string | null = null;
/** When the current problem was reported (performance.now()). */
let problemAt = Number.NEGATIVE_INFINITY;
const listeners = new Set<(p: string | null) => void>();

function set(next: string | null): void {
  if (next === problem) return;
  problem = next;
  for (const listener of listeners) listener(problem);
}

/** The error's own name, or that of the IndexedDB error Dexie wraps. */
function names(err: unknown): string[] {
  const e = err as { name?: unknown; inner?: { name?: unknown } } | null;
  return [e?.name, e?.inner?.name].filter((n): n is string => typeof n === "string");
}

/** Whether an error came from the device's storage (IndexedDB) rather than the network. */
export function isStorageError(err: unknown): boolean {
  return names(err).some(
    (n) =>
      n === "QuotaExceededError" ||
      n === "DatabaseClosedError" ||
      n === "InvalidStateError" ||
      n === "UnknownError" ||
      n === "OpenFailedError",
  );
}

/** Records a storage failure (returns whether it was one), worded for the patient. */
export function reportStorageFailure(err: unknown): boolean {
  if (!isStorageError(err)) return false;
  problemAt = performance.now();
  set(
    names(err).includes("QuotaExceededError")
      ? "This device is out of storage space, so Haven could not save your latest change or sync. Free some space; nothing already saved is lost."
      : "Haven could not use this device's storage just now, so your latest change may not be saved. Try again; if it keeps happening, restart the app.",
  );
  return true;
}

/**
 * A write or sync went through: any storage notice is over — unless the problem was reported
 * after that work began (a sync round that finished its writes before the disk filled up says
 * nothing about the disk now). `startedAt`: when the successful work began (performance.now()).
 */
export function reportStorageOk(startedAt: number): void {
  if (startedAt >= problemAt) set(null);
}

/** The current storage problem (null when there is none). */
export function storageProblem(): string | null {
  return problem;
}

/** The current storage problem, live (null when there is none). */
export function useStorageProblem(): string | null {
  const [value, setValue] = useState(problem);
  useEffect(() => {
    listeners.add(setValue);
    setValue(problem);
    return () => {
      listeners.delete(setValue);
    };
  }, []);
  return value;
}
