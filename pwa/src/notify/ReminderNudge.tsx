import { useState } from "preact/hooks";
import { habitDoneFor } from "../../../shared/domain/reminders";
import type { PublicUser } from "../../../shared/schemas/auth";
import { useEntities } from "../data/entities";
import { countsByDay } from "../data/habit-days";
import type { CompletionView, HabitView, MoodView } from "../data/types";
import { useLocalDay } from "../data/use-local-day";
import { Link } from "../ui/Link";
import { useNotificationSummary } from "./use-notification-summary";
import "./notify.css";

const DISMISSED_KEY = "haven:nudge-dismissed:";

/** The local day the nudge was put away for, on this device ("Not now" lasts the day). */
function dismissedDay(userId: string): string | null {
  try {
    return localStorage.getItem(DISMISSED_KEY + userId);
  } catch {
    return null;
  }
}

/**
 * Today's gentle nudge (issue 17, item 4): the patient's reminders that are due now, shown when
 * the app opens — the in-app form of a reminder, for devices without push. Kind words only, never
 * guilt. It goes once the check-in (or the habit) is done on this device, even before the server
 * hears of it, and "Not now" puts it away until tomorrow.
 */
export function ReminderNudge({ user }: { user: PublicUser }) {
  const summary = useNotificationSummary(user.id);
  const today = useLocalDay(user);
  const moods = useEntities<MoodView>("mood");
  const habits = useEntities<HabitView>("habit");
  const completions = useEntities<CompletionView>("completion");
  const [dismissed, setDismissed] = useState(() => dismissedDay(user.id));
  if (!summary || dismissed === today) return null;

  const checkedIn = moods.some((m) => m.localDay === today && !m.rejected);
  const checkin = summary.nudges.some((n) => n.kind === "checkin") && !checkedIn;
  const habitNames = summary.nudges.flatMap((n) => {
    if (n.kind !== "habit") return [];
    const habit = habits.find((h) => h.id === n.habitId);
    if (habit && habitDoneFor(habit.schedule, countsByDay(habit.id, completions), today)) return [];
    return [habit?.name ?? n.name ?? "one of your habits"];
  });
  if (!checkin && habitNames.length === 0) return null;

  function notNow() {
    try {
      localStorage.setItem(DISMISSED_KEY + user.id, today);
    } catch {
      // Private mode without storage: put away for this visit only.
    }
    setDismissed(today);
  }

  return (
    <section class="card nudge" aria-labelledby="nudge-title" data-testid="reminder-nudge">
      <h3 id="nudge-title">A gentle reminder</h3>
      {checkin ? <p data-testid="nudge-checkin">A moment for your check-in, whenever suits you.</p> : null}
      {habitNames.length > 0 ? (
        <p data-testid="nudge-habits">If you have a moment: {habitNames.join(", ")}. No pressure — any step counts.</p>
      ) : null}
      <div class="actions">
        {checkin ? (
          <button
            type="button"
            onClick={() => {
              const title = document.getElementById("checkin-title");
              title?.scrollIntoView({ block: "start" });
              title?.closest("section")?.querySelector<HTMLElement>("input, textarea, button")?.focus();
            }}
          >
            Go to check-in
          </button>
        ) : (
          <Link href="/habits">Open habits</Link>
        )}
        <button type="button" class="secondary" onClick={notNow} data-testid="nudge-dismiss">
          Not now
        </button>
      </div>
    </section>
  );
}
