import { useEffect, useRef, useState } from "preact/hooks";
import { db } from "../data/db";
import { Link } from "../ui/Link";
import { MAX_PIN_FAILURES, tryUnlock } from "./pin";
import "./lock.css";

/**
 * Asks for the app PIN before any health data renders (a cold start, or back after 5 minutes in
 * the background). Crisis help stays one tap away above it. After MAX_PIN_FAILURES wrong PINs in
 * a row the data is already forgotten (lock/pin.ts) and `onLockout` signs the device out.
 */
export function LockScreen({ onUnlock, onLockout }: { onUnlock: () => void; onLockout: () => Promise<void> }) {
  const [pin, setPin] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const result = await tryUnlock(db, pin);
      if (result.ok) return onUnlock();
      setPin("");
      if (result.left === 0) return await onLockout();
      setError(
        `That PIN is not right. ${result.left} ${result.left === 1 ? "try" : "tries"} left before Haven signs this device out.`,
      );
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card lock-screen" aria-labelledby="lock-title" data-testid="lock-screen">
      <h2 id="lock-title">Haven is locked</h2>
      <p>Enter your app PIN to open your data on this device.</p>
      <form onSubmit={submit}>
        <label>
          App PIN
          <input
            ref={input}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]*"
            maxLength={8}
            value={pin}
            aria-describedby={error ? "unlock-error" : undefined}
            onInput={(e) => setPin((e.target as HTMLInputElement).value)}
            data-testid="unlock-pin"
          />
        </label>
        <button type="submit" disabled={busy || pin.length < 4} data-testid="unlock-submit">
          {busy ? "Checking…" : "Unlock"}
        </button>
      </form>
      {error ? (
        <p id="unlock-error" role="alert" class="error" data-testid="unlock-error">
          {error}
        </p>
      ) : null}
      <p class="hint">
        Forgot it? After {MAX_PIN_FAILURES} wrong tries this device is signed out and you sign in with your password.
        Anything not yet synced is kept for you. <Link href="/crisis">Crisis help</Link> works without the PIN.
      </p>
    </section>
  );
}
