import { useEffect, useState } from "preact/hooks";
import { api, errorOf } from "../../api/session";

/**
 * The patient's chat history on the server: how many conversations are kept, and one button to
 * delete them all (it needs a connection; nothing of the chats is kept on this device).
 */
export function History({ refreshKey }: { refreshKey: number }) {
  const [count, setCount] = useState<number | null>(null);
  const [more, setMore] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  async function load() {
    try {
      const res = await api.companion.conversations.$get({ query: { limit: "100" } });
      if (!res.ok) return;
      const page = await res.json();
      setCount(page.items.length);
      setMore(page.hasMore);
    } catch {
      setCount(null);
    }
  }

  useEffect(() => {
    void load();
  }, [refreshKey]);

  async function deleteAll() {
    setConfirming(false);
    try {
      const res = await api.companion.conversations.$delete();
      if (!res.ok) return setStatus((await errorOf(res)).message);
      setStatus("Your chat history is deleted.");
      await load();
    } catch {
      setStatus("Deleting your history needs a connection. Try again when you're online.");
    }
  }

  return (
    <section class="card" aria-labelledby="history-title">
      <h3 id="history-title">Your chat history</h3>
      <p data-testid="history-count">
        {count === null
          ? "Your saved chats show here when Haven is online."
          : count === 0
            ? "No chats are saved."
            : `${count}${more ? "+" : ""} conversation${count === 1 && !more ? "" : "s"} saved. Only you can see them; your care team cannot.`}
      </p>
      {confirming ? (
        <div class="actions">
          <p>Delete every saved chat? This cannot be undone.</p>
          <button type="button" onClick={() => void deleteAll()}>
            Yes, delete every chat
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Keep them
          </button>
        </div>
      ) : (
        <button type="button" class="secondary" disabled={!count} onClick={() => setConfirming(true)}>
          Delete my chat history
        </button>
      )}
      {status ? (
        <p role="status" class="muted">
          {status}
        </p>
      ) : null}
    </section>
  );
}
