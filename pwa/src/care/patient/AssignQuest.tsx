import { useState } from "preact/hooks";
import { NAME_MAX, questCreate, STEPS_MAX, TEXT_MAX } from "../../../../shared/schemas/wellbeing";
import { api } from "../../api/session";
import { careWrite, invalidate } from "../care-data";

type Difficulty = "easy" | "medium" | "hard";
type Field = "title" | "description" | "steps" | "dueDate";

export interface QuestDraft {
  title: string;
  description: string;
  difficulty: Difficulty;
  /** One step a line; blank lines are left out. */
  steps: string;
  /** YYYY-MM-DD, or "" for none. */
  dueDate: string;
}

const EMPTY: QuestDraft = { title: "", description: "", difficulty: "easy", steps: "", dueDate: "" };

/** Says what is wrong with a field in words, from the zod issue the API's own schema gives. */
function messageFor(field: Field, code: string): string {
  switch (field) {
    case "title":
      return code === "too_big" ? `A title holds at most ${NAME_MAX} characters.` : "Give the quest a title.";
    case "description":
      return `A description holds at most ${TEXT_MAX.toLocaleString("en")} characters.`;
    case "steps":
      return code === "too_big"
        ? `At most ${STEPS_MAX} steps, each at most ${NAME_MAX} characters.`
        : "A step needs some words.";
    case "dueDate":
      return "Pick a date, or leave it empty.";
  }
}

/**
 * The quest as the API takes it (shared/schemas/wellbeing.ts questCreate, the same schema the
 * server checks), or what is wrong with the form, field by field.
 */
export function questFromDraft(
  draft: QuestDraft,
): { ok: true; quest: ReturnType<typeof questCreate.parse> } | { ok: false; errors: Partial<Record<Field, string>> } {
  const steps = draft.steps
    .split("\n")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const candidate = {
    title: draft.title,
    difficulty: draft.difficulty,
    ...(draft.description.trim() ? { description: draft.description } : {}),
    ...(steps.length > 0 ? { steps: steps.map((title) => ({ title })) } : {}),
    ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
  };
  const parsed = questCreate.safeParse(candidate);
  if (parsed.success) return { ok: true, quest: parsed.data };
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === "title" || field === "description" || field === "steps" || field === "dueDate")
      errors[field] ??= messageFor(field, issue.code);
  }
  return { ok: false, errors };
}

/**
 * Assign a quest to the patient (therapists and clinicians): title, difficulty, an optional
 * description, steps and due date, checked by the API's own schema before sending and said
 * beside each field. Online only (careWrite); the quest reaches the patient's devices by sync.
 */
export function AssignQuest({ patientId, patientName }: { patientId: string; patientName: string }) {
  const [draft, setDraft] = useState<QuestDraft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // One id per quest being written: sending again after a lost answer cannot assign it twice.
  const [opId, setOpId] = useState(() => crypto.randomUUID());

  const set = (patch: Partial<QuestDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDone(null);
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setFailure(null);
    setDone(null);
    const checked = questFromDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = (["title", "description", "steps", "dueDate"] as const).find((f) => checked.errors[f]);
      if (first) document.getElementById(`quest-${first}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const outcome = await careWrite(() =>
      api.staff.patients[":id"].quests.$post({ param: { id: patientId }, json: { ...checked.quest, opId } }),
    );
    setBusy(false);
    if (!outcome.ok) {
      setFailure(outcome.error);
      return;
    }
    setDone(checked.quest.title);
    setDraft(EMPTY);
    setOpId(crypto.randomUUID());
    invalidate(`patient:${patientId}`);
  }

  const described = (field: Field, hint?: string) =>
    [hint ? `quest-${field}-hint` : null, errors[field] ? `quest-${field}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  const error = (field: Field) =>
    errors[field] ? (
      <p id={`quest-${field}-error`} class="error field-error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <section class="card care-section" aria-labelledby="assign-title" data-testid="assign-quest">
      <h3 id="assign-title">Assign a quest</h3>
      <p class="muted">It appears in {patientName}'s quests when their device next syncs.</p>
      <form class="assign-quest" onSubmit={submit} noValidate>
        <div class="field">
          <label for="quest-title">Title</label>
          <input
            id="quest-title"
            value={draft.title}
            maxLength={NAME_MAX}
            aria-required="true"
            aria-invalid={errors.title ? "true" : undefined}
            aria-describedby={described("title")}
            onInput={(e) => set({ title: e.currentTarget.value })}
          />
          {error("title")}
        </div>
        <fieldset class="field difficulty">
          <legend>Difficulty</legend>
          {(["easy", "medium", "hard"] as const).map((d) => (
            <label key={d}>
              <input
                type="radio"
                name="quest-difficulty"
                value={d}
                checked={draft.difficulty === d}
                onChange={() => set({ difficulty: d })}
              />{" "}
              {d[0]?.toUpperCase()}
              {d.slice(1)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="quest-description">Description (optional)</label>
          <textarea
            id="quest-description"
            rows={3}
            value={draft.description}
            aria-invalid={errors.description ? "true" : undefined}
            aria-describedby={described("description")}
            onInput={(e) => set({ description: e.currentTarget.value })}
          />
          {error("description")}
        </div>
        <div class="field">
          <label for="quest-steps">Steps (optional)</label>
          <p id="quest-steps-hint" class="muted small">
            One step a line, at most {STEPS_MAX}.
          </p>
          <textarea
            id="quest-steps"
            rows={3}
            value={draft.steps}
            aria-invalid={errors.steps ? "true" : undefined}
            aria-describedby={described("steps", "hint")}
            onInput={(e) => set({ steps: e.currentTarget.value })}
          />
          {error("steps")}
        </div>
        <div class="field">
          <label for="quest-dueDate">Due date (optional)</label>
          <input
            id="quest-dueDate"
            type="date"
            value={draft.dueDate}
            aria-invalid={errors.dueDate ? "true" : undefined}
            aria-describedby={described("dueDate")}
            onInput={(e) => set({ dueDate: e.currentTarget.value })}
          />
          {error("dueDate")}
        </div>
        <p>
          <button type="submit" disabled={busy}>
            {busy ? "Assigning…" : "Assign quest"}
          </button>
        </p>
        {failure ? (
          <p role="alert" class="error" data-testid="assign-error">
            {failure}
          </p>
        ) : null}
        <p role="status" class="success" data-testid="assign-done">
          {done ? `Assigned “${done}” to ${patientName}.` : ""}
        </p>
      </form>
    </section>
  );
}
