import { useEffect, useRef, useState } from "preact/hooks";
import type { PublicUser } from "../../shared/schemas/auth";
import { signOut } from "./api/session";
import { EmailVerificationBanner } from "./auth/EmailVerificationBanner";
import { db } from "./data/db";
import { startSyncEngine } from "./data/engine";
import { useStorageProblem } from "./data/storage-health";
import { dismissNotice } from "./data/sync";
import { useLive } from "./data/use-live";
import { claimDevice } from "./lock/device";
import { MessagesBadge } from "./notify/MessagesBadge";
import { forgetPushHere, listenForServiceWorkerMessages } from "./notify/push";
import { navigate, usePath } from "./router";
import { SignOutButton } from "./SignOut";
import { SCREENS, screenFor } from "./screens";
import { ClockNotice } from "./ui/ClockNotice";
import { Link } from "./ui/Link";

/** Deletes everything Haven keeps on this device (cache, outbox, notices, meta). */
export async function wipeDevice(): Promise<void> {
  await db.delete();
  await db.open();
}

/** Another person's data (or hidden outbox, lock/device.ts) is wiped; this user's own is kept. */
async function forgetOtherUser(userId: string): Promise<void> {
  await claimDevice(db, userId, wipeDevice);
}

/**
 * The signed-in app: the sync engine, the crisis button (one tap, every screen, offline), the
 * navigation, the offline banner with the pending count, refusal notices, and the screen.
 */
export function SignedIn({ user }: { user: PublicUser }) {
  const [reachable, setReachable] = useState(true);
  // Finished sync rounds, so the sign-out warning can tell when the round it asked for is over.
  const [syncRuns, setSyncRuns] = useState(0);
  const [storage, setStorage] = useState<string | null>(null);
  // A write or sync that failed for storage (out of space): shown until one succeeds again.
  const storageProblem = useStorageProblem();
  const engine = useRef<{ nudge: () => void; stop: () => void } | null>(null);
  const pending = useLive(() => db.outbox.count(), 0);
  const notice = useLive(() => db.notices.orderBy("id").last(), undefined);
  const path = usePath();
  const screen = screenFor(path);

  // Another person's data must never be shown, or pushed under this account: when the device
  // holds someone else's cache and outbox (their session expired, then a different person
  // signed in), it is wiped before anything else reads or syncs.
  const ready = useRef<Promise<void> | null>(null);
  ready.current ??= forgetOtherUser(user.id);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    void ready.current?.then(() => db.meta.put({ key: "user", value: JSON.stringify(user) }));
  }, [user]);

  useEffect(() => {
    let stopped = false;
    void ready.current?.then(() => {
      setChecked(true);
      if (!stopped)
        engine.current = startSyncEngine(({ reachable: r }) => {
          setReachable(r);
          setSyncRuns((n) => n + 1);
        });
    });
    // Ask the browser to keep our data under storage pressure, and say if it will not.
    void navigator.storage?.persist?.().then((granted) => {
      if (!granted) setStorage("This browser may clear Haven's offline data when the device runs low on space.");
    });
    return () => {
      stopped = true;
      engine.current?.stop();
    };
  }, []);

  // A notification clicked while the app is open: the service worker asks this page to route.
  useEffect(() => listenForServiceWorkerMessages(navigate), []);

  async function leave() {
    engine.current?.stop();
    // Signing out forgets this device's copy of the data, online or not: an offline sign-out
    // cannot reach the server (the session then ends at its expiry), but the device forgets.
    // (Changes still waiting were shown, with the offer to sync them, before getting here.)
    // This browser stops receiving notifications while the session can still say so.
    await forgetPushHere();
    await signOut(wipeDevice).catch(() => undefined);
  }

  const Screen = screen.component;
  return (
    <>
      <header class="top">
        <p class="hello" data-testid="welcome">
          Welcome, {user.displayName}
        </p>
        <Link href="/crisis" class="crisis-button" testId="crisis-button">
          Crisis help
        </Link>
      </header>
      <nav aria-label="Main" class="main-nav">
        <ul>
          {SCREENS.filter((s) => s.path !== "/crisis").map((s) => (
            <li key={s.path}>
              <Link href={s.path} current={s.path === screen.path}>
                {s.label}
                {s.path === "/messages" ? <MessagesBadge userId={user.id} /> : null}
              </Link>
            </li>
          ))}
          <li>
            <SignOutButton
              pending={pending}
              reachable={reachable}
              syncRuns={syncRuns}
              nudge={() => engine.current?.nudge()}
              leave={leave}
            />
          </li>
        </ul>
      </nav>
      <EmailVerificationBanner user={user} />
      {!reachable || pending > 0 ? (
        <p class="banner" role="status" data-testid="sync-banner">
          {reachable ? "Syncing…" : "You're offline. Your changes are saved on this device."}{" "}
          {pending > 0 ? `${pending} change${pending === 1 ? "" : "s"} waiting to sync.` : ""}
        </p>
      ) : null}
      <ClockNotice />
      {storageProblem || storage ? (
        <p class="banner" role="status" data-testid="storage-warning">
          {storageProblem ?? storage}
        </p>
      ) : null}
      {notice ? (
        <p class="snackbar" role="alert" data-testid="notice">
          {notice.kind === "late" || notice.kind === "changed"
            ? notice.message
            : `A change was not saved: ${notice.message}`}{" "}
          <button type="button" class="secondary" onClick={() => void dismissNotice(notice)}>
            Dismiss
          </button>
        </p>
      ) : null}
      <div class="screen" data-screen={screen.path}>
        {checked ? <Screen user={user} onWrite={() => engine.current?.nudge()} /> : null}
      </div>
    </>
  );
}
