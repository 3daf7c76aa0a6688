import { useEffect, useId, useRef, useState } from "preact/hooks";
import { COINS_PER_XP_ACTION, HABIT_XP } from "../../../shared/domain/progression";
import type { CommandInput, CommandType } from "../../../shared/schemas/commands";
import { type Local, useEntities } from "../data/entities";
import { streakOf } from "../data/habit-days";
import type { CompletionView, HabitView } from "../data/types";
import { useLocalDay } from "../data/use-local-day";
import { write } from "../data/write";
import { capital } from "../ui/text";
import { type Draft, HabitForm, type Schedule } from "./habits/HabitForm";
import type { ScreenProps } from "./types";
import "./habits.css";

const EMPTY: Draft = { name: "", difficulty: "easy", scheduleType: "daily", perDay: 1, timesPerWeek: 3, notes: "" };

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
const viewOf = ({ pending: _p, rejected: _r, ...habit }: Local<HabitView>): HabitView => habit;
const scheduleOf = (d: Draft): Schedule =>
  d.scheduleType === "daily" ? { type: "daily", perDay: d.perDay } : { type: "weekly", timesPerWeek: d.timesPerWeek };
const describeSchedule = (s: Schedule) =>
  s.type === "daily"
    ? `Every day${s.perDay > 1 ? `, ${s.perDay} times` : ""}`
    : `${s.timesPerWeek} ${s.timesPerWeek === 1 ? "day" : "days"} a week`;
const draftOf = (h: HabitView): Draft => ({
  name: h.name,
  difficulty: h.difficulty,
  scheduleType: h.schedule.type,
  perDay: h.schedule.type === "daily" ? h.schedule.perDay : EMPTY.perDay,
  timesPerWeek: h.schedule.type === "weekly" ? h.schedule.timesPerWeek : EMPTY.timesPerWeek,
  notes: h.notes ?? "",
});

/**
 * The habits editor: create, edit and archive habits, with each one's streaks. Every change goes
 * through the outbox and shows at once, offline too. Archiving keeps the habit's history and XP.
 */
