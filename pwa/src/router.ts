import { useEffect, useState } from "preact/hooks";

/**
 * A tiny path router over the History API. Every path is a real URL the service worker's
 * navigation fallback answers offline, so a deep link or a reload lands on the same screen.
 */
const listeners = new Set<() => void>();

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, "", path);
  for (const listener of listeners) listener();
  // Move focus to the new screen's heading so keyboard and screen-reader users follow along.
  queueMicrotask(() => document.querySelector<HTMLElement>("main h2")?.focus());
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return path;
}

/** Follows a same-origin link without a page load (modifier keys keep the browser's behaviour). */
export function followLink(event: MouseEvent, path: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(path);
}
