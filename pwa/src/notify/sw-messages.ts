/**
 * The page's side of the service worker's messages: `haven:navigate` (a notification was
 * clicked) routes to its in-app path; `haven:push` (a push arrived) calls `onPush`. Returns the
 * function that stops listening.
 */
export function listenForServiceWorkerMessages(navigate: (path: string) => void, onPush?: () => void): () => void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return () => undefined;
  const listener = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; url?: unknown } | null;
    if (data?.type === "haven:navigate" && typeof data.url === "string" && /^\/(?![/\\])/.test(data.url)) {
      navigate(data.url);
    } else if (data?.type === "haven:push") {
      onPush?.();
    }
  };
  navigator.serviceWorker.addEventListener("message", listener);
  return () => navigator.serviceWorker.removeEventListener("message", listener);
}
