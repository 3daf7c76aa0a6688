import { useState } from "preact/hooks";
import { useEntities } from "../../data/entities";
import type { JournalView } from "../../data/types";
import { write } from "../../data/write";
import { friendlyDateTime } from "../../ui/dates";

const FIELDS = [
  { key: "situation", label: "Situation", hint: "What happened? Where, when, who with?" },
  { key: "thoughts", label: "Thoughts", hint: "What went through your mind?" },
  { key: "feelings", label: "Feelings", hint: "What did you feel, and how strongly?" },
  { key: "evidenceFor", label: "Evidence for the thought", hint: "What supports it?" },
  { key: "evidenceAgainst", label: "Evidence against the thought", hint: "What doesn't fit it?" },
  { key: "balancedThought", label: "A more balanced thought", hint: "What would you tell a friend?" },
] as const;

type Entry = Record<(typeof FIELDS)[number]["key"], string>;

const EMPTY: Entry = {
  situation: "",
  thoughts: "",
  feelings: "",
  evidenceFor: "",
  evidenceAgainst: "",
  balancedThought: "",
};

/**
 * A thought record (CBT): saved as a private journal entry on this device at once and synced
 * through the outbox. Private: the care team does not see the journal.
 */
export function ThoughtRecord({ onWrite }: { onWrite: () => void }) {
  const [entry, setEntry] = useState<Entry>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const entries = useEntities<JournalView>("journal").sort((a, b) => b.at.localeCompare(a.at));

  async function save(event: Event) {
    event.preventDefault();
    if (!entry.situation.trim() || !entry.thoughts.trim()) {
      setError("Write at least the situation and your thoughts.");
      return;
    }
    setError(null);
    const id = crypto.randomUUID();
    const trimmed = Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, v.trim()])) as Entry;
    await write(
      "journal.write",
      { id, kind: "thought_record", entry: trimmed },
      { entity: "journal", id, data: { id, kind: "thought_record", entry: trimmed, at: new Date().toISOString() } },
    );
    setEntry(EMPTY);
    onWrite();
  }

  return (
    <section class="card" aria-labelledby="thought-title">
      <h3 id="thought-title">Thought record</h3>
      <p>Slow a difficult thought down and look at it from the side. Saved privately in your journal.</p>
      <form onSubmit={save} aria-labelledby="thought-title">
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label} <span class="muted">— {f.hint}</span>
            <textarea
              rows={2}
              maxLength={2000}
              value={entry[f.key]}
              onInput={(e) => setEntry({ ...entry, [f.key]: e.currentTarget.value })}
            />
          </label>
        ))}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">Save to my journal</button>
      </form>
      {entries.length > 0 ? (
        <>
          <h4>My journal</h4>
          <ul class="rows" data-testid="journal">
            {entries.map((e) => (
              <li key={e.id}>
                <span class="grow">
                  {friendlyDateTime(e.at)} — {e.entry.situation}
                  {e.entry.balancedThought ? <span class="muted"> · {e.entry.balancedThought}</span> : null}
                  {e.pending ? <span class="pending"> · waiting to sync</span> : null}
                  {e.rejected ? <span class="refused"> · not saved: {e.rejected.message}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
