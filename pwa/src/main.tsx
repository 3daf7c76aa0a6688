import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { PublicUser } from "../../shared/schemas/auth";
import { onSessionChange, resumeSession, type SessionEnd } from "./api/session";
import { Register } from "./auth/Register";
import { SessionEnded } from "./auth/SessionEnded";
import { SignIn } from "./auth/SignIn";
import { db } from "./data/db";
import { SignedIn } from "./SignedIn";
import "./styles.css";
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

/** The app shell: sign-in or the signed-in app, the service's status, and the update prompt. */
function App() {
  const [health, setHealth] = useState<Health | "unreachable" | null>(null);
  const [user, setUser] = useState<PublicUser | null>(null);
  // Why the server ended the last session (said on the sign-in screen); null when the user chose to.
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const [resuming, setResuming] = useState(true);
  const [registering, setRegistering] = useState(false);
  // Signed in (or out) from either form: the next signed-out view is the sign-in form.
  useEffect(() => {
    if (user) setRegistering(false);
  }, [user]);

  useEffect(() => {
    const stop = onSessionChange((next, why) => {
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
      {user ? null : <p>A calm place for your wellbeing, with your care team beside you.</p>}
      {resuming || user ? null : <SessionEnded reason={ended} />}
      {resuming ? null : user ? (
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
