import { useEffect, useRef, useState } from "preact/hooks";
import { db } from "./data/db";
import "./sign-out.css";

const changes = (n: number) => `${n} change${n === 1 ? "" : "s"}`;

/**
 * The navigation's Sign out. Signing out deletes this device's copy of the data, so with changes
 * still waiting to sync it first says how many, offers to sync them now, and discards them only
 * on its own explicit confirmation. With nothing waiting it signs out at once.
 */
export function SignOutButton({
  pending,
  reachable,
  syncRuns,
  nudge,
  leave,
}: {
  /** Changes waiting in the outbox (live). */
  pending: number;
  /** Whether the last sync round reached the service. */
  reachable: boolean;
  /** How many sync rounds have finished, to tell when the one asked for has. */
  syncRuns: number;
  /** Asks the sync engine for a round now. */
  nudge: () => void;
  /** Signs out and forgets this device's copy. */
  leave: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  /** The finished-rounds count when "Sync now" was pressed; null before. */
  const [askedAt, setAskedAt] = useState<number | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  async function signOut() {
    // Counted afresh: the live count may not have caught up with a write made a moment ago.
    if (pending > 0 || (await db.outbox.count()) > 0) {
      setAskedAt(null);
      setOpen(true);
      return;
    }
    await confirmLeave();
  }

  async function confirmLeave() {
    setBusy(true);
    try {
      await leave();
    } finally {
      setBusy(false);
    }
  }

  function syncNow() {
    setAskedAt(syncRuns);
    nudge();
  }

  const waiting = askedAt !== null && syncRuns === askedAt;
  let status: string;
  if (pending === 0) status = "All your changes are synced. You can sign out now and nothing is lost.";
  else if (waiting) status = "Syncing…";
  else if (askedAt !== null && !reachable)
    status = `Haven cannot be reached right now, so ${pending === 1 ? "it" : "they"} cannot sync yet. Stay signed in and ${pending === 1 ? "it" : "they"} will sync when you are back online.`;
  else if (askedAt !== null) status = `${changes(pending)} still waiting to sync.`;
  else status = "";

  return (
    <>
      <button type="button" class="link" disabled={busy} onClick={() => void signOut()}>
        Sign out
      </button>
      <dialog
        ref={dialog}
        class="sign-out-dialog"
        aria-labelledby="sign-out-title"
        aria-describedby="sign-out-what"
        onClose={() => setOpen(false)}
      >
        {open ? (
          <>
            <h2 id="sign-out-title">Unsynced changes on this device</h2>
            <p id="sign-out-what">
              {pending > 0
                ? `${changes(pending)} on this device ${pending === 1 ? "has" : "have"} not reached Haven yet. Signing out deletes ${pending === 1 ? "it" : "them"} from this device for good.`
                : "Everything on this device has reached Haven."}
            </p>
            <p role="status" aria-live="polite">
              {status}
            </p>
            <div class="actions">
              {pending > 0 ? (
                <>
                  <button type="button" onClick={syncNow} disabled={waiting}>
                    Sync now
                  </button>
                  <button type="button" class="secondary" onClick={() => setOpen(false)}>
                    Stay signed in
                  </button>
                  <button type="button" class="danger" disabled={busy} onClick={() => void confirmLeave()}>
                    Discard {changes(pending)} and sign out
                  </button>
                </>
              ) : (
                <>
                  <button type="button" disabled={busy} onClick={() => void confirmLeave()}>
                    Sign out
                  </button>
                  <button type="button" class="secondary" onClick={() => setOpen(false)}>
                    Stay signed in
                  </button>
                </>
              )}
            </div>
          </>
        ) : null}
      </dialog>
    </>
  );
}
