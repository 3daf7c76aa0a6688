import { useState } from "preact/hooks";
import { db } from "../data/db";
import type { MoodView } from "../data/types";
import { useLive } from "../data/use-live";
import { write } from "../data/write";

/**
 * Today: the mood and sleep check-in and the latest check-ins. A check-in is saved on the phone
 * at once and marked "waiting to sync" until the server has it.
 */
export function Today({ onWrite }: { onWrite: () => void }) {
  const [mood, setMood] = useState(6);
  const [sleep, setSleep] = useState(6);
  const moods = useLive(
    async () =>
      (await db.entities.where("entity").equals("mood").toArray())
        .map((e) => ({ ...(e.data as MoodView), pending: e.pending }))
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, 7),
    [] as (MoodView & { pending: boolean })[],
  );

  async function checkIn(event: Event) {
    event.preventDefault();
    const id = crypto.randomUUID();
    const at = new Date().toISOString();
    await write(
      "mood.log",
      { id, mood, sleepQuality: sleep },
      { entity: "mood", id, data: { id, at, mood, sleepQuality: sleep, sleepHours: null, note: null, tags: [] } },
    );
    onWrite();
  }

  return (
    <section class="card" aria-labelledby="today-title">
      <h2 id="today-title">Today</h2>
      <form onSubmit={checkIn}>
        <label>
          Mood (1–10): <output>{mood}</output>
          <input type="range" min={1} max={10} value={mood} onInput={(e) => setMood(Number(e.currentTarget.value))} />
        </label>
        <label>
          Sleep quality (0–10): <output>{sleep}</output>
          <input type="range" min={0} max={10} value={sleep} onInput={(e) => setSleep(Number(e.currentTarget.value))} />
        </label>
        <button type="submit">Save check-in</button>
      </form>
      <h3>Recent check-ins</h3>
      <ul data-testid="moods">
        {moods.map((m) => (
          <li key={m.id}>
            {new Date(m.at).toLocaleString()} — mood {m.mood}, sleep {m.sleepQuality}
            {m.pending ? <span class="pending"> · waiting to sync</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
