import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { PublicUser } from "../../shared/schemas/auth";
import { onSessionChange, resumeSession, type SessionEnd } from "./api/session";
import { HelpWithoutSignIn } from "./auth/HelpWithoutSignIn";
import { Register } from "./auth/Register";
import { SessionEnded } from "./auth/SessionEnded";
import { SignIn } from "./auth/SignIn";
import { db } from "./data/db";
import { navigate, usePath } from "./router";
import { SignedIn } from "./SignedIn";
import "./styles.css";
import { Link } from "./ui/Link";
import { UpdatePrompt } from "./update-prompt";

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

/** The app shell: sign-in or the signed-in app, the service's status, and the update prompt. */
function App() {
  const [health, setHealth] = useState<Health | "unreachable" | null>(null);
  const [user, setUser] = useState<PublicUser | null>(null);
  // Why the server ended the last session (said on the sign-in screen); null when the user chose to.
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const [resuming, setResuming] = useState(true);
  const [registering, setRegistering] = useState(false);
  const path = usePath();
  // Help that needs nothing: signed out (or still resuming), these paths need no account at all.
  const help = user ? null : isHelpPath(path);
  // Signed in (or out) from either form: the next signed-out view is the sign-in form.
  useEffect(() => {
    if (user) setRegistering(false);
  }, [user]);

  useEffect(() => {
    let signedIn = false;
    const stop = onSessionChange((next, why) => {
      // Leaving the app (signed out, or the session ended) lands on the sign-in screen, which
      // says why, not on the help that a signed-out /crisis or /safety-plan shows.
      if (signedIn && !next && isHelpPath(location.pathname)) navigate("/");
      signedIn = next !== null;
      setUser(next);
      setEnded(why);
    });
    void resumeSession(cachedUser).finally(() => setResuming(false));
    fetch("/api/v1/health")
      .then((res) => (res.ok ? (res.json() as Promise<Health>) : Promise.reject(new Error(String(res.status)))))
      .then(setHealth)
      .catch(() => setHealth("unreachable"));
    return stop;
  }, []);

  return (
    <main>
      <h1>Haven</h1>
      {user ? null : (
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
        <HelpWithoutSignIn path={help} />
      ) : resuming ? null : user ? (
        <SignedIn user={user} />
      ) : registering ? (
        <Register onSignIn={() => setRegistering(false)} />
      ) : (
        <>
          <SignIn />
          <p>
            New to Haven?{" "}
            <button type="button" class="secondary" onClick={() => setRegistering(true)}>
              Create an account
            </button>
          </p>
        </>
      )}
      <p role="status" aria-live="polite" data-testid="api-status">
        {health === null
          ? "Connecting…"
          : health === "unreachable"
            ? "The Haven service cannot be reached right now."
            : `Service ${health.status} · version ${health.version}`}
      </p>
      <UpdatePrompt />
    </main>
  );
}

const root = document.getElementById("app");
if (root) render(<App />, root);
