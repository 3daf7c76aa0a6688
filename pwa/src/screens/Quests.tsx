import { useEffect, useRef, useState } from "preact/hooks";
import { questCompletionXp } from "../../../shared/domain/completion-policy";
import { QUEST_XP } from "../../../shared/domain/progression";
import { mergeQuestEdit, type QuestFields } from "../../../shared/domain/quest-merge";
import type { CommandInput, CommandType } from "../../../shared/schemas/commands";
import type { QuestStatus } from "../../../shared/schemas/wellbeing";
import { type Local, useEntities } from "../data/entities";
import type { QuestView } from "../data/types";
import { useLocalDay } from "../data/use-local-day";
import { write } from "../data/write";
import { Celebration } from "../ui/Celebration";
import { capital } from "../ui/text";
import { type Draft, QuestForm, type Step } from "./quests/QuestForm";
import type { ScreenProps } from "./types";
import "./quests.css";

const GROUPS: { status: QuestStatus; title: string; empty: string | null }[] = [
  { status: "active", title: "Active", empty: "Nothing active right now. Start a quest below when you feel ready." },
  { status: "paused", title: "Paused", empty: null },
  { status: "done", title: "Done", empty: null },
];
const EMPTY: Draft = { title: "", description: "", difficulty: "medium", steps: [], dueDate: "" };

/** The entity as the server shows it, without the device's sync marks. */
const viewOf = ({ pending: _p, rejected: _r, ...quest }: Local<QuestView>): QuestView => quest;
const dateLabel = (day: string) =>
  new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });

/**
 * Quests: goals with optional checklist steps, grouped by status (active first). Every change is
 * a command in the outbox, shown at once and synced later, so the screen works offline. A quest's
 * XP is the server's to award, once ever; the screen predicts it with the same shared rule.
 */
