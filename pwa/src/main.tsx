import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { mustEnrolMfa } from "../../shared/roles";
import type { PublicUser } from "../../shared/schemas/auth";
import { api, endRevoked, onRevocation, onSessionChange, resumeSession, type SessionEnd } from "./api/session";
import { isVerifyEmailPath } from "./auth/EmailVerificationBanner";
import { HelpWithoutSignIn } from "./auth/HelpWithoutSignIn";
import { type InviteLink, type ResetLink, takeInviteLink, takeResetLink } from "./auth/links";
import { SessionEnded } from "./auth/SessionEnded";
import { SignIn } from "./auth/SignIn";
import { db } from "./data/db";
import { forgetAfterRevocation, signedOutReason } from "./lock/device";
import { LockScreen } from "./lock/LockScreen";
import { pinIsSet } from "./lock/pin";
import { relockOnReturn } from "./lock/rules";
import { navigate, usePath } from "./router";
import { SignedIn } from "./SignedIn";
import "./styles.css";
import { Link } from "./ui/Link";
import { lazyNamed, lazyScreen } from "./ui/lazy";
import { UpdatePrompt } from "./update-prompt";

/** Staff-only and rare (QR code included): loaded on first use, so patients never download it. */
const EnrolTwoFactor = lazyScreen(() => import("./auth/EnrolTwoFactor"));
/** The staff and admin app: patients never download it. */
const CareApp = lazyNamed(() => import("./care/CareApp").then((m) => m.CareApp));
/**
 * The signed-out forms other than sign-in (register, reset, invite) carry the password rules and
 * the request schemas: loaded when opened, so the start page stays small (the service worker
 * precaches them, so they open offline too).
 */
const Register = lazyNamed(() => import("./auth/Register").then((m) => m.Register));
const RedeemResetCode = lazyNamed(() => import("./auth/RedeemResetCode").then((m) => m.RedeemResetCode));
const AcceptInvite = lazyNamed(() => import("./auth/AcceptInvite").then((m) => m.AcceptInvite));
/** A new patient's first-run flow (shown until finished or skipped, once per account). */
const Onboarding = lazyNamed(() => import("./onboarding/Onboarding").then((m) => m.Onboarding));
const ForgotPassword = lazyNamed(() => import("./auth/ForgotPassword").then((m) => m.ForgotPassword));

/** The last signed-in user, kept with the local data so the app opens offline. */
async function cachedUser(): Promise<PublicUser | null> {
  const row = await db.meta.get("user");
  return row ? (JSON.parse(row.value) as PublicUser) : null;
}

interface Health {
  status: string;
  version: string;
}

/** The paths that open without signing in: crisis help and the safety plan this device holds. */
function isHelpPath(path: string): "/crisis" | "/safety-plan" | null {
  const clean = path.replace(/(.)\/+$/, "$1");
  return clean === "/crisis" || clean === "/safety-plan" ? clean : null;
}

// A revocation seen on any call forgets the patient's data here (the outbox kept, hidden).
onRevocation((why) => forgetAfterRevocation(db, why));

