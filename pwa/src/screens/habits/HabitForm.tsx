import { useEffect, useId, useRef, useState } from "preact/hooks";
import { COINS_PER_XP_ACTION, DIFFICULTIES, type Difficulty, HABIT_XP } from "../../../../shared/domain/progression";
import { NAME_MAX, TEXT_MAX } from "../../../../shared/schemas/wellbeing";
import type { HabitView } from "../../data/types";
import { capital } from "../../ui/text";

export type Schedule = HabitView["schedule"];
/** What the habit form edits; both schedule counts are kept so switching the type loses neither. */
export interface Draft {
  name: string;
  difficulty: Difficulty;
  scheduleType: Schedule["type"];
  perDay: number;
  timesPerWeek: number;
  notes: string;
}

/** The habit form, for a new habit and for editing one. */
export function HabitForm({
  initial,
  label,
  labelledBy,
  submitLabel,
  focusOnOpen = false,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  label?: string;
  labelledBy?: string;
  submitLabel: string;
  /** Move focus to the name when the form opens (editing in place). */
  focusOnOpen?: boolean;
  onSubmit: (draft: Draft) => Promise<void>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(initial);
  const nameInput = useRef<HTMLInputElement>(null);
  const xpHint = useId();
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));

  useEffect(() => {
    if (focusOnOpen) nameInput.current?.focus();
  }, [focusOnOpen]);

  async function submit(event: Event) {
    event.preventDefault();
    if (!draft.name.trim()) return;
    await onSubmit(draft);
    if (!onCancel) setDraft(initial);
  }

  return (
    <form class="habit-form" aria-label={label} aria-labelledby={labelledBy} onSubmit={submit}>
      <label>
        Name
        <input
          ref={nameInput}
          required
          maxLength={NAME_MAX}
          value={draft.name}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
      </label>
      <label>
        Difficulty
        <select
          value={draft.difficulty}
          aria-describedby={xpHint}
          onChange={(e) => set({ difficulty: e.currentTarget.value as Difficulty })}
        >
          {DIFFICULTIES.map((d) => (
            <option key={d} value={d}>
              {capital(d)} ({HABIT_XP[d]} XP each time)
            </option>
          ))}
        </select>
        <span id={xpHint} class="muted hint">
          Each completion earns {HABIT_XP[draft.difficulty]} XP and {COINS_PER_XP_ACTION} coins.
        </span>
      </label>
      <label>
        How often
        <select
          value={draft.scheduleType}
          onChange={(e) => set({ scheduleType: e.currentTarget.value as Schedule["type"] })}
        >
          <option value="daily">Every day</option>
          <option value="weekly">Some days each week</option>
        </select>
      </label>
      {draft.scheduleType === "daily" ? (
        <label>
          Times a day (1–10)
          <input
            type="number"
            inputMode="numeric"
            required
            min={1}
            max={10}
            step={1}
            value={draft.perDay}
            onInput={(e) => set({ perDay: Number(e.currentTarget.value) })}
          />
        </label>
      ) : (
        <label>
          Days a week (1–7)
          <input
            type="number"
            inputMode="numeric"
            required
            min={1}
            max={7}
            step={1}
            value={draft.timesPerWeek}
            onInput={(e) => set({ timesPerWeek: Number(e.currentTarget.value) })}
          />
        </label>
      )}
      <label>
        Notes (optional)
        <textarea
          rows={2}
          maxLength={TEXT_MAX}
          value={draft.notes}
          onInput={(e) => set({ notes: e.currentTarget.value })}
        />
      </label>
      <div class="habit-actions">
        <button type="submit">{submitLabel}</button>
        {onCancel ? (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
