import { useEffect, useRef, useState } from "preact/hooks";
import { localDay } from "../../../shared/domain/local-day";
import { type PetMood, petMood } from "../../../shared/domain/pet";
import { crisisResourcesFor, moodRaisesFlag } from "../../../shared/domain/risk";
import { useEntities, useEntity } from "../data/entities";
import { useMeta } from "../data/meta";
import { useOpStatus } from "../data/op-status";
import { clock } from "../data/sync";
import type { MoodView, PetView, ProgressSummary, QuestView } from "../data/types";
import { useLocalDay } from "../data/use-local-day";
import { write } from "../data/write";
import { ReminderNudge } from "../notify/ReminderNudge";
import { CrisisResourceList } from "../ui/CrisisResourceList";
import { FlagStatus } from "../ui/FlagStatus";
import { Link } from "../ui/Link";
import { TodayHabits } from "./TodayHabits";
import type { ScreenProps } from "./types";

const PET_MOOD_WORDS: Record<PetMood, string> = {
  joyful: "is full of joy",
  content: "is content",
  sleepy: "is feeling sleepy and would love some care",
};

/**
 * The Sanctum (today): the check-in, today's habits, active quests, streaks, the pet's mood, and
 * what today earned. Everything shows from the device's copy, offline too.
 */
export default function Sanctum(props: ScreenProps) {
  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Today
      </h2>
      <TodaySummary user={props.user} />
      <ReminderNudge user={props.user} />
      <CheckIn {...props} />
      <TodayHabits {...props} />
      <ActiveQuests />
    </>
  );
}

function TodaySummary({ user }: Pick<ScreenProps, "user">) {
  const progress = useMeta<ProgressSummary>("progress");
  const today = useLocalDay(user);
  // The summary is the server's as of the last sync; after a day start it speaks of yesterday,
  // so until the next sync brings today's, nothing has been earned today as far as it knows.
  const earned = progress?.today.localDay === today ? progress.today : { xp: 0, coins: 0 };
  const pet = useEntity<PetView>("pet", "me");
  const streaks = (progress?.streaks ?? []).filter((s) => s.current > 0).sort((a, b) => b.current - a.current);
  return (
    <section class="card summary" aria-labelledby="summary-title">
      <h3 id="summary-title">Your day so far</h3>
      {progress ? (
        <p data-testid="today-earned">
          Today: <strong>+{earned.xp} XP</strong> and <strong>+{earned.coins} coins</strong> · level {progress.level}{" "}
          {progress.tier} · {progress.coins} coins in all
        </p>
      ) : (
        <p>Your progress shows here after the first sync.</p>
      )}
      {streaks.length > 0 ? (
        <p>Streaks: {streaks.map((s) => `${s.name} ${s.current} day${s.current === 1 ? "" : "s"}`).join(" · ")}</p>
      ) : null}
      <p data-testid="pet-mood">
        {pet ? (
          <>
            {pet.name} {pet.away ? "is out on an adventure" : PET_MOOD_WORDS[petMood(pet.stats)]}.{" "}
            <Link href="/pet">Visit {pet.name}</Link>
          </>
        ) : (
          <>
            A companion pet is waiting to meet you. <Link href="/pet">Adopt one</Link>
          </>
        )}
      </p>
    </section>
  );
}

/** How long Save check-in rests after a save unless the form changes: a double tap saves once. */
const SAVED_REST_MS = 1500;

