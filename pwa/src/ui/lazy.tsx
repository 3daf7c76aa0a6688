import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * A screen whose code loads on first use (charts, QR codes), so the first paint stays small.
 * Its chunk is precached by the service worker, so it opens offline too.
 */
export function lazyScreen<P extends object>(
  load: () => Promise<{ default: FunctionComponent<P> }>,
): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | null = null;
  return function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<FunctionComponent<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      load()
        .then((m) => {
          loaded = m.default;
          setScreen(() => m.default);
          // The router focused the heading before the screen had one: focus it now it exists.
          if (document.activeElement === document.body) {
            requestAnimationFrame(() => document.querySelector<HTMLElement>("main h2")?.focus());
          }
        })
        .catch(() => setFailed(true));
    }, []);
    if (failed) return <p role="alert">This screen could not be loaded. Reload the app to try again.</p>;
    return Screen ? <Screen {...props} /> : <p role="status">Loading…</p>;
  };
}

/** lazyScreen for a module's named component: `lazyNamed(() => import("./X").then((m) => m.X))`. */
export function lazyNamed<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  return lazyScreen(() => load().then((component) => ({ default: component })));
}
