import { reportStorageFailure, reportStorageOk } from "./storage-health";
import { syncOnce } from "./sync";
import { RetryLater } from "./sync-core";

/** What the app shows about syncing: whether the server answered the last round. */
export interface SyncState {
  reachable: boolean;
}

/**
 * When to sync: at start, when the browser says it is back online, when the app becomes
 * visible, after every write, and every 30 s. `navigator.onLine` is only a hint: a failed
 * request is what marks the app offline. Failures retry with exponential backoff and jitter;
 * a server that asked to retry later (RetryLater) is reachable, and waits its turn the same way.
 * A storage failure is reported as one (storage-health.ts), never as "offline".
 */
export function startSyncEngine(onState: (state: SyncState) => void): {
  nudge: () => void;
  stop: () => void;
} {
  let running = false;
  let again = false;
  let backoff = 1_000;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    clearTimeout(retry);
    const startedAt = performance.now();
    try {
      await syncOnce();
      backoff = 1_000;
      reportStorageOk(startedAt);
      onState({ reachable: true });
    } catch (err) {
      const storage = reportStorageFailure(err);
      onState({ reachable: storage || err instanceof RetryLater });
      retry = setTimeout(() => void run(), backoff * (0.5 + Math.random()));
      backoff = Math.min(backoff * 2, 60_000);
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  const nudge = () => void run();
  const onVisible = () => {
    if (document.visibilityState === "visible") nudge();
  };
  window.addEventListener("online", nudge);
  document.addEventListener("visibilitychange", onVisible);
  const interval = setInterval(nudge, 30_000);
  nudge();
  return {
    nudge,
    stop: () => {
      clearInterval(interval);
      clearTimeout(retry);
      window.removeEventListener("online", nudge);
      document.removeEventListener("visibilitychange", onVisible);
    },
  };
}
