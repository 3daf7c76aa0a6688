/**
 * A quest edit merged with what other devices did meanwhile (issue 11, defect 8). A step's tick
 * is its own command (`quest.toggleStep`), so an edit of the steps list never reverts a tick made
 * elsewhere: a step whose id persists keeps the server's `done` unless the edit itself toggled it
 * (against the `base` it was made from). With a base, a field the edit did not change keeps the
 * server's value, steps added elsewhere stay, and a field changed elsewhere and then by this edit
 * is replaced (last writer wins) and reported, so the device can tell its user.
 */
import type { Difficulty } from "./progression";

export interface QuestStepValue {
  id: string;
  title: string;
  done: boolean;
}

export interface QuestFields {
  title: string;
  description: string | null;
  difficulty: Difficulty;
  steps: QuestStepValue[];
  dueDate: string | null;
}

export interface QuestEdit {
  title?: string;
  description?: string | null;
  difficulty?: Difficulty;
  steps?: { id?: string; title: string; done: boolean }[];
  dueDate?: string | null;
  base?: Partial<QuestFields>;
}

/** A value this edit replaced that another device had set after the edit's base. */
export interface Overwrite {
  field: "title" | "description" | "difficulty" | "dueDate" | "step";
  /** The value the server held (a step: its title). */
  theirs: string | null;
  /** The value it holds now, from this edit. */
  yours: string | null;
}

const SCALARS = ["title", "description", "difficulty", "dueDate"] as const;

/** The merged steps of an edit: see the module comment. */
export function mergeSteps(
  server: QuestStepValue[],
  edit: NonNullable<QuestEdit["steps"]>,
  base: QuestStepValue[] | undefined,
  newId: () => string,
  overwritten: Overwrite[] = [],
): QuestStepValue[] {
  const now = new Map(server.map((s) => [s.id, s]));
  if (!base) {
    // An older client: its list stands, but a tick it carries for a step the server has is stale.
    return edit.map((s) => {
      const cur = s.id ? now.get(s.id) : undefined;
      return { id: s.id ?? newId(), title: s.title, done: cur ? cur.done : s.done };
    });
  }
  const was = new Map(base.map((s) => [s.id, s]));
  const result: QuestStepValue[] = [];
  for (const s of edit) {
    const cur = s.id ? now.get(s.id) : undefined;
    const b = s.id ? was.get(s.id) : undefined;
    if (cur && s.id) {
      const renamed = !b || s.title !== b.title;
      if (renamed && b && cur.title !== b.title && cur.title !== s.title) {
        overwritten.push({ field: "step", theirs: cur.title, yours: s.title });
      }
      const toggled = b !== undefined && s.done !== b.done;
      result.push({ id: s.id, title: renamed ? s.title : cur.title, done: toggled ? s.done : cur.done });
    } else if (b && s.id) {
      // Removed on another device since: it stays removed unless this edit changed it.
      if (s.title !== b.title || s.done !== b.done) result.push({ id: s.id, title: s.title, done: s.done });
    } else result.push({ id: s.id ?? newId(), title: s.title, done: s.done });
  }
  // Steps added elsewhere since the base: kept, after the step they followed there.
  const inEdit = new Set(edit.map((s) => s.id));
  for (const [i, s] of server.entries()) {
    if (inEdit.has(s.id) || was.has(s.id)) continue;
    const before = server
      .slice(0, i)
      .reverse()
      .find((p) => result.some((r) => r.id === p.id));
    const at = before ? result.findIndex((r) => r.id === before.id) + 1 : 0;
    result.splice(at, 0, { ...s });
  }
  return result;
}

/**
 * What an edit changes on the server's quest, and the later values from other devices it
 * replaced. Without a base (an older client) every field it sends is applied, as before, and
 * only the steps are merged (ticks kept).
 */
export function mergeQuestEdit(
  server: QuestFields,
  edit: QuestEdit,
  newId: () => string,
): { changes: Partial<QuestFields>; overwritten: Overwrite[] } {
  const changes: Partial<QuestFields> = {};
  const overwritten: Overwrite[] = [];
  const base = edit.base;
  for (const field of SCALARS) {
    const yours = edit[field];
    if (yours === undefined) continue;
    if (base && field in base) {
      const from = base[field];
      // Not changed by this edit: the server's value (perhaps newer, from elsewhere) stands.
      if (yours === from) continue;
      const theirs = server[field];
      if (theirs !== from && theirs !== yours) overwritten.push({ field, theirs, yours });
    }
    (changes as Record<string, unknown>)[field] = yours;
  }
  if (edit.steps !== undefined) {
    changes.steps = mergeSteps(server.steps, edit.steps, base?.steps, newId, overwritten);
  }
  return { changes, overwritten };
}

const FIELD_NAMES: Record<Overwrite["field"], string> = {
  title: "title",
  description: "description",
  difficulty: "difficulty",
  dueDate: "due date",
  step: "step",
};

/** The sentence the device shows: which of its changes replaced a newer one made elsewhere. */
export function overwriteMessage(questTitle: string, overwritten: Overwrite[]): string {
  const list = overwritten.map((o) =>
    o.theirs === null || o.theirs === "" ? `the ${FIELD_NAMES[o.field]}` : `the ${FIELD_NAMES[o.field]} “${o.theirs}”`,
  );
  return `Your edit of the quest “${questTitle}” replaced a change made elsewhere after you started (${list.join(", ")}). What you wrote is kept: check it is what you want.`;
}
