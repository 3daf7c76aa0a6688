import { syncOnce } from "./sync";

/**
 * When to sync: at start, when the browser says it is back online, when the app becomes
 * visible, after every write, and every 30 s. `navigator.onLine` is only a hint: a failed
 * request is what marks the app offline. Failures retry with exponential backoff and jitter.
 */
export function startSyncEngine(onState: (state: { reachable: boolean }) => void): {
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
    try {
      await syncOnce();
      backoff = 1_000;
      onState({ reachable: true });
    } catch {
      onState({ reachable: false });
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
