import { useEffect, useState } from "preact/hooks";
import type { PublicUser } from "../../../../shared/schemas/auth";
import type { ReminderSettings } from "../../../../shared/schemas/notifications";
import { api } from "../../api/session";
import { useEntities } from "../../data/entities";
import type { HabitView } from "../../data/types";
import { PushToggle } from "../../notify/PushToggle";
import { refreshNotificationSummary } from "../../notify/use-notification-summary";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";

/** 1200 → "20:00" (a local minute of the day as a time input's value). */
export function timeOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** "20:00" → 1200; null for an empty or malformed value. */
export function minuteOf(time: string): number | null {
  const m = /^(\d{2}):(\d{2})/.exec(time);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

const DEFAULT_QUIET = { startMinute: 22 * 60, endMinute: 7 * 60 };

/**
 * Reminders (issue 17, item 4): this device's notifications, a daily check-in reminder, quiet
 * hours and a reminder per habit, all off until turned on. They live on the server (it sends
 * them when the app is closed), so changing them needs a connection; offline the section says
 * so instead of losing the change. Kind words only: a reminder is an offer, never a demand.
 */
export function RemindersSection({ user, offline }: { user: PublicUser; offline: boolean }) {
  const habits = useEntities<HabitView>("habit").filter((h) => !h.archived && !h.rejected);
  const [saved, setSaved] = useState<ReminderSettings | null>(null);
  const [checkinOn, setCheckinOn] = useState(false);
  const [checkinTime, setCheckinTime] = useState(timeOf(1200));
  const [quietOn, setQuietOn] = useState(false);
  const [quietFrom, setQuietFrom] = useState(timeOf(DEFAULT_QUIET.startMinute));
  const [quietTo, setQuietTo] = useState(timeOf(DEFAULT_QUIET.endMinute));
  const [habitTimes, setHabitTimes] = useState<Record<string, string | null>>({});
  const [done, setDone] = useState<string | null>(null);
  const load = useAction();
  const save = useAction();

  function show(s: ReminderSettings) {
    setSaved(s);
    setCheckinOn(s.checkin.enabled);
    setCheckinTime(timeOf(s.checkin.minute));
    setQuietOn(s.quietHours !== null);
    setQuietFrom(timeOf(s.quietHours?.startMinute ?? DEFAULT_QUIET.startMinute));
    setQuietTo(timeOf(s.quietHours?.endMinute ?? DEFAULT_QUIET.endMinute));
    setHabitTimes(Object.fromEntries(s.habits.map((h) => [h.habitId, timeOf(h.minute)])));
  }

  useEffect(() => {
    if (offline || saved) return;
    void load.run(async () => {
      const res = await api.notifications.reminders.$get();
      if (!res.ok) return refusal(res);
      show(await res.json());
    });
  }, [offline, user.id]);

  function submit(event: Event) {
    event.preventDefault();
    setDone(null);
    const checkinMinute = minuteOf(checkinTime);
    const from = minuteOf(quietFrom);
    const to = minuteOf(quietTo);
    const habitList = Object.entries(habitTimes).flatMap(([habitId, time]) => {
      const minute = time === null ? null : minuteOf(time);
      return minute === null ? [] : [{ habitId, minute }];
    });
    // The time inputs are required while on, so the browser asks for a time before this runs.
    if (checkinMinute === null || (quietOn && (from === null || to === null))) return;
    void save.run(async () => {
      const res = await api.notifications.reminders.$put({
        json: {
          checkin: { enabled: checkinOn, minute: checkinMinute },
          quietHours: quietOn && from !== null && to !== null ? { startMinute: from, endMinute: to } : null,
          habits: habitList,
        },
      });
      if (!res.ok) return refusal(res);
      show(await res.json());
      refreshNotificationSummary();
      setDone("Your reminders are saved.");
    });
  }

  const locked = offline || save.busy || saved === null;
  return (
    <section class="card" aria-labelledby="reminders-title" data-testid="reminders">
      <h3 id="reminders-title">Reminders</h3>
      <PushToggle />
      <p class="muted">
        All reminders are off until you turn them on. When notifications are on for this device they arrive even when
        Haven is closed; otherwise you'll see a gentle note when you open the app. They never say how you're feeling.
      </p>
      {offline ? (
        <p class="muted" data-testid="reminders-offline">
          Reminders are kept on Haven's server, so changing them needs a connection. Nothing has been changed.
        </p>
      ) : null}
      <Feedback error={load.error} testId="reminders-load" />
      <form onSubmit={submit}>
        <fieldset disabled={locked}>
          <legend>Daily check-in</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={checkinOn}
              onChange={(e) => setCheckinOn(e.currentTarget.checked)}
              data-testid="reminder-checkin"
            />
            <span>Remind me to check in</span>
          </label>
          <label>
            At
            <input
              type="time"
              required
              value={checkinTime}
              disabled={!checkinOn}
              onInput={(e) => setCheckinTime(e.currentTarget.value)}
              data-testid="reminder-checkin-time"
            />
          </label>
          <p class="muted help">A moment for your check-in, whenever suits you. No reminder once you've checked in.</p>
        </fieldset>
        <fieldset disabled={locked}>
          <legend>Quiet hours</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={quietOn}
              onChange={(e) => setQuietOn(e.currentTarget.checked)}
              data-testid="reminder-quiet"
            />
            <span>No reminders during quiet hours</span>
          </label>
          <label>
            From
            <input
              type="time"
              required
              value={quietFrom}
              disabled={!quietOn}
              onInput={(e) => setQuietFrom(e.currentTarget.value)}
            />
          </label>
          <label>
            To
            <input
              type="time"
              required
              value={quietTo}
              disabled={!quietOn}
              onInput={(e) => setQuietTo(e.currentTarget.value)}
            />
          </label>
        </fieldset>
        <fieldset disabled={locked}>
          <legend>Habits</legend>
          {habits.length === 0 ? <p class="muted">Habits you add can have a reminder of their own.</p> : null}
          {habits.map((h) => {
            const time = habitTimes[h.id] ?? null;
            return (
              <div key={h.id} class="habit-reminder">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={time !== null}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setHabitTimes((t) => ({ ...t, [h.id]: on ? timeOf(9 * 60) : null }));
                    }}
                  />
                  <span>Remind me about {h.name}</span>
                </label>
                {time !== null ? (
                  <label>
                    At
                    <input
                      type="time"
                      required
                      aria-label={`Time for ${h.name}`}
                      value={time}
                      onInput={(e) => {
                        const value = e.currentTarget.value;
                        setHabitTimes((t) => ({ ...t, [h.id]: value }));
                      }}
                    />
                  </label>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <button type="submit" disabled={locked} data-testid="reminders-save">
          Save reminders
        </button>
      </form>
      <Feedback error={save.error} done={done} testId="reminders" />
    </section>
  );
}