function CheckIn({ user, onWrite }: ScreenProps) {
  const [mood, setMood] = useState(6);
  const [sleep, setSleep] = useState(6);
  const [note, setNote] = useState("");
  // One tap, one check-in (issue 11, defect 14): the ref is set before the first await, so a
  // second tap in the same frame is ignored; the state disables the button while saving and for
  // a moment after (until the form changes), when a double tap's second half arrives.
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  // The last check-in saved here that raises a flag (a low mood): crisis help shows at once,
  // with whether the flag has reached the care team (its operation pending or delivered).
  const [flagOp, setFlagOp] = useState<string | null>(null);
  const flagStatus = useOpStatus(flagOp);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), SAVED_REST_MS);
    return () => clearTimeout(timer);
  }, [saved]);
  const moods = useEntities<MoodView>("mood")
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 5);

  /** The form changed: a save now is a new check-in. */
  function edited() {
    setSaved(false);
  }

  async function checkIn(event: Event) {
    event.preventDefault();
    if (busy.current || saved) return;
    busy.current = true;
    setSaving(true);
    try {
      const id = crypto.randomUUID();
      const at = new Date(clock.now()).toISOString();
      const trimmed = note.trim() || null;
      const opId = await write(
        "mood.log",
        { id, mood, sleepQuality: sleep, ...(trimmed ? { note: trimmed } : {}) },
        {
          entity: "mood",
          id,
          data: {
            id,
            at,
            localDay: localDay(clock.now(), user.timezone, user.dayStartHour),
            mood,
            sleepQuality: sleep,
            sleepHours: null,
            note: trimmed,
            tags: [],
          },
        },
      );
      setNote("");
      setSaved(true);
      setFlagOp(moodRaisesFlag(mood) ? opId : null);
      onWrite();
    } finally {
      busy.current = false;
      setSaving(false);
    }
  }

  return (
    <section class="card" aria-labelledby="checkin-title">
      <h3 id="checkin-title">Check in</h3>
      <form onSubmit={checkIn}>
        <label>
          Mood (1–10): <output>{mood}</output>
          <input
            type="range"
            min={1}
            max={10}
            value={mood}
            onInput={(e) => {
              setMood(Number(e.currentTarget.value));
              edited();
            }}
          />
        </label>
        <label>
          Sleep quality (0–10): <output>{sleep}</output>
          <input
            type="range"
            min={0}
            max={10}
            value={sleep}
            onInput={(e) => {
              setSleep(Number(e.currentTarget.value));
              edited();
            }}
          />
        </label>
        <label>
          Note (optional)
          <textarea
            maxLength={2000}
            rows={2}
            value={note}
            onInput={(e) => {
              setNote(e.currentTarget.value);
              edited();
            }}
          />
        </label>
        {/* aria-disabled, not disabled: the button keeps keyboard focus while it rests (the handler ignores it). */}
        <button type="submit" aria-disabled={saving || saved}>
          Save check-in
        </button>
        <span role="status" class="muted" data-testid="checkin-status">
          {saved ? " Check-in saved." : ""}
        </span>
      </form>
      {flagOp ? (
        <div class="safety-now" data-testid="mood-crisis">
          <p>
            <strong>Thank you for checking in. It sounds like things are hard right now.</strong> You don't have to face
            this alone. If you need someone now, or you might act on thoughts of harming yourself, contact one of these:
          </p>
          <CrisisResourceList resources={crisisResourcesFor(user.timezone)} />
          <p>
            <Link href="/crisis">More crisis help</Link> · <Link href="/safety-plan">Open your safety plan</Link>
          </p>
          <FlagStatus status={flagStatus} kind="check-in" timeZone={user.timezone} />
        </div>
      ) : moodRaisesFlag(mood) ? (
        <p class="gentle">
          That sounds hard. If you need someone now, <Link href="/crisis">help is one tap away</Link>.
        </p>
      ) : null}
      <h4>Recent check-ins</h4>
      <ul data-testid="moods">
        {moods.map((m) => (
          <li key={m.id}>
            {new Date(m.at).toLocaleString()} — mood {m.mood}, sleep {m.sleepQuality}
            {m.pending ? (
              <span class="pending">
                {moodRaisesFlag(m.mood) ? " · waiting to sync; your care team will be told then" : " · waiting to sync"}
              </span>
            ) : null}
            {m.rejected ? <span class="refused"> · not saved: {m.rejected.message}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ActiveQuests() {
  const quests = useEntities<QuestView>("quest").filter((q) => q.status === "active" && !q.rejected);
  return (
    <section class="card" aria-labelledby="active-quests-title">
      <h3 id="active-quests-title">Active quests</h3>
      {quests.length === 0 ? (
        <p>
          No active quests. <Link href="/quests">Start one</Link>
        </p>
      ) : (
        <ul data-testid="active-quests">
          {quests.map((q) => (
            <li key={q.id}>
              <Link href="/quests">{q.title}</Link>
              {q.steps.length > 0 ? ` — ${q.steps.filter((s) => s.done).length}/${q.steps.length} steps` : ""}
              {q.pending ? <span class="pending"> · waiting to sync</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
