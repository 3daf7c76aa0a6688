/**
 * The safety plan, merged item by item (issue 11, defect 8). Every list entry has a stable id and
 * remembers who added it and who changed it last; a write is a list of per-item operations
 * (add, edit, remove) applied to the server's current plan, so the care team's additions and the
 * patient's offline edit are both kept. Two writers changing the same item: the later one wins,
 * and the change is recorded as having replaced the other's. The same code runs on the server
 * (worker/commands/check-ins.ts) and on the device (the optimistic update and the editor's diff).
 */
import { SAFETY_SECTIONS, type SafetyPlan, type SafetyPlanOp, type SafetySection } from "../schemas/wellbeing";

export interface SafetyItem {
  id: string;
  text: string;
  addedBy: string | null;
  addedAt: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** One recorded change, shown to the patient and the care team ("Dr X added …, 2 Dec"). */
export interface SafetyChange {
  at: string;
  by: string;
  section: SafetySection;
  itemId: string;
  kind: "added" | "edited" | "removed";
  /** The item's text after the change (removed: the text it had). */
  text: string;
  /** Edited: the text it replaced. */
  previous?: string;
  /**
   * The writer had not seen someone's later change to this item, and replaced it: who, when, and
   * what their text was (null: they had removed it, and this change brought it back).
   */
  overwrote?: { by: string | null; at: string | null; text: string | null };
}

export type PlanSections = Record<SafetySection, SafetyItem[]>;

/** The plan as stored (the JSON in safety_plans.plan) and as the merge sees it. */
export interface MergedPlan {
  version: number;
  sections: PlanSections;
  /** The latest changes, oldest first (at most CHANGES_KEPT). */
  changes: SafetyChange[];
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * The plan as the API, the change log and the device's cache show it: each section's texts (as
 * before items had ids, so older clients and exports keep reading it), the items with their ids
 * and authors (`entries`), the latest changes, and the version.
 */
export type SafetyPlanView = SafetyPlan & {
  entries: PlanSections;
  changes: SafetyChange[];
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
};

/** A view as a device may hold it: one cached before items had ids has texts only. */
export type AnyPlanView = SafetyPlan &
  Partial<Pick<SafetyPlanView, "entries" | "changes" | "version">> & {
    updatedAt: string | null;
    updatedBy: string | null;
  };

export const CHANGES_KEPT = 30;

const sectionsOf = (f: (s: SafetySection) => SafetyItem[]): PlanSections =>
  Object.fromEntries(SAFETY_SECTIONS.map((s) => [s, f(s)])) as PlanSections;

export function emptyPlan(): MergedPlan {
  return { version: 0, sections: sectionsOf(() => []), changes: [], updatedAt: null, updatedBy: null };
}

/**
 * A plan saved before items had ids: each item gets the id `${section}-${index}`, the same on
 * the server (reading the stored row) and on a device (reading a cached view), so an edit made
 * from either names the same items. Its author is whoever saved the plan last.
 */
export function fromLegacy(plan: SafetyPlan, updatedBy: string | null, updatedAt: string | null): MergedPlan {
  return {
    version: 0,
    sections: sectionsOf((s) =>
      (plan[s] ?? []).map((text, i) => ({
        id: `${s}-${i}`,
        text,
        addedBy: updatedBy,
        addedAt: updatedAt,
        updatedBy,
        updatedAt,
      })),
    ),
    changes: [],
    updatedAt,
    updatedBy,
  };
}

/** The stored JSON of a plan, old (sections of texts) or new; the row's own who and when. */
export function readStoredPlan(json: string, updatedBy: string, updatedAt: string): MergedPlan {
  const parsed = JSON.parse(json) as Partial<MergedPlan> & Partial<SafetyPlan>;
  if (parsed.sections) {
    return {
      version: parsed.version ?? 0,
      sections: sectionsOf((s) => parsed.sections?.[s] ?? []),
      changes: parsed.changes ?? [],
      updatedAt,
      updatedBy,
    };
  }
  return fromLegacy(parsed as SafetyPlan, updatedBy, updatedAt);
}

/** What goes in safety_plans.plan. */
export function storedJson(plan: MergedPlan): string {
  return JSON.stringify({ version: plan.version, sections: plan.sections, changes: plan.changes });
}

/** A view (new or one cached before ids) as the merge sees it. */
export function planFromView(view: AnyPlanView | null | undefined): MergedPlan {
  if (!view) return emptyPlan();
  if (!view.entries) return fromLegacy(view, view.updatedBy, view.updatedAt);
  return {
    version: view.version ?? 0,
    sections: sectionsOf((s) => view.entries?.[s] ?? []),
    changes: view.changes ?? [],
    updatedAt: view.updatedAt,
    updatedBy: view.updatedBy,
  };
}

export function safetyPlanView(plan: MergedPlan): SafetyPlanView {
  const texts = Object.fromEntries(SAFETY_SECTIONS.map((s) => [s, plan.sections[s].map((i) => i.text)])) as SafetyPlan;
  return {
    ...texts,
    entries: plan.sections,
    changes: plan.changes,
    version: plan.version,
    updatedAt: plan.updatedAt,
    updatedBy: plan.updatedBy,
  };
}

export interface MergeResult {
  plan: MergedPlan;
  /** What this write changed (also appended to plan.changes). */
  applied: SafetyChange[];
  /** The applied changes that replaced someone's later change (last writer wins, recorded). */
  conflicts: SafetyChange[];
}

/**
 * Applies one writer's operations to the current plan. Nothing another writer added is touched
 * (an operation names its item by id); an edit or removal of an item someone changed since the
 * writer saw it (`from` differs) still applies, recorded as a conflict; an edit of an item
 * someone removed brings it back, recorded too. An operation that changes nothing is skipped.
 */
export function applyOps(
  current: MergedPlan,
  ops: readonly SafetyPlanOp[],
  actor: { by: string; at: string },
): MergeResult {
  const sections = sectionsOf((s) => [...current.sections[s]]);
  const applied: SafetyChange[] = [];
  const base = { at: actor.at, by: actor.by };
  const lastRemoval = (id: string) =>
    [...current.changes].reverse().find((c) => c.itemId === id && c.kind === "removed");
  for (const op of ops) {
    const items = sections[op.section];
    const index = items.findIndex((i) => i.id === op.id);
    const item = index >= 0 ? items[index] : undefined;
    const theirs = (i: SafetyItem) => ({ by: i.updatedBy, at: i.updatedAt, text: i.text });
    if (op.op === "remove") {
      if (!item) continue;
      items.splice(index, 1);
      const change: SafetyChange = { ...base, section: op.section, itemId: op.id, kind: "removed", text: item.text };
      if (op.from !== undefined && op.from !== item.text) change.overwrote = theirs(item);
      applied.push(change);
      continue;
    }
    if (!item) {
      const added: SafetyItem = {
        id: op.id,
        text: op.text,
        addedBy: actor.by,
        addedAt: actor.at,
        updatedBy: actor.by,
        updatedAt: actor.at,
      };
      items.push(added);
      const change: SafetyChange = { ...base, section: op.section, itemId: op.id, kind: "added", text: op.text };
      if (op.op === "edit") {
        // Edited here, removed elsewhere meanwhile: the patient's words are kept, and the removal is named.
        const removal = lastRemoval(op.id);
        change.overwrote = { by: removal?.by ?? null, at: removal?.at ?? null, text: null };
      }
      applied.push(change);
      continue;
    }
    if (item.text === op.text) continue;
    items[index] = { ...item, text: op.text, updatedBy: actor.by, updatedAt: actor.at };
    const change: SafetyChange = {
      ...base,
      section: op.section,
      itemId: op.id,
      kind: "edited",
      text: op.text,
      previous: item.text,
    };
    if (op.op === "edit" && op.from !== undefined && op.from !== item.text) change.overwrote = theirs(item);
    applied.push(change);
  }
  if (applied.length === 0) return { plan: current, applied, conflicts: [] };
  return {
    plan: {
      version: current.version + 1,
      sections,
      changes: [...current.changes, ...applied].slice(-CHANGES_KEPT),
      updatedAt: actor.at,
      updatedBy: actor.by,
    },
    applied,
    conflicts: applied.filter((c) => c.overwrote !== undefined),
  };
}

/** What an editor holds: each section's items by id and text (a new item has a fresh id). */
export type DraftSections = Record<SafetySection, { id: string; text: string }[]>;

/** The operations that turn `base` (what the editor opened) into `draft` (what it saves). */
export function diffPlan(base: PlanSections, draft: DraftSections): SafetyPlanOp[] {
  const ops: SafetyPlanOp[] = [];
  for (const section of SAFETY_SECTIONS) {
    const before = new Map(base[section].map((i) => [i.id, i.text]));
    const kept = new Set(draft[section].map((i) => i.id));
    for (const [id, text] of before) if (!kept.has(id)) ops.push({ op: "remove", section, id, from: text });
    for (const { id, text } of draft[section]) {
      const was = before.get(id);
      if (was === undefined) ops.push({ op: "add", section, id, text });
      else if (was !== text) ops.push({ op: "edit", section, id, text, from: was });
    }
  }
  return ops;
}

/**
 * A whole plan of texts (an older client's queued write, or a plain REST client) as per-item
 * operations against the current plan: texts it holds are kept (matched in order), new texts
 * are added, and an item it lacks is removed only if the writer could have seen it — one added
 * or changed after the write's own time (`seenAt`, ms) is someone else's, and stays.
 */
export function legacyOps(
  current: MergedPlan,
  wanted: SafetyPlan,
  seenAt: number,
  newId: () => string,
): SafetyPlanOp[] {
  const ops: SafetyPlanOp[] = [];
  for (const section of SAFETY_SECTIONS) {
    const unmatched = [...current.sections[section]];
    for (const text of wanted[section]) {
      const i = unmatched.findIndex((item) => item.text === text);
      if (i >= 0) unmatched.splice(i, 1);
      else ops.push({ op: "add", section, id: newId(), text });
    }
    for (const item of unmatched) {
      const changedAt = item.updatedAt ? Date.parse(item.updatedAt) : 0;
      if (changedAt <= seenAt) ops.push({ op: "remove", section, id: item.id, from: item.text });
    }
  }
  return ops;
}

/** One line for a change: "added “Call Sam” to People and places". */
export function describeChange(change: SafetyChange, sectionTitle: (s: SafetySection) => string): string {
  const where = sectionTitle(change.section);
  if (change.kind === "added") return `added “${change.text}” to ${where}`;
  if (change.kind === "removed") return `removed “${change.text}” from ${where}`;
  return `changed “${change.previous ?? ""}” to “${change.text}” in ${where}`;
}
