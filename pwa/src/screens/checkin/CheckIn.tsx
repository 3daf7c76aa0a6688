import { useEffect, useRef, useState } from "preact/hooks";
import { moodXp } from "../../../../shared/domain/completion-policy";
import { localDay } from "../../../../shared/domain/local-day";
import { crisisResourcesFor, moodRaisesFlag } from "../../../../shared/domain/risk";
import { useEntities } from "../../data/entities";
import { useOpStatus } from "../../data/op-status";
import { clock } from "../../data/sync";
import type { MoodView } from "../../data/types";
import { write } from "../../data/write";
import { CrisisResourceList } from "../../ui/CrisisResourceList";
import { friendlyDateTime } from "../../ui/dates";
import { FlagStatus } from "../../ui/FlagStatus";
import { Link } from "../../ui/Link";
import type { ScreenProps } from "../types";
import { FeelingPicker } from "./FeelingPicker";
import { MoodScale } from "./MoodScale";
import { moodWord } from "./mood-words";
import { RecentCheckIns } from "./RecentCheckIns";
import "./checkin.css";

/** How long Save check-in rests after a save unless the form changes: a double tap saves once. */
const SAVED_REST_MS = 1500;
/** The contract's note limit (shared/schemas/wellbeing.ts MOOD_NOTE_MAX), without loading the schemas here. */
const NOTE_MAX = 2000;

/** Sleep hours as typed: empty is "not given"; anything else must be 0–24 in half hours. */
function parseHours(text: string): number | null | "invalid" {
  if (text.trim() === "") return null;
  const hours = Number(text);
  if (!Number.isFinite(hours) || hours < 0 || hours > 24) return "invalid";
  return Math.round(hours * 2) / 2;
}

/**
 * The check-in: mood in one tap, optional feelings and tags, sleep, a note. Saved on the device
 * at once (the outbox sends it), with a confirmation that says when and what it earned; a low
 * mood shows crisis help at once, with whether the care team has been told.
 */
export function CheckIn({ user, onWrite }: ScreenProps) {
  const [mood, setMood] = useState(6);
  const [sleep, setSleep] = useState(6);
  const [hours, setHours] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const [note, setNote] = useState("");
  // One tap, one check-in (issue 11, defect 14): the ref is set before the first await, so a
  // second tap in the same frame is ignored; the state disables the button while saving and for
  // a moment after (until the form changes), when a double tap's second half arrives.
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  // The last check-in saved here that raises a flag (a low mood): crisis help shows at once,
  // with whether the flag has reached the care team (its operation pending or delivered).
  const [flagOp, setFlagOp] = useState<string | null>(null);
  const flagStatus = useOpStatus(flagOp);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), SAVED_REST_MS);
    return () => clearTimeout(timer);
  }, [saved]);
  const all = useEntities<MoodView>("mood");
  const moods = [...all].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 5);
  const parsedHours = parseHours(hours);

  /** The form changed: a save now is a new check-in. */
  function edited() {
    setSaved(false);
    setConfirmation("");
  }

  async function checkIn(event: Event) {
    event.preventDefault();
    if (busy.current || saved || parsedHours === "invalid") return;
    busy.current = true;
    setSaving(true);
    try {
      const id = crypto.randomUUID();
      const now = clock.now();
      const at = new Date(now).toISOString();
      const day = localDay(now, user.timezone, user.dayStartHour);
      const trimmed = note.trim() || null;
      // The server's rule: the first check-in of the day earns; one already here that day means none.
      const earned = moodXp(!all.some((m) => m.localDay === day && !m.rejected));
      const opId = await write(
        "mood.log",
        {
          id,
          mood,
          sleepQuality: sleep,
          ...(parsedHours !== null ? { sleepHours: parsedHours } : {}),
          ...(trimmed ? { note: trimmed } : {}),
          ...(tags.length > 0 ? { tags } : {}),
        },
        {
          entity: "mood",
          id,
          data: { id, at, localDay: day, mood, sleepQuality: sleep, sleepHours: parsedHours, note: trimmed, tags },
        },
      );
      setNote("");
      setTags([]);
      setHours("");
      setSaved(true);
      setConfirmation(
        `Saved — ${friendlyDateTime(at, user.timezone, now)} · mood ${mood}, ${moodWord(mood)}${
          earned.xp > 0 ? ` · +${earned.xp} XP and +${earned.coins} coins` : ""
        }`,
      );
      setFlagOp(moodRaisesFlag(mood) ? opId : null);
      onWrite();
    } finally {
      busy.current = false;
      setSaving(false);
    }
  }

  return (
    <section class="card checkin" aria-labelledby="checkin-title">
      <h3 id="checkin-title">Check in</h3>
      <form onSubmit={checkIn}>
        <MoodScale
          value={mood}
          onChange={(m) => {
            setMood(m);
            edited();
          }}
        />
        <FeelingPicker
          tags={tags}
          onChange={(t) => {
            setTags(t);
            edited();
          }}
        />
        <div class="sleep-row">
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
            Hours slept (optional)
            <input
              type="number"
              inputMode="decimal"
              min={0}
              max={24}
              step={0.5}
              value={hours}
              aria-invalid={parsedHours === "invalid"}
              aria-describedby="hours-hint"
              onInput={(e) => {
                setHours(e.currentTarget.value);
                edited();
              }}
            />
            <span id="hours-hint" class={parsedHours === "invalid" ? "hint refused" : "hint muted"}>
              {parsedHours === "invalid" ? "Hours slept is a number from 0 to 24." : "In half hours, e.g. 7.5."}
            </span>
          </label>
        </div>
        <label>
          Note (optional)
          <textarea
            maxLength={NOTE_MAX}
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
        <p role="status" class={confirmation ? "checkin-saved" : "checkin-saved empty"} data-testid="checkin-status">
          {confirmation}
        </p>
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
      <RecentCheckIns moods={moods} timeZone={user.timezone} />
    </section>
  );
}
