import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import "./styles.css";
import { UpdatePrompt } from "./update-prompt";

interface Health {
  status: string;
  version: string;
}

/**
 * The minimal app shell of the foundation: it proves the PWA and the API are served together
 * (same origin) by showing the API's health. The full app (login, screens, offline outbox)
 * arrives with the PWA issue.
 */
function App() {
  const [health, setHealth] = useState<Health | "unreachable" | null>(null);
  useEffect(() => {
    fetch("/api/v1/health")
      .then((res) => (res.ok ? (res.json() as Promise<Health>) : Promise.reject(new Error(String(res.status)))))
      .then(setHealth)
      .catch(() => setHealth("unreachable"));
  }, []);
  return (
    <main>
      <h1>Haven</h1>
      <p>A calm place for your wellbeing, with your care team beside you.</p>
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