export default function Quests({ user, onWrite }: ScreenProps) {
  const quests = useEntities<QuestView>("quest");
  const [announcement, setAnnouncement] = useState("");
  const [celebration, setCelebration] = useState<string | null>(null);
  const today = useLocalDay(user);

  async function save<T extends CommandType>(type: T, payload: CommandInput<T>, quest: QuestView) {
    await write(type, payload, { entity: "quest", id: quest.id, data: quest });
    onWrite();
  }

  async function create(draft: Draft) {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const description = draft.description.trim();
    const steps = draft.steps.map((s) => ({ ...s, done: false }));
    await save(
      "quest.create",
      {
        id,
        title: draft.title.trim(),
        difficulty: draft.difficulty,
        steps,
        ...(description ? { description } : {}),
        ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
      },
      {
        id,
        title: draft.title.trim(),
        description: description || null,
        difficulty: draft.difficulty,
        steps,
        dueDate: draft.dueDate || null,
        status: "active",
        xpAwarded: false,
        createdAt: now,
        updatedAt: now,
      },
    );
    setAnnouncement(`Quest “${draft.title.trim()}” started.`);
  }

  /**
   * Sends only what changed since the form opened (`opened`), with those fields as they were
   * then (`base`): the server merges it with what other devices did meanwhile — a step ticked
   * elsewhere stays ticked — and says, in a notice, if it replaced a newer value (issue 11, defect 8).
   */
  async function edit(quest: Local<QuestView>, opened: QuestView, draft: Draft): Promise<void> {
    const next = {
      title: draft.title.trim(),
      description: draft.description.trim() || null,
      difficulty: draft.difficulty,
      steps: draft.steps,
      dueDate: draft.dueDate || null,
    };
    const changes: Partial<typeof next> = {};
    const base: Partial<QuestFields> = {};
    if (next.title !== opened.title) [changes.title, base.title] = [next.title, opened.title];
    if (next.description !== opened.description)
      [changes.description, base.description] = [next.description, opened.description];
    if (next.difficulty !== opened.difficulty)
      [changes.difficulty, base.difficulty] = [next.difficulty, opened.difficulty];
    if (JSON.stringify(next.steps) !== JSON.stringify(opened.steps))
      [changes.steps, base.steps] = [next.steps, opened.steps];
    if (next.dueDate !== opened.dueDate) [changes.dueDate, base.dueDate] = [next.dueDate, opened.dueDate];
    if (Object.keys(changes).length === 0) return;
    const payload = { ...changes, base };
    // Shown at once as the server will merge it over the quest as this device has it now.
    const merged = mergeQuestEdit(viewOf(quest), payload, () => crypto.randomUUID()).changes;
    await save(
      "quest.update",
      { questId: quest.id, ...payload },
      { ...viewOf(quest), ...merged, updatedAt: new Date().toISOString() },
    );
    setAnnouncement(`Changes to “${next.title}” saved.`);
  }

  async function toggleStep(quest: Local<QuestView>, step: Step, done: boolean) {
    const steps = quest.steps.map((s) => (s.id === step.id ? { ...s, done } : s));
    await save(
      "quest.toggleStep",
      { questId: quest.id, stepId: step.id, done },
      { ...viewOf(quest), steps, updatedAt: new Date().toISOString() },
    );
  }

  async function setStatus(quest: Local<QuestView>, status: QuestStatus) {
    const award = questCompletionXp(quest.difficulty, quest.xpAwarded);
    await save(
      "quest.setStatus",
      { questId: quest.id, status },
      {
        ...viewOf(quest),
        status,
        xpAwarded: quest.xpAwarded || status === "done",
        updatedAt: new Date().toISOString(),
      },
    );
    if (status === "done") {
      setCelebration(award.xp > 0 ? `Quest complete: “${quest.title}” — well done` : null);
      setAnnouncement(
        award.xp > 0
          ? `“${quest.title}” is done: +${award.xp} XP and +${award.coins} coins. A quest's XP is awarded once.`
          : `“${quest.title}” is done again. Its XP was already earned, so nothing more is added.`,
      );
    } else setAnnouncement(`“${quest.title}” is ${status === "paused" ? "paused" : "active again"}.`);
  }

  return (
    <div class="quests">
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Quests
      </h2>
      <p>Goals you can break into small steps. Finishing a quest earns its XP once.</p>
      <p role="status" class="gentle announcement" data-testid="quest-announcement">
        {announcement}
      </p>
      {celebration ? <Celebration message={celebration} onDone={() => setCelebration(null)} /> : null}
      {GROUPS.map((group) => {
        const items = quests
          .filter((q) => q.status === group.status)
          .sort((a, b) =>
            group.status === "done"
              ? b.updatedAt.localeCompare(a.updatedAt)
              : (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.createdAt.localeCompare(b.createdAt),
          );
        if (items.length === 0 && group.empty === null) return null;
        const headingId = `quests-${group.status}-title`;
        return (
          <section key={group.status} class="card" aria-labelledby={headingId}>
            <h3 id={headingId}>
              {group.title} ({items.length})
            </h3>
            {items.length === 0 ? <p>{group.empty}</p> : null}
            <ul class="quest-list" data-testid={`quests-${group.status}`}>
              {items.map((quest) => (
                <QuestItem
                  key={quest.id}
                  quest={quest}
                  today={today}
                  onEdit={(opened, draft) => edit(quest, opened, draft)}
                  onToggle={(step, done) => void toggleStep(quest, step, done)}
                  onStatus={(status) => void setStatus(quest, status)}
                />
              ))}
            </ul>
          </section>
        );
      })}
      <section class="card" aria-labelledby="new-quest-title">
        <h3 id="new-quest-title">Start a quest</h3>
        <QuestForm initial={EMPTY} labelledBy="new-quest-title" submitLabel="Start quest" onSubmit={create} />
      </section>
    </div>
  );
}

function QuestItem({
  quest,
  today,
  onEdit,
  onToggle,
  onStatus,
}: {
  quest: Local<QuestView>;
  today: string;
  /** `opened`: the quest as it was when the form opened (what the edit is made from). */
  onEdit: (opened: QuestView, draft: Draft) => Promise<void>;
  onToggle: (step: Step, done: boolean) => void;
  onStatus: (status: QuestStatus) => void;
}) {
  const [editing, setEditing] = useState(false);
  const opened = useRef<QuestView>(quest);
  const editButton = useRef<HTMLButtonElement>(null);
  const award = questCompletionXp(quest.difficulty, quest.xpAwarded);
  const doneSteps = quest.steps.filter((s) => s.done).length;
  const finished = quest.status === "done";
  const wasEditing = useRef(false);
  // Closing the form (saved or cancelled) hands focus back to its Edit button.
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const close = () => setEditing(false);

  return (
    <li class="quest" data-testid="quest">
      <h4>{quest.title}</h4>
      <p class="muted">
        {capital(quest.difficulty)} ·{" "}
        {finished
          ? `${QUEST_XP[quest.difficulty]} XP earned, once`
          : award.xp > 0
            ? `finishing it earns ${award.xp} XP, once`
            : "its XP was already earned; finishing again adds nothing"}
        {quest.dueDate
          ? ` · ${!finished && quest.dueDate < today ? "was due" : "due"} ${dateLabel(quest.dueDate)}`
          : ""}
        {quest.steps.length > 0 ? ` · ${doneSteps}/${quest.steps.length} steps` : ""}
        {quest.pending ? <span class="pending"> · waiting to sync</span> : null}
        {quest.rejected ? <span class="refused"> · not saved: {quest.rejected.message}</span> : null}
      </p>
      {quest.description ? <p class="quest-description">{quest.description}</p> : null}
      {quest.steps.length > 0 ? (
        <ul class="quest-steps" aria-label={`Steps of ${quest.title}`}>
          {quest.steps.map((step) => (
            <li key={step.id}>
              <label>
                <input
                  type="checkbox"
                  checked={step.done}
                  disabled={finished}
                  onChange={(e) => onToggle(step, e.currentTarget.checked)}
                />{" "}
                {step.title}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <QuestForm
          initial={{
            title: opened.current.title,
            description: opened.current.description ?? "",
            difficulty: opened.current.difficulty,
            steps: opened.current.steps,
            dueDate: opened.current.dueDate ?? "",
          }}
          label={`Edit ${quest.title}`}
          submitLabel="Save changes"
          lockDifficulty={quest.xpAwarded}
          focusOnOpen
          onSubmit={async (draft) => {
            await onEdit(opened.current, draft);
            close();
          }}
          onCancel={close}
        />
      ) : (
        <div class="quest-actions">
          <button
            ref={editButton}
            type="button"
            class="secondary"
            aria-label={`Edit: ${quest.title}`}
            onClick={() => {
              opened.current = viewOf(quest);
              setEditing(true);
            }}
          >
            Edit
          </button>
          {quest.status === "active" ? (
            <button
              type="button"
              class="secondary"
              aria-label={`Pause: ${quest.title}`}
              onClick={() => onStatus("paused")}
            >
              Pause
            </button>
          ) : null}
          {quest.status === "paused" ? (
            <button
              type="button"
              class="secondary"
              aria-label={`Resume: ${quest.title}`}
              onClick={() => onStatus("active")}
            >
              Resume
            </button>
          ) : null}
          {finished ? (
            <button
              type="button"
              class="secondary"
              aria-label={`Reopen: ${quest.title}`}
              onClick={() => onStatus("active")}
            >
              Reopen
            </button>
          ) : (
            <button type="button" aria-label={`Mark done: ${quest.title}`} onClick={() => onStatus("done")}>
              Mark done
            </button>
          )}
        </div>
      )}
    </li>
  );
}
