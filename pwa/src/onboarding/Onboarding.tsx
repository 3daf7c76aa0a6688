import { useEffect, useRef, useState } from "preact/hooks";
import { crisisResourcesFor } from "../../../shared/domain/risk";
import type { PublicUser } from "../../../shared/schemas/auth";
import { NAME_MAX } from "../../../shared/schemas/wellbeing";
import { api, errorOf, publishUser } from "../api/session";
import { useOnline } from "../data/use-online";
import { write } from "../data/write";
import { CrisisResourceList } from "../ui/CrisisResourceList";
import { minuteOfDay, nextStep, previousStep, progressLabel, type Step } from "./steps";
import "./onboarding.css";

/**
 * Remembered on this device once the flow is over, so it never shows here again even when the
 * server could not be told (offline): the next time the flow would open, it tells the server
 * and closes at once.
 */
const DONE_KEY = (userId: string) => `haven.onboarded.${userId}`;

function doneHere(userId: string): boolean {
  try {
    return localStorage.getItem(DONE_KEY(userId)) === "1";
  } catch {
    return false;
  }
}

/** Tells the server the flow is over (any device then skips it); false when it could not. */
async function markOnboarded(): Promise<boolean> {
  try {
    const res = await api.me.$patch({ json: { onboarded: true } });
    if (!res.ok) return false;
    publishUser((await res.json()).user);
    return true;
  } catch {
    return false;
  }
}

const HEADINGS: Record<Step, string> = {
  about: "Welcome to Haven",
  crisis: "Help in a crisis",
  companion: "The AI companion",
  habit: "A first habit",
  reminder: "A daily reminder",
};

/**
 * The first-run flow for a new patient (issue 19, item 6): what Haven is and is not, crisis help,
 * consent for the AI companion, a first habit, the daily check-in reminder. Every step can be
 * skipped, and "Skip for now" ends it; once over (finished or skipped) it is never shown again:
 * the server's flag covers every device, and this device remembers it too, for when it is offline.
 */
