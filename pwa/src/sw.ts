/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The app shell, precached at install: the app opens with no network at all.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation gets the cached shell (the app routes on the client), except the API.
registerRoute(new NavigationRoute(createHandlerBoundToURL("/index.html"), { denylist: [/^\/api\//] }));

// The first install takes over the open pages at once (issue 11, defect 10): without this the
// page that installed the worker stays uncontrolled until a reload, and offline its lazily loaded
// screens cannot be fetched. It never swaps one version for another: an update still waits (below),
// and claim() only takes pages no worker controls (the first session, or a hard reload).
self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

// The page asks for this only after the user accepted the update prompt.
self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

// Web Push (issue 17). The payload is the Worker's fixed catalogue (shared/domain/
// notification-texts.ts): a title, a body with no health content, the in-app path to open, and
// a tag (a newer notification of a kind replaces the older one).
interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
}

const NOTIFICATION_ICON = "/icons/icon-192.png";

/** The payload, or a plain fallback: a push that cannot be read still says only "Haven". */
function readPush(event: PushEvent): PushPayload {
  const fallback: PushPayload = { title: "Haven", body: "You have something new in Haven", url: "/", tag: "haven" };
  try {
    const data = event.data?.json() as Partial<PushPayload> | undefined;
    if (!data || typeof data.title !== "string" || typeof data.body !== "string") return fallback;
    return {
      title: data.title,
      body: data.body,
      url: typeof data.url === "string" ? inAppPath(data.url) : "/",
      tag: typeof data.tag === "string" ? data.tag : "haven",
    };
  } catch {
    return fallback;
  }
}

/** Only a path of this app is ever opened: anything else becomes "/". */
function inAppPath(url: string): string {
  try {
    const resolved = new URL(url, self.location.origin);
    return resolved.origin === self.location.origin ? `${resolved.pathname}${resolved.search}` : "/";
  } catch {
    return "/";
  }
}

async function windows(): Promise<WindowClient[]> {
  return (await self.clients.matchAll({ type: "window", includeUncontrolled: true })) as WindowClient[];
}

async function showPush(payload: PushPayload): Promise<void> {
  await self.registration.showNotification(payload.title, {
    body: payload.body,
    tag: payload.tag,
    icon: NOTIFICATION_ICON,
    badge: NOTIFICATION_ICON,
    data: { url: payload.url },
  });
  // Open pages refresh their badges now rather than at their next poll.
  for (const client of await windows()) client.postMessage({ type: "haven:push" });
}

self.addEventListener("push", (event) => {
  // The promise is built first and handed to waitUntil, so the work runs for a synthetic event too.
  const work = showPush(readPush(event));
  event.waitUntil(work);
});

async function openFromNotification(url: string): Promise<void> {
  const open = await windows();
  const client = open.find((c) => new URL(c.url).origin === self.location.origin);
  if (client) {
    // The page routes itself (pwa/src/notify/push.ts): no reload, no lost state.
    client.postMessage({ type: "haven:navigate", url });
    await client.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(url);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  const url = inAppPath(typeof data?.url === "string" ? data.url : "/");
  const work = openFromNotification(url);
  event.waitUntil(work);
});
