import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { PublicUser } from "../../shared/schemas/auth";
import { onSessionChange, resumeSession, signOut } from "./api/session";
import { SignIn } from "./auth/SignIn";
import "./styles.css";
import { UpdatePrompt } from "./update-prompt";

interface Health {
  status: string;
  version: string;
}

/**
 * The app shell: sign-in, the signed-in greeting, and the service's status. The screens
 * (Sanctum, Quests, Spirit, …) and the offline outbox arrive with the rest of the PWA issue.
 */
function App() {
  const [health, setHealth] = useState<Health | "unreachable" | null>(null);
  const [user, setUser] = useState<PublicUser | null>(null);
  const [resuming, setResuming] = useState(true);

  useEffect(() => {
    const stop = onSessionChange(setUser);
    void resumeSession().finally(() => setResuming(false));
    fetch("/api/v1/health")
      .then((res) => (res.ok ? (res.json() as Promise<Health>) : Promise.reject(new Error(String(res.status)))))
      .then(setHealth)
      .catch(() => setHealth("unreachable"));
    return stop;
  }, []);

  return (
    <main>
      <h1>Haven</h1>
      <p>A calm place for your wellbeing, with your care team beside you.</p>
      {resuming ? null : user ? (
        <section class="card" aria-labelledby="welcome">
          <h2 id="welcome" data-testid="welcome">
            Welcome, {user.displayName}
          </h2>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </section>
      ) : (
        <SignIn />
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
