import { useEffect, useRef, useState } from "preact/hooks";
import type { PublicUser } from "../../../shared/schemas/auth";
import { signOut } from "../api/session";
import { EmailVerificationBanner } from "../auth/EmailVerificationBanner";
import { db } from "../data/db";
import { claimDevice } from "../lock/device";
import { listenForServiceWorkerMessages } from "../notify/sw-messages";
import { navigate, usePath } from "../router";
import { wipeDevice } from "../SignedIn";
import Crisis from "../screens/Crisis";
import { Link } from "../ui/Link";
import { useReachable } from "./care-data";
import { InboxCount } from "./InboxCount";
import { careScreenFor, screensFor } from "./screens";
import "./care.css";

const ROLE_NAMES = { therapist: "Therapist", clinician: "Clinician", admin: "Admin", patient: "Patient" } as const;

/**
 * The care team's app (therapists, clinicians, admins), desktop first: no sync engine and no
 * outbox (staff read online, keep a read-only copy for when the connection drops, and write only
 * online), the navigation their role is given, and crisis help one tap away as everywhere.
 */
export function CareApp({ user }: { user: PublicUser }) {
  const path = usePath();
  const reachable = useReachable();
  const [leaving, setLeaving] = useState(false);
  // Another person's saved data on this device is wiped before anything reads it.
  const ready = useRef<Promise<unknown> | null>(null);
  ready.current ??= claimDevice(db, user.id, wipeDevice);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    void ready.current
      ?.then(() => db.meta.put({ key: "user", value: JSON.stringify(user) }))
      .catch(() => undefined)
      .finally(() => setChecked(true));
  }, [user]);

  const crisis = path.replace(/\/+$/, "") === "/crisis";
  const { screen, params } = careScreenFor(user.role, path);
  const Screen = screen.component;
  const staff = user.role === "therapist" || user.role === "clinician";

  // A notification clicked while the app is open: the service worker asks this page to route.
  useEffect(() => listenForServiceWorkerMessages(navigate), []);

  async function leave() {
    setLeaving(true);
    // The saved copy of patients' data goes with the session, online or not.
    // This browser stops receiving notifications while the session can still say so.
    // (Loaded here, not at start: subscribing and unsubscribing are rare, and the start page stays small.)
    await import("../notify/push").then((m) => m.forgetPushHere()).catch(() => undefined);
    await signOut(wipeDevice).catch(() => undefined);
  }

  return (
    <div class="care">
      <header class="top">
        <p class="hello" data-testid="welcome">
          Welcome, {user.displayName} <span class="role">{ROLE_NAMES[user.role]}</span>
        </p>
        <Link href="/crisis" class="crisis-button" testId="crisis-button">
          Crisis help
        </Link>
      </header>
      <nav aria-label="Main" class="main-nav">
        <ul>
          {screensFor(user.role)
            .filter((s) => s.label !== null)
            .map((s) => (
              <li key={s.path}>
                <Link href={s.path} current={!crisis && s === screen}>
                  {s.label}
                  {s.path === "/inbox" && staff ? <InboxCount /> : null}
                </Link>
              </li>
            ))}
          <li>
            <button type="button" class="link" disabled={leaving} onClick={() => void leave()}>
              Sign out
            </button>
          </li>
        </ul>
      </nav>
      <EmailVerificationBanner user={user} />
      {reachable ? null : (
        <p class="banner" role="status" data-testid="offline-banner">
          You're offline. You're seeing what this device saved, read-only; changes need a connection.
        </p>
      )}
      <div class="screen" data-screen={crisis ? "/crisis" : screen.path}>
        {!checked ? null : crisis ? (
          <Crisis user={user} onWrite={() => undefined} />
        ) : (
          <Screen key={path} user={user} params={params} />
        )}
      </div>
    </div>
  );
}