export function Onboarding({ user, onDone }: { user: PublicUser; onDone: () => void }) {
  const [step, setStep] = useState<Step>("about");
  const heading = useRef<HTMLHeadingElement>(null);
  const online = useOnline();
  const [companion, setCompanion] = useState(user.consent.companion);
  const [habit, setHabit] = useState("");
  const [habitAdded, setHabitAdded] = useState<string | null>(null);
  const [reminderOn, setReminderOn] = useState(false);
  const [reminderTime, setReminderTime] = useState("20:00");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const closing = useRef(false);

  // Ended on this device before (offline then): tell the server now and do not show it again.
  useEffect(() => {
    if (!doneHere(user.id)) return;
    void markOnboarded();
    onDone();
  }, [user.id]);

  // Each step's heading takes the focus, so a screen reader starts there.
  useEffect(() => heading.current?.focus(), [step]);

  async function finish() {
    if (closing.current) return;
    closing.current = true;
    try {
      localStorage.setItem(DONE_KEY(user.id), "1");
    } catch {
      // storage unavailable: the server's flag alone keeps it from showing again
    }
    await markOnboarded();
    onDone();
  }

  function go(to: Step | null) {
    setError(null);
    if (to) setStep(to);
    else void finish();
  }

  /** Runs a step's action (online ones say so when they cannot), then moves on. */
  async function act(task: () => Promise<string | null>) {
    setBusy(true);
    setError(null);
    try {
      const problem = await task();
      if (problem) return setError(problem);
      go(nextStep(step));
    } catch {
      setError("Haven cannot be reached right now. You can do this later in Settings.");
    } finally {
      setBusy(false);
    }
  }

  const saveConsent = () =>
    act(async () => {
      if (companion === user.consent.companion) return null;
      const res = await api.me.$patch({ json: { consent: { companion } } });
      if (!res.ok) return (await errorOf(res)).message;
      publishUser((await res.json()).user);
      return null;
    });

  const saveHabit = () =>
    act(async () => {
      const name = habit.trim();
      if (!name || habitAdded === name) return null;
      const id = crypto.randomUUID();
      const now = new Date().toISOString();
      const schedule = { type: "daily" as const, perDay: 1 };
      await write(
        "habit.create",
        { id, name, difficulty: "easy", schedule },
        {
          entity: "habit",
          id,
          data: {
            id,
            name,
            difficulty: "easy",
            schedule,
            notes: null,
            archived: false,
            createdAt: now,
            updatedAt: now,
          },
        },
      );
      setHabitAdded(name);
      return null;
    });

  const saveReminder = () =>
    act(async () => {
      const minute = minuteOfDay(reminderTime);
      if (!reminderOn || minute === null) return null;
      const res = await api.notifications.reminders.$put({
        json: { checkin: { enabled: true, minute }, quietHours: null, habits: [] },
      });
      if (!res.ok) return (await errorOf(res)).message;
      return null;
    });

  const back = previousStep(step);
  const last = nextStep(step) === null;
  const resources = crisisResourcesFor(user.timezone);

  return (
    <section class="onboarding card" aria-labelledby="onboarding-title" data-testid="onboarding" data-step={step}>
      <p class="onboarding-progress muted" data-testid="onboarding-progress">
        {progressLabel(step)}
      </p>
      <h2 id="onboarding-title" ref={heading} tabIndex={-1}>
        {HEADINGS[step]}
      </h2>
      {step === "about" ? (
        <>
          <p>
            Hello, {user.displayName}. Haven is a calm companion for your wellbeing, with your care team beside you:
            check in on your mood and sleep, keep small habits, and look after a pet along the way.
          </p>
          <p>
            <strong>Haven is not an emergency service.</strong> Your care team sees your check-ins, but not straight
            away and not around the clock.
          </p>
        </>
      ) : step === "crisis" ? (
        <>
          <p>If you are in danger or might act on thoughts of harming yourself, one tap calls for help:</p>
          <CrisisResourceList resources={resources} />
          <p>
            <strong>Crisis help</strong> is always at the top of every screen, and it works without a connection.
          </p>
        </>
      ) : step === "companion" ? (
        <>
          <p>
            Haven has an AI companion to talk things over with, and guided exercises. The companion is an AI, not a
            clinician, and your messages are sent to an AI model. It stays off unless you turn it on; you can change
            this any time in Settings.
          </p>
          <label class="toggle">
            <input
              type="checkbox"
              checked={companion}
              onChange={(e) => setCompanion(e.currentTarget.checked)}
              data-testid="onboarding-companion"
            />
            Turn on the AI companion
          </label>
        </>
      ) : step === "habit" ? (
        <>
          <p>A habit is something small you would like to do each day, such as a short walk. This is optional.</p>
          <label>
            Your first habit (optional)
            <input
              value={habit}
              maxLength={NAME_MAX}
              placeholder="A short walk"
              onInput={(e) => setHabit(e.currentTarget.value)}
              data-testid="onboarding-habit"
            />
          </label>
          {habitAdded ? (
            <p class="done" role="status">
              “{habitAdded}” is on your list.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p>
            Haven can remind you once a day to check in. It never says how you are feeling, and you can change it in
            Settings.
          </p>
          <label class="toggle">
            <input
              type="checkbox"
              checked={reminderOn}
              disabled={!online}
              onChange={(e) => setReminderOn(e.currentTarget.checked)}
              data-testid="onboarding-reminder"
            />
            Remind me to check in each day
          </label>
          {reminderOn ? (
            <label>
              At
              <input
                type="time"
                required
                value={reminderTime}
                onInput={(e) => setReminderTime(e.currentTarget.value)}
              />
            </label>
          ) : null}
          {online ? null : <p class="muted">Reminders need a connection: you can turn them on later in Settings.</p>}
        </>
      )}
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
      <div class="onboarding-actions">
        <button
          type="button"
          disabled={busy}
          data-testid="onboarding-next"
          onClick={() =>
            step === "companion"
              ? void saveConsent()
              : step === "habit"
                ? void saveHabit()
                : step === "reminder"
                  ? void saveReminder()
                  : go(nextStep(step))
          }
        >
          {last ? "Finish" : "Next"}
        </button>
        {back ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => go(back)}>
            Back
          </button>
        ) : null}
        {last ? null : (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => void finish()}
            data-testid="onboarding-skip"
          >
            Skip for now
          </button>
        )}
      </div>
    </section>
  );
}

export default Onboarding;
