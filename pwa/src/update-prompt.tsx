import { useEffect, useState } from "preact/hooks";
import { Workbox } from "workbox-window";

/**
 * Registers the service worker and, when a new version has installed and is waiting, asks
 * before switching: reloading mid-task could lose what the patient is typing.
 */
export function UpdatePrompt() {
  const [workbox, setWorkbox] = useState<Workbox | null>(null);
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    const wb = new Workbox("/sw.js", { scope: "/" });
    wb.addEventListener("waiting", () => setWaiting(true));
    // The first worker claims the page that installed it (pwa/src/sw.ts): the same version of the
    // app, now able to open its screens offline, so nothing reloads. Any later change of
    // controller is a new version taking over (accepted here or in another tab): load it.
    let controlled = navigator.serviceWorker.controller !== null;
    wb.addEventListener("controlling", () => {
      if (controlled) window.location.reload();
      controlled = true;
    });
    wb.register().catch(() => {
      // No service worker (private mode, unsupported): the app still works online.
    });
    setWorkbox(wb);
  }, []);

  if (!waiting || !workbox) return null;
  return (
    <div role="alertdialog" aria-labelledby="update-title" class="update-prompt">
      <p id="update-title">A new version of Haven is ready.</p>
      <button type="button" onClick={() => workbox.messageSkipWaiting()}>
        Update now
      </button>
      <button type="button" onClick={() => setWaiting(false)}>
        Later
      </button>
    </div>
  );
}