export default function HabitsEditor({ user, onWrite }: ScreenProps) {
  const habits = useEntities<HabitView>("habit")
    .filter((h) => !h.archived)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const completions = useEntities<CompletionView>("completion");
  const [announcement, setAnnouncement] = useState("");
  const listTitle = useRef<HTMLHeadingElement>(null);
  const today = useLocalDay(user);

  async function save<T extends CommandType>(type: T, payload: CommandInput<T>, id: string, habit: HabitView | null) {
    await write(type, payload, { entity: "habit", id, data: habit });
    onWrite();
  }

  async function create(draft: Draft) {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const name = draft.name.trim();
    const notes = draft.notes.trim();
    const schedule = scheduleOf(draft);
    await save("habit.create", { id, name, difficulty: draft.difficulty, schedule, ...(notes ? { notes } : {}) }, id, {
      id,
      name,
      difficulty: draft.difficulty,
      schedule,
      notes: notes || null,
      archived: false,
      createdAt: now,
      updatedAt: now,
    });
    setAnnouncement(`Habit “${name}” added.`);
  }

  /** Sends only what changed. */
  async function edit(habit: Local<HabitView>, draft: Draft) {
    const next = {
      name: draft.name.trim(),
      difficulty: draft.difficulty,
      schedule: scheduleOf(draft),
      notes: draft.notes.trim() || null,
    };
    const changes: Partial<typeof next> = {};
    if (next.name !== habit.name) changes.name = next.name;
    if (next.difficulty !== habit.difficulty) changes.difficulty = next.difficulty;
    if (JSON.stringify(next.schedule) !== JSON.stringify(habit.schedule)) changes.schedule = next.schedule;
    if (next.notes !== habit.notes) changes.notes = next.notes;
    if (Object.keys(changes).length === 0) return;
    await save("habit.update", { habitId: habit.id, ...changes }, habit.id, {
      ...viewOf(habit),
      ...changes,
      updatedAt: new Date().toISOString(),
    });
    setAnnouncement(`Changes to “${next.name}” saved.`);
  }

  async function archive(habit: Local<HabitView>) {
    // The server sends archived habits to devices as removals; the device does the same at once.
    await save("habit.archive", { habitId: habit.id }, habit.id, null);
    setAnnouncement(`“${habit.name}” is archived. Its history and the XP it earned are kept.`);
    // Its row is gone: keep the keyboard's place at the list rather than losing focus to the page.
    listTitle.current?.focus();
  }

  return (
    <div class="habits-editor">
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Habits
      </h2>
      <p>Small, kind habits you want to keep. Tick them off on the Today screen.</p>
      <p role="status" class="gentle announcement" data-testid="habit-announcement">
        {announcement}
      </p>
      <section class="card" aria-labelledby="my-habits-title">
        <h3 id="my-habits-title" ref={listTitle} tabIndex={-1}>
          Your habits ({habits.length})
        </h3>
        {habits.length === 0 ? <p>No habits yet. Add your first one below.</p> : null}
        <ul class="habit-list" data-testid="habit-list">
          {habits.map((habit) => (
            <HabitItem
              key={habit.id}
              habit={habit}
              streak={streakOf(habit, completions, user, today)}
              onEdit={(draft) => edit(habit, draft)}
              onArchive={() => archive(habit)}
            />
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="new-habit-title">
        <h3 id="new-habit-title">Add a habit</h3>
        <HabitForm initial={EMPTY} labelledBy="new-habit-title" submitLabel="Add habit" onSubmit={create} />
      </section>
    </div>
  );
}

function HabitItem({
  habit,
  streak,
  onEdit,
  onArchive,
}: {
  habit: Local<HabitView>;
  streak: { current: number; best: number };
  onEdit: (draft: Draft) => Promise<void>;
  onArchive: () => Promise<void>;
}) {
  const [mode, setMode] = useState<"view" | "edit" | "confirm">("view");
  const editButton = useRef<HTMLButtonElement>(null);
  const archiveButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const confirmText = useId();
  /** Which button takes focus back when the form or the confirmation closes. */
  const returnTo = useRef<typeof editButton | null>(null);
  const back = (focus: typeof editButton) => {
    returnTo.current = focus;
    setMode("view");
  };
  useEffect(() => {
    if (mode === "confirm") keepButton.current?.focus();
    if (mode === "view") returnTo.current?.current?.focus();
    returnTo.current = null;
  }, [mode]);

  return (
    <li class="habit" data-testid="habit">
      <h4>{habit.name}</h4>
      <p class="muted">
        {describeSchedule(habit.schedule)} · {capital(habit.difficulty)}, {HABIT_XP[habit.difficulty]} XP and{" "}
        {COINS_PER_XP_ACTION} coins each time
        {habit.pending ? <span class="pending"> · waiting to sync</span> : null}
        {habit.rejected ? <span class="refused"> · not saved: {habit.rejected.message}</span> : null}
      </p>
      <p data-testid="habit-streak">
        Streak: {days(streak.current)} now · best {days(streak.best)}
      </p>
      {habit.notes ? <p class="habit-notes">{habit.notes}</p> : null}
      {mode === "edit" ? (
        <HabitForm
          initial={draftOf(habit)}
          label={`Edit ${habit.name}`}
          submitLabel="Save changes"
          focusOnOpen
          onSubmit={async (draft) => {
            await onEdit(draft);
            back(editButton);
          }}
          onCancel={() => back(editButton)}
        />
      ) : null}
      {mode === "confirm" ? (
        <fieldset class="confirm" aria-describedby={confirmText}>
          <legend>Archive “{habit.name}”?</legend>
          <p id={confirmText}>
            It leaves your lists and stops taking completions. Its history, streaks and the XP it earned are kept.
          </p>
          <div class="habit-actions">
            <button type="button" onClick={() => void onArchive()}>
              Yes, archive
            </button>
            <button ref={keepButton} type="button" class="secondary" onClick={() => back(archiveButton)}>
              Keep it
            </button>
          </div>
        </fieldset>
      ) : null}
      {mode === "view" ? (
        <div class="habit-actions">
          <button
            ref={editButton}
            type="button"
            class="secondary"
            aria-label={`Edit: ${habit.name}`}
            onClick={() => setMode("edit")}
          >
            Edit
          </button>
          <button
            ref={archiveButton}
            type="button"
            class="secondary"
            aria-label={`Archive: ${habit.name}`}
            onClick={() => setMode("confirm")}
          >
            Archive
          </button>
        </div>
      ) : null}
    </li>
  );
}
