import { useEffect, useRef, useState } from "preact/hooks";
import type { PublicUser } from "../../shared/schemas/auth";
import { signOut } from "./api/session";
import { EmailVerificationBanner } from "./auth/EmailVerificationBanner";
import { db, type Meta } from "./data/db";
import { startSyncEngine } from "./data/engine";
import { useStorageProblem } from "./data/storage-health";
import { dismissNotice } from "./data/sync";
import { useLive } from "./data/use-live";
import { claimDevice } from "./lock/device";
import { MessagesBadge } from "./notify/MessagesBadge";
import { listenForServiceWorkerMessages } from "./notify/sw-messages";
import { navigate, usePath } from "./router";
import { SignOutButton } from "./SignOut";
import { cleanPath, MORE_PATH, SCREENS, screenFor } from "./screens";
import { More } from "./screens/More";
import { useClockNotice } from "./ui/ClockNotice";
import { Link } from "./ui/Link";
import { NavIcon } from "./ui/NavIcon";
import { StatusLine } from "./ui/StatusLine";
import { statusNotes } from "./ui/status-line-rule";

/** Deletes everything Haven keeps on this device (cache, outbox, notices, meta). */
export async function wipeDevice(): Promise<void> {
  await db.delete();
  await db.open();
}

/**
 * The meta row that says this device has shown the storage-persistence note once (it is not
 * repeated on every screen or visit). (Needs "storageNote" in Meta["key"], pwa/src/data/db.ts.)
 */
const STORAGE_NOTE_KEY: Meta["key"] = "storageNote";
const STORAGE_NOTE = "This browser may clear Haven's offline data when the device runs low on space.";

/** Another person's data (or hidden outbox, lock/device.ts) is wiped; this user's own is kept. */
async function forgetOtherUser(userId: string): Promise<void> {
  await claimDevice(db, userId, wipeDevice);
}

/**
 * The signed-in app: the sync engine, the crisis button (one tap, every screen, offline), the
 * navigation (a bottom tab bar with More on a phone, a side navigation on a wide screen), the
 * status line (offline and pending count, storage, clock), refusal notices, and the screen.
 */
export function SignedIn({ user }: { user: PublicUser }) {
  const [reachable, setReachable] = useState(true);
  // Finished sync rounds, so the sign-out warning can tell when the round it asked for is over.
  const [syncRuns, setSyncRuns] = useState(0);
  // The storage-persistence note, shown once per device, on the screen where it first showed.
  const [storageNote, setStorageNote] = useState<{ path: string } | null>(null);
  // A write or sync that failed for storage (out of space): shown until one succeeds again.
  const storageProblem = useStorageProblem();
  const engine = useRef<{ nudge: () => void; stop: () => void } | null>(null);
  const pending = useLive(() => db.outbox.count(), 0);
  const notice = useLive(() => db.notices.orderBy("id").last(), undefined);
  const path = usePath();
  const screen = screenFor(path);
  const onMore = cleanPath(path) === MORE_PATH;
  const clock = useClockNotice();
  const here = onMore ? MORE_PATH : screen.path;
  const pathNow = useRef(here);
  pathNow.current = here;

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
    // The note is shown once per device: the first showing is remembered in the meta table.
    void navigator.storage?.persist?.().then(async (granted) => {
      if (granted || stopped) return;
      await ready.current;
      if (await db.meta.get(STORAGE_NOTE_KEY)) return;
      await db.meta.put({ key: STORAGE_NOTE_KEY, value: JSON.stringify({ shownAt: Date.now() }) });
      if (!stopped) setStorageNote({ path: pathNow.current });
    });
    return () => {
      stopped = true;
      engine.current?.stop();
    };
  }, []);

  // The storage note belongs to the screen where it first showed: leaving that screen ends it.
  useEffect(() => {
    if (storageNote && storageNote.path !== here) setStorageNote(null);
  }, [here, storageNote]);

  // A notification clicked while the app is open: the service worker asks this page to route.
  useEffect(() => listenForServiceWorkerMessages(navigate), []);

  async function leave() {
    engine.current?.stop();
    // Signing out forgets this device's copy of the data, online or not: an offline sign-out
    // cannot reach the server (the session then ends at its expiry), but the device forgets.
    // (Changes still waiting were shown, with the offer to sync them, before getting here.)
    // This browser stops receiving notifications while the session can still say so.
    // (Loaded here, not at start: subscribing and unsubscribing are rare, and the start page stays small.)
    await import("./notify/push").then((m) => m.forgetPushHere()).catch(() => undefined);
    await signOut(wipeDevice).catch(() => undefined);
  }

  const Screen = screen.component;
  const signOutButton = (
    <SignOutButton
      pending={pending}
      reachable={reachable}
      syncRuns={syncRuns}
      nudge={() => engine.current?.nudge()}
      leave={leave}
    />
  );
  const notes = statusNotes({
    storageProblem,
    reachable,
    pending,
    clock,
    storageNote: storageNote?.path === here ? STORAGE_NOTE : null,
  });
  // The More tab stands for every screen listed under it.
  const moreCurrent = onMore || screen.place === "more";
  return (
    <div class="patient-shell">
      <header class="patient-top">
        <p class="brand" aria-hidden="true">
          Haven
        </p>
        <p class="hello" data-testid="welcome">
          Welcome, {user.displayName}
        </p>
        <Link href="/crisis" class="crisis-button" testId="crisis-button" current={screen.path === "/crisis"}>
          Crisis help
        </Link>
      </header>
      <nav aria-label="Main" class="app-nav">
        <ul>
          {SCREENS.filter((s) => s.place !== "none").map((s) => (
            <li key={s.path} class={s.place === "tab" ? "tab" : "extra"}>
              <Link href={s.path} current={!onMore && s.path === screen.path}>
                <NavIcon path={s.path} />
                <span class="nav-label">{s.label}</span>
                {s.path === "/messages" ? <MessagesBadge userId={user.id} /> : null}
              </Link>
            </li>
          ))}
          <li class="tab more-tab">
            <Link href={MORE_PATH} current={moreCurrent}>
              <NavIcon path={MORE_PATH} />
              <span class="nav-label">More</span>
              <MessagesBadge
                userId={user.id}
                testId="more-unread"
                spoken={(n) => `, ${n} unread message${n === 1 ? "" : "s"}`}
              />
            </Link>
          </li>
          <li class="extra nav-sign-out">{signOutButton}</li>
        </ul>
      </nav>
      <div class="patient-content">
        <EmailVerificationBanner user={user} />
        <StatusLine notes={notes} />
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
        <div class="screen" data-screen={onMore ? MORE_PATH : screen.path}>
          {!checked ? null : onMore ? (
            <More userId={user.id} signOut={signOutButton} />
          ) : (
            <Screen user={user} onWrite={() => engine.current?.nudge()} />
          )}
        </div>
      </div>
    </div>
  );
}
