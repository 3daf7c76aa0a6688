import { useEffect, useRef, useState } from "preact/hooks";
import type { PublicUser } from "../../shared/schemas/auth";
import { signOut } from "./api/session";
import { db } from "./data/db";
import { startSyncEngine } from "./data/engine";
import { useLive } from "./data/use-live";
import { Habits } from "./screens/Habits";
import { Today } from "./screens/Today";

/** The signed-in app: the sync engine, the offline banner with pending changes, and the screens. */
export function SignedIn({ user }: { user: PublicUser }) {
  const [reachable, setReachable] = useState(true);
  const engine = useRef<{ nudge: () => void; stop: () => void } | null>(null);
  const pending = useLive(() => db.outbox.count(), 0);
  const notice = useLive(() => db.notices.orderBy("id").last(), undefined);

  useEffect(() => {
    void db.meta.put({ key: "user", value: JSON.stringify(user) });
  }, [user]);

  useEffect(() => {
    engine.current = startSyncEngine(({ reachable: r }) => setReachable(r));
    // Ask the browser to keep our data under storage pressure (best effort).
    void navigator.storage?.persist?.();
    return () => engine.current?.stop();
  }, []);

  async function leave() {
    engine.current?.stop();
    await signOut();
    // Signing out forgets this device's copy of the data, online or not.
    await db.delete();
    await db.open();
  }

  return (
    <>
      {!reachable || pending > 0 ? (
        <p class="banner" role="status" data-testid="sync-banner">
          {reachable ? "Syncing…" : "You're offline. Your changes are saved on this device."}{" "}
          {pending > 0 ? `${pending} change${pending === 1 ? "" : "s"} waiting to sync.` : ""}
        </p>
      ) : null}
      {notice ? (
        <p class="snackbar" role="alert" data-testid="notice">
          A change was not saved: {notice.message}{" "}
          <button type="button" onClick={() => void db.notices.delete(notice.id as number)}>
            Dismiss
          </button>
        </p>
      ) : null}
      <section class="card" aria-labelledby="welcome">
        <h2 id="welcome" data-testid="welcome">
          Welcome, {user.displayName}
        </h2>
        <button type="button" onClick={() => void leave()}>
          Sign out
        </button>
      </section>
      <Today onWrite={() => engine.current?.nudge()} />
      <Habits user={user} onWrite={() => engine.current?.nudge()} />
    </>
  );
}
