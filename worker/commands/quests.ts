import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { z } from "zod";
import { questCompletionXp } from "../../shared/domain/completion-policy";
import { localDay } from "../../shared/domain/local-day";
import { mergeQuestEdit, overwriteMessage } from "../../shared/domain/quest-merge";
import type { questCreate, questUpdate } from "../../shared/schemas/wellbeing";
import { quests } from "../db/schema";
import { type QuestRow, type QuestStep, questView } from "../db/wellbeing";
import { applyReward, cheerPet } from "./rewards";
import { type Command, type CommandContext, type Decision, reject } from "./types";
import { write } from "./write";

type StepInput = { id?: string; title: string; done: boolean };
const withIds = (steps: StepInput[]): QuestStep[] =>
  steps.map((s) => ({ id: s.id ?? crypto.randomUUID(), title: s.title, done: s.done }));
const questWhere = (ctx: CommandContext, id: string) => and(eq(quests.userId, ctx.userId), eq(quests.id, id));

export function createQuest(ctx: CommandContext, p: z.infer<typeof questCreate>): Decision {
  const id = p.id ?? crypto.randomUUID();
  if (ctx.state.quests.has(id)) return reject("ID_CONFLICT");
  const row: QuestRow = {
    userId: ctx.userId,
    id,
    title: p.title,
    description: p.description ?? null,
    difficulty: p.difficulty,
    steps: JSON.stringify(withIds(p.steps ?? [])),
    dueDate: p.dueDate ?? null,
    status: "active",
    xpAwardedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const statement = write(ctx, {
    entity: "quest",
    id,
    view: questView(row),
    statement: ctx.db.insert(quests).values(row),
    remember: { map: ctx.state.quests, row },
  });
  return { ok: true, status: 201, body: { quest: questView(row) }, statements: [statement] };
}

/**
 * Edits a quest. Moving it to `done` for the first time awards its XP (and coins, and the pet's
 * bonus); done → active → done never awards again: a quest's XP is earned once, ever.
 */
export function updateQuest(
  ctx: CommandContext,
  p: z.infer<typeof questUpdate> & { questId: string },
  cmd: Command,
): Decision {
  const quest = ctx.state.quests.get(p.questId);
  if (!quest) return reject("NOT_FOUND");
  const changes: Partial<QuestRow> = { updatedAt: ctx.now };
  // Merged with what other devices did since the edit's base: ticks kept, later values named (issue 11, defect 8).
  const merged = mergeQuestEdit(
    {
      title: quest.title,
      description: quest.description,
      difficulty: quest.difficulty,
      steps: JSON.parse(quest.steps) as QuestStep[],
      dueDate: quest.dueDate,
    },
    p,
    () => crypto.randomUUID(),
  );
  const { steps, ...fields } = merged.changes;
  Object.assign(changes, fields);
  if (steps !== undefined) changes.steps = JSON.stringify(steps);
  if (p.status !== undefined) changes.status = p.status;
  const award =
    p.status === "done" ? questCompletionXp(changes.difficulty ?? quest.difficulty, quest.xpAwardedAt !== null) : null;
  // A late completion earns nothing, so the quest can still earn its XP once, later, in time.
  if (award && award.xp > 0 && !ctx.late) changes.xpAwardedAt = ctx.now;
  const updated = { ...quest, ...changes };
  const statements: BatchItem<"sqlite">[] = [
    write(ctx, {
      entity: "quest",
      id: quest.id,
      view: questView(updated),
      statement: ctx.db.update(quests).set(changes).where(questWhere(ctx, quest.id)),
      remember: { map: ctx.state.quests, row: updated },
    }),
  ];
  const body: Record<string, unknown> = { quest: questView(updated) };
  if (merged.overwritten.length > 0) {
    body.overwritten = merged.overwritten;
    body.warning = { code: "QUEST_EDIT_MERGED", message: overwriteMessage(updated.title, merged.overwritten) };
  }
  if (award && award.xp > 0) {
    const day = localDay(cmd.at, ctx.state.timezone, ctx.state.dayStartHour);
    body.progress = applyReward(
      ctx,
      { opId: cmd.opId, source: "quest", refId: quest.id, localDay: day, ...award },
      statements,
    );
    cheerPet(ctx, statements);
  }
  return { ok: true, status: 200, body, statements };
}

export function toggleQuestStep(ctx: CommandContext, p: { questId: string; stepId: string; done: boolean }): Decision {
  const quest = ctx.state.quests.get(p.questId);
  if (!quest) return reject("NOT_FOUND");
  const steps = JSON.parse(quest.steps) as QuestStep[];
  const step = steps.find((s) => s.id === p.stepId);
  if (!step) return reject("NOT_FOUND");
  step.done = p.done;
  const changes = { steps: JSON.stringify(steps), updatedAt: ctx.now };
  const updated = { ...quest, ...changes };
  const statement = write(ctx, {
    entity: "quest",
    id: quest.id,
    view: questView(updated),
    statement: ctx.db.update(quests).set(changes).where(questWhere(ctx, quest.id)),
    remember: { map: ctx.state.quests, row: updated },
  });
  return { ok: true, status: 200, body: { quest: questView(updated) }, statements: [statement] };
}
