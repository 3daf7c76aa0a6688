import { useEffect, useState } from "preact/hooks";
import { useOnline } from "../data/use-online";
import { Feedback } from "../screens/settings/Feedback";
import { disablePush, enablePush, type PushStatus, pushStatus, refreshPush } from "./push";

/** What each state means for the person, and what they can do. */
const EXPLAIN: Record<PushStatus, string> = {
  unsupported:
    "This browser cannot show notifications from Haven. On a phone, add Haven to your home screen first, or use a recent Chrome, Edge, Firefox or Safari.",
  denied:
    "Notifications are blocked for Haven in this browser. To allow them, open the site settings (the icon beside the address), set Notifications to Allow, then come back here.",
  off: "Off. When on, this device shows a short note when something new arrives in Haven. It never shows what a message says or anything about how you are.",
  on: "On. This device shows a short note when something new arrives in Haven — never what a message says or anything about how you are.",
};

/**
 * "Notifications on this device" (issue 17): one switch for this browser's Web Push
 * subscription, with what each state means (not possible here, blocked in the browser's settings
 * and how to unblock, off, on). Turning it on or off needs a connection.
 */
export function PushToggle() {
  const online = useOnline();
  const [status, setStatus] = useState<PushStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void pushStatus()
      .catch((): PushStatus => "unsupported")
      .then((s) => {
        if (!live) return;
        setStatus(s);
        // This browser's subscription belongs to whoever is signed in now.
        if (s === "on") void refreshPush();
      });
    return () => {
      live = false;
    };
  }, []);

  async function change(on: boolean) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = on ? await enablePush() : await disablePush();
      if (!result.ok) setError(result.message);
      else setDone(on ? "Notifications are on for this device." : "Notifications are off for this device.");
      setStatus(await pushStatus().catch((): PushStatus => "unsupported"));
    } finally {
      setBusy(false);
    }
  }

  const shown = status ?? "off";
  const cannot = shown === "unsupported" || shown === "denied";
  return (
    <section class="card" aria-labelledby="push-title" data-testid="push-toggle">
      <h3 id="push-title">Notifications</h3>
      <label class="check">
        <input
          type="checkbox"
          checked={shown === "on"}
          disabled={status === null || busy || cannot || !online}
          aria-describedby="push-help"
          data-testid="push-switch"
          onChange={(e) => void change(e.currentTarget.checked)}
        />
        <span>Notifications on this device</span>
      </label>
      <p id="push-help" class="muted help" data-testid="push-status" data-status={status ?? "loading"}>
        {status === null ? "Checking this browser…" : EXPLAIN[shown]}
        {!online && !cannot ? " Changing this needs a connection." : ""}
      </p>
      <Feedback error={error} done={done} testId="push" />
    </section>
  );
}
