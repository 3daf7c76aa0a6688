import { useEffect, useId, useRef, useState } from "preact/hooks";
import { DIFFICULTIES, type Difficulty, QUEST_XP } from "../../../../shared/domain/progression";
import { NAME_MAX, STEPS_MAX, TEXT_MAX } from "../../../../shared/schemas/wellbeing";
import type { QuestView } from "../../data/types";
import { capital } from "../../ui/text";

export type Step = QuestView["steps"][number];
/** What the quest form edits: the fields of a quest a patient can set. */
export interface Draft {
  title: string;
  description: string;
  difficulty: Difficulty;
  steps: Step[];
  dueDate: string;
}

/** The quest form, for a new quest and for editing one: steps are added one at a time. */
export function QuestForm({
  initial,
  label,
  labelledBy,
  submitLabel,
  lockDifficulty = false,
  focusOnOpen = false,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  label?: string;
  labelledBy?: string;
  submitLabel: string;
  lockDifficulty?: boolean;
  /** Move focus to the title when the form opens (editing in place). */
  focusOnOpen?: boolean;
  onSubmit: (draft: Draft) => Promise<void>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [newStep, setNewStep] = useState("");
  const titleInput = useRef<HTMLInputElement>(null);
  const xpHint = useId();
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));

  useEffect(() => {
    if (focusOnOpen) titleInput.current?.focus();
  }, [focusOnOpen]);

  function addStep() {
    const title = newStep.trim();
    if (!title || draft.steps.length >= STEPS_MAX) return;
    set({ steps: [...draft.steps, { id: crypto.randomUUID(), title, done: false }] });
    setNewStep("");
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!draft.title.trim()) return;
    await onSubmit(draft);
    if (!onCancel) {
      setDraft(initial);
      setNewStep("");
    }
  }

  return (
    <form class="quest-form" aria-label={label} aria-labelledby={labelledBy} onSubmit={submit}>
      <label>
        Title
        <input
          ref={titleInput}
          required
          maxLength={NAME_MAX}
          value={draft.title}
          onInput={(e) => set({ title: e.currentTarget.value })}
        />
      </label>
      <label>
        Description (optional)
        <textarea
          rows={2}
          maxLength={TEXT_MAX}
          value={draft.description}
          onInput={(e) => set({ description: e.currentTarget.value })}
        />
      </label>
      {lockDifficulty ? (
        <p class="muted">
          Difficulty: {draft.difficulty}. Its {QUEST_XP[draft.difficulty]} XP has been earned, so it stays as it is.
        </p>
      ) : (
        <label>
          Difficulty
          <select
            value={draft.difficulty}
            aria-describedby={xpHint}
            onChange={(e) => set({ difficulty: e.currentTarget.value as Difficulty })}
          >
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {capital(d)} ({QUEST_XP[d]} XP)
              </option>
            ))}
          </select>
          <span id={xpHint} class="muted hint">
            Finishing this quest awards {QUEST_XP[draft.difficulty]} XP, once.
          </span>
        </label>
      )}
      <fieldset>
        <legend>Steps (optional)</legend>
        {draft.steps.length > 0 ? (
          <ol class="draft-steps">
            {draft.steps.map((step) => (
              <li key={step.id}>
                <span class="grow">{step.title}</span>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Remove step: ${step.title}`}
                  onClick={() => set({ steps: draft.steps.filter((s) => s.id !== step.id) })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
        ) : null}
        <label>
          New step
          <input
            maxLength={NAME_MAX}
            value={newStep}
            onInput={(e) => setNewStep(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter adds the step rather than submitting the whole quest.
              if (e.key === "Enter") {
                e.preventDefault();
                addStep();
              }
            }}
          />
        </label>
        <button type="button" class="secondary" onClick={addStep} disabled={draft.steps.length >= STEPS_MAX}>
          Add step
        </button>
      </fieldset>
      <label>
        Due date (optional)
        <input type="date" value={draft.dueDate} onInput={(e) => set({ dueDate: e.currentTarget.value })} />
      </label>
      <div class="quest-actions">
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
