import { useEffect, useState } from "preact/hooks";
import { db } from "../../data/db";
import { changePin, MAX_PIN_FAILURES, pinIsSet, removePin, setPin } from "../../lock/pin";
import { validPin } from "../../lock/rules";
import { Feedback } from "./Feedback";

const pinInput = {
  type: "password",
  inputMode: "numeric",
  pattern: "[0-9]*",
  minLength: 4,
  maxLength: 8,
  autoComplete: "off",
  required: true,
} as const;

/**
 * The optional app PIN (4 to 8 digits), kept on this device only as a PBKDF2 hash: set, changed
 * or removed (both need the current PIN). Works offline: it never talks to the server.
 */
export function PinSection() {
  const [set, setSet] = useState<boolean | null>(null);
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    void pinIsSet(db).then(setSet);
  }, []);

  function reset(message: string) {
    setCurrent("");
    setNext("");
    setRepeat("");
    setDone(message);
  }

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    setDone(null);
    if (!validPin(next)) return setError("Use 4 to 8 digits for the PIN.");
    if (next !== repeat) return setError("The two PINs are not the same.");
    setBusy(true);
    try {
      if (set) {
        if (!(await changePin(db, current, next))) return setError("The current PIN is not right.");
        reset("Your PIN is changed.");
      } else {
        await setPin(db, next);
        setSet(true);
        reset("Haven now asks for this PIN when it opens and after 5 minutes away.");
      }
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      if (!(await removePin(db, current))) return setError("Enter your current PIN to remove it.");
      setSet(false);
      reset("The PIN is removed. Haven opens without it.");
    } finally {
      setBusy(false);
    }
  }

  if (set === null) return null;
  return (
    <section class="card" aria-labelledby="pin-title" data-testid="pin-section">
      <h3 id="pin-title">App PIN</h3>
      <p class="muted">
        {set
          ? "Haven asks for your PIN when it opens and after 5 minutes away. "
          : "Add a PIN so nobody else who picks up this device can open your data. "}
        After {MAX_PIN_FAILURES} wrong tries the device is signed out and its data removed.
      </p>
      <form onSubmit={save}>
        {set ? (
          <label>
            Current PIN
            <input
              {...pinInput}
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
              data-testid="pin-current"
            />
          </label>
        ) : null}
        <label>
          {set ? "New PIN" : "PIN (4 to 8 digits)"}
          <input {...pinInput} value={next} onInput={(e) => setNext(e.currentTarget.value)} data-testid="pin-new" />
        </label>
        <label>
          {set ? "New PIN again" : "PIN again"}
          <input
            {...pinInput}
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
            data-testid="pin-repeat"
          />
        </label>
        <Feedback error={error} done={done} testId="pin" />
        <button type="submit" disabled={busy} data-testid="pin-save">
          {set ? "Change PIN" : "Set PIN"}
        </button>
        {set ? (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => void remove()}
            data-testid="pin-remove"
          >
            Remove PIN
          </button>
        ) : null}
      </form>
    </section>
  );
}
