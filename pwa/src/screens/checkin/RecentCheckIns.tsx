import { quadrantOf } from "../../../../shared/domain/emotions";
import { moodRaisesFlag } from "../../../../shared/domain/risk";
import type { Local } from "../../data/entities";
import type { MoodView } from "../../data/types";
import { friendlyDateTime } from "../../ui/dates";
import { MoodFace } from "./MoodFace";
import { moodWord } from "./mood-words";

/** The last few check-ins, newest first: when (friendly), the face and word, sleep, feelings. */
export function RecentCheckIns({ moods, timeZone }: { moods: Local<MoodView>[]; timeZone: string }) {
  return (
    <>
      <h4>Recent check-ins</h4>
      {moods.length === 0 ? <p class="muted">Your check-ins show here.</p> : null}
      <ul data-testid="moods" class="recent-moods">
        {moods.map((m) => {
          const feelings = m.tags.filter((t) => quadrantOf(t));
          const topics = m.tags.filter((t) => !quadrantOf(t));
          return (
            <li key={m.id}>
              <MoodFace mood={m.mood} size={32} />
              <div class="grow">
                <p class="recent-when">{friendlyDateTime(m.at, timeZone)}</p>
                <p>
                  Mood {m.mood}, {moodWord(m.mood)} · sleep {m.sleepQuality}/10
                  {m.sleepHours !== null ? `, ${m.sleepHours} h` : ""}
                </p>
                {feelings.length + topics.length > 0 ? (
                  <p class="recent-tags">{[...feelings, ...topics].join(", ")}</p>
                ) : null}
                {m.note ? <p class="recent-note">{m.note}</p> : null}
                {m.pending ? (
                  <p class="pending">
                    {moodRaisesFlag(m.mood)
                      ? "Saved here, waiting to sync; your care team will be told then"
                      : "Saved here, waiting to sync"}
                  </p>
                ) : null}
                {m.rejected ? <p class="refused">Not saved: {m.rejected.message}</p> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