/** The app shell: sign-in or the signed-in app, the service's status, and the update prompt. */
function App() {
  const [health, setHealth] = useState<Health | "unreachable" | null>(null);
  const [user, setUser] = useState<PublicUser | null>(null);
  // Why the server ended the last session (said on the sign-in screen); null when the user chose to.
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const [resuming, setResuming] = useState(true);
  const [registering, setRegistering] = useState(false);
  // Setting a new password with an admin's one-time code, then back to sign-in saying so.
  const [redeeming, setRedeeming] = useState(false);
  const [passwordReset, setPasswordReset] = useState(false);
  // "Forgot your password?": asking for a code by email ("ask"), or opened from that email's link.
  const [forgot, setForgot] = useState<ResetLink | "ask" | null>(() => takeResetLink());
  // A staff invite: opened from its email's link (/invite?email=…&code=…), or from the sign-in screen.
  const [inviting, setInviting] = useState<InviteLink | null>(() => takeInviteLink());
  // The app PIN's lock: null until known (nothing renders), true until the PIN is entered.
  const [locked, setLocked] = useState<boolean | null>(null);
  const resumed = useRef(false);
  const path = usePath();
  // Help that needs nothing: signed out (or still resuming), these paths need no account at all.
  // Locked, only crisis help opens (the saved safety plan is behind the PIN with the rest).
  const lockedOut = user !== null && locked !== false;
  // The first-run flow finished or skipped on this page (the server's flag follows with the next profile).
  const [onboardedHere, setOnboardedHere] = useState<string | null>(null);
  // `=== false`, not falsy: a profile this device cached before the flag existed (opened offline) has none.
  const onboarding = user?.role === "patient" && !lockedOut && user.onboarded === false && onboardedHere !== user.id;
  // Crisis help stays one tap away when locked and during the first-run flow.
  const help = !user
    ? isHelpPath(path)
    : (lockedOut || onboarding) && isHelpPath(path) === "/crisis"
      ? "/crisis"
      : null;
  // A staff account without two-factor sign-in sets it up before anything else, and stays on
  // that screen until its recovery codes are saved (the user turns mfaEnabled on before that).
  const [enrolling, setEnrolling] = useState(false);
  const mustEnrol = user !== null && (enrolling || mustEnrolMfa(user));
  // Signed in (or out) from either form: the next signed-out view is the sign-in form.
  useEffect(() => {
    if (user) {
      setRegistering(false);
      setRedeeming(false);
      setPasswordReset(false);
      setForgot(null);
      setInviting(null);
    }
    setEnrolling((open) => (user ? open || mustEnrolMfa(user) : false));
  }, [user]);

  useEffect(() => {
    let signedIn = false;
    const stop = onSessionChange((next, why) => {
      // Leaving the app (signed out, or the session ended) lands on the sign-in screen, which
      // says why, not on the help that a signed-out /crisis or /safety-plan shows.
      if (signedIn && !next && isHelpPath(location.pathname)) navigate("/");
      // Signed in with the password after start-up: that is stronger than the PIN.
      if (resumed.current && !signedIn && next) setLocked(false);
      signedIn = next !== null;
      setUser(next);
      setEnded(why);
    });
    // Cold start: with an app PIN set, nothing shows until it is entered.
    const lock = pinIsSet(db)
      .catch(() => false)
      .then(setLocked);
    void lock
      .then(() => resumeSession(cachedUser))
      .then(async () => {
        // A revocation wiped this device earlier: keep saying why until someone signs in.
        if (!signedIn) {
          const why = await signedOutReason(db).catch(() => null);
          if (why) setEnded((current) => current ?? why);
        }
      })
      .finally(() => {
        resumed.current = true;
        setResuming(false);
      });
    // Back after 5 minutes in the background: the PIN again.
    let hiddenAt: number | null = null;
    const onVisibility = () => {
      if (document.visibilityState === "hidden") hiddenAt = Date.now();
      else if (relockOnReturn(hiddenAt, Date.now())) void pinIsSet(db).then((set) => set && setLocked(true));
    };
    document.addEventListener("visibilitychange", onVisibility);
    // Opened offline past the cap: reaching the server again brings the session (and data) back.
    const onOnline = () => {
      if (signedIn) return;
      resumed.current = false; // a refresh from the cookie is not the password: the PIN still applies
      void pinIsSet(db)
        .catch(() => false)
        .then(setLocked)
        .then(() => resumeSession(cachedUser))
        .finally(() => {
          resumed.current = true;
        });
    };
    addEventListener("online", onOnline);
    fetch("/api/v1/health")
      .then((res) => (res.ok ? (res.json() as Promise<Health>) : Promise.reject(new Error(String(res.status)))))
      .then(setHealth)
      .catch(() => setHealth("unreachable"));
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
      removeEventListener("online", onOnline);
    };
  }, []);

  async function lockout() {
    // Ten wrong PINs: the data is already forgotten; end the session on the server too if it can
    // be reached (the refresh cookie still works), then here.
    await api.auth.logout.$post().catch(() => undefined);
    await endRevoked("PIN_LOCKOUT");
  }

  return (
    <main>
      <h1>Haven</h1>
      {user && !lockedOut && !onboarding ? null : (
        <div class="top">
          <p>A calm place for your wellbeing, with your care team beside you.</p>
          {help ? null : (
            <Link href="/crisis" class="crisis-button" testId="crisis-button">
              Crisis help
            </Link>
          )}
        </div>
      )}
      {resuming || user || help ? null : <SessionEnded reason={ended} />}
      {help ? (
        <HelpWithoutSignIn
          path={help}
          backLabel={!user ? undefined : onboarding ? "Back to getting started" : "Back to unlock"}
        />
      ) : resuming ? null : user && locked ? (
        <LockScreen onUnlock={() => setLocked(false)} onLockout={lockout} />
      ) : user && locked === false && mustEnrol ? (
        <EnrolTwoFactor user={user} onDone={() => setEnrolling(false)} />
      ) : user && locked === false ? (
        user.role === "patient" ? (
          onboarding ? (
            <Onboarding user={user} onDone={() => setOnboardedHere(user.id)} />
          ) : (
            <SignedIn user={user} />
          )
        ) : (
          <CareApp user={user} />
        )
      ) : user ? null : registering ? (
        <Register onSignIn={() => setRegistering(false)} />
      ) : redeeming ? (
        <RedeemResetCode
          onDone={() => {
            setRedeeming(false);
            setPasswordReset(true);
          }}
          onCancel={() => setRedeeming(false)}
        />
      ) : inviting ? (
        <AcceptInvite
          link={inviting}
          onCancel={() => {
            setInviting(null);
            navigate("/");
          }}
        />
      ) : forgot ? (
        <ForgotPassword
          link={forgot === "ask" ? null : forgot}
          onDone={() => {
            setForgot(null);
            setPasswordReset(true);
            navigate("/");
          }}
          onCancel={() => {
            setForgot(null);
            navigate("/");
          }}
        />
      ) : (
        <>
          {passwordReset ? (
            <p class="banner" role="status" data-testid="password-reset-done">
              Your password is changed, and every device that was signed in is signed out. Sign in with the new one.
            </p>
          ) : null}
          {isVerifyEmailPath(path) ? (
            <p class="banner" role="status" data-testid="verify-email-sign-in">
              Sign in to confirm your email address: it is confirmed as soon as you are signed in.
            </p>
          ) : null}
          <SignIn />
          <p>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setPasswordReset(false);
                setForgot("ask");
              }}
            >
              Forgot your password?
            </button>
          </p>
          <p>
            New to Haven?{" "}
            <button type="button" class="secondary" onClick={() => setRegistering(true)}>
              Create an account
            </button>
          </p>
          <p>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setPasswordReset(false);
                setRedeeming(true);
              }}
            >
              Have a reset code from your admin?
            </button>
          </p>
          <p>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setPasswordReset(false);
                setInviting({ email: "", code: "" });
                navigate("/invite");
              }}
            >
              Invited to Haven? Set your password
            </button>
          </p>
        </>
      )}
      {/* Said only when something is wrong: the version and "ok" are for the admin's Health screen, not patients. */}
      <p
        role="status"
        aria-live="polite"
        data-testid="api-status"
        data-health={health === null ? "checking" : health === "unreachable" ? "unreachable" : health.status}
      >
        {/* Signed in, the status line says it (offline, waiting changes); here it is for the signed-out screens. */}
        {health === "unreachable" && !user ? "The Haven service cannot be reached right now." : ""}
      </p>
      <UpdatePrompt />
    </main>
  );
}

const root = document.getElementById("app");
if (root) render(<App />, root);
