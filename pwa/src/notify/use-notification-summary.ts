import { useEffect, useState } from "preact/hooks";
import type { NotificationSummary } from "../../../shared/schemas/notifications";
import { api } from "../api/session";

/**
 * The notification summary (GET /notifications/summary): unread messages for the navigation's
 * badge, a patient's due reminders as in-app nudges. One copy for the whole page, fetched every
 * 30 s while the page is visible, when it becomes visible or focused again, when the connection
 * returns, when the service worker says a push arrived (`{ type: "haven:push" }`), and when the
 * app itself changed what it counts (refreshNotificationSummary, e.g. after marking read).
 *
 * Offline, or when the service does not answer, the last answer stays (never an error): a badge
 * is a hint, and the messages themselves are on the device.
 */

/** How often an open, visible page asks again. */
export const SUMMARY_POLL_MS = 30_000;

/** The page's event for "what the summary counts has changed here": everyone listening refreshes. */
export const SUMMARY_REFRESH_EVENT = "haven:notifications-refresh";

interface Held {
  userId: string;
  summary: NotificationSummary;
}

let held: Held | null = null;
let inFlight: Promise<void> | null = null;
const listeners = new Set<(h: Held | null) => void>();

function publish(next: Held | null): void {
  held = next;
  for (const listener of listeners) listener(next);
}

/** A refresh asked for while one was in flight: the answer on its way may predate the change. */
let again = false;

/**
 * Fetches the summary now for `userId`, one request at a time: asked again meanwhile, it fetches
 * once more when the current one ends. Failures keep the last answer.
 */
async function fetchSummary(userId: string): Promise<void> {
  if (typeof navigator !== "undefined" && !navigator.onLine) return;
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = (async () => {
    try {
      do {
        again = false;
        const res = await api.notifications.summary.$get();
        if (res.ok) publish({ userId, summary: await res.json() });
      } while (again);
    } catch {
      // Unreachable: the last count stands.
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/** Asks every mounted summary to fetch again (after a change this page made: a message read, a check-in). */
export function refreshNotificationSummary(): void {
  dispatchEvent(new Event(SUMMARY_REFRESH_EVENT));
}

/** Whether a service-worker message says a push arrived. */
function isPushMessage(event: MessageEvent): boolean {
  const data: unknown = event.data;
  return typeof data === "object" && data !== null && (data as { type?: unknown }).type === "haven:push";
}

// The page's one poller: started by the first mounted summary, stopped with the last.
let watchers = 0;
let watchedUser = "";
let stopWatching: (() => void) | null = null;

function watch(userId: string): () => void {
  watchedUser = userId;
  watchers++;
  if (stopWatching === null) {
    const refresh = () => void fetchSummary(watchedUser);
    const whenVisible = () => {
      if (document.visibilityState === "visible") refresh();
    };
    const onWorkerMessage = (event: MessageEvent) => {
      if (isPushMessage(event)) refresh();
    };
    const timer = setInterval(whenVisible, SUMMARY_POLL_MS);
    document.addEventListener("visibilitychange", whenVisible);
    addEventListener("focus", refresh);
    addEventListener("online", refresh);
    addEventListener(SUMMARY_REFRESH_EVENT, refresh);
    navigator.serviceWorker?.addEventListener("message", onWorkerMessage);
    stopWatching = () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", whenVisible);
      removeEventListener("focus", refresh);
      removeEventListener("online", refresh);
      removeEventListener(SUMMARY_REFRESH_EVENT, refresh);
      navigator.serviceWorker?.removeEventListener("message", onWorkerMessage);
    };
  }
  void fetchSummary(userId);
  return () => {
    watchers--;
    if (watchers === 0) {
      stopWatching?.();
      stopWatching = null;
    }
  };
}

/**
 * The signed-in user's summary, live; null before the first answer (or when the answer held is
 * another user's: a new sign-in on this page never shows the previous person's counts).
 */
export function useNotificationSummary(userId: string): NotificationSummary | null {
  const [state, setState] = useState<Held | null>(held);

  useEffect(() => {
    listeners.add(setState);
    const unwatch = watch(userId);
    return () => {
      listeners.delete(setState);
      unwatch();
    };
  }, [userId]);

  return state && state.userId === userId ? state.summary : null;
}
