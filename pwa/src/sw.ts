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
