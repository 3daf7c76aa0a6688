import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { z } from "zod";
import { questCompletionXp } from "../../shared/domain/completion-policy";
import { localDay } from "../../shared/domain/local-day";
import type { questCreate, questUpdate } from "../../shared/schemas/wellbeing";
import { quests } from "../db/schema";
import { findPet, findQuest, type QuestRow, type QuestStep, questView, totals } from "../db/wellbeing";
import { petBonusStatement, progressAnswer, rewardStatements } from "./rewards";
import { type Command, type CommandContext, type Decision, reject } from "./types";

type StepInput = { id?: string; title: string; done: boolean };
const withIds = (steps: StepInput[]): QuestStep[] =>
  steps.map((s) => ({ id: s.id ?? crypto.randomUUID(), title: s.title, done: s.done }));

export async function createQuest(ctx: CommandContext, p: z.infer<typeof questCreate>): Promise<Decision> {
  const id = p.id ?? crypto.randomUUID();
  if (await findQuest(ctx.db, ctx.userId, id)) return reject("ID_CONFLICT");
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
  return { ok: true, status: 201, body: { quest: questView(row) }, statements: [ctx.db.insert(quests).values(row)] };
}

/**
 * Edits a quest. Moving it to `done` for the first time awards its XP (and coins, and the pet's
 * bonus); done → active → done never awards again: a quest's XP is earned once, ever.
 */
export async function updateQuest(
  ctx: CommandContext,
  p: z.infer<typeof questUpdate> & { questId: string },
  cmd: Command,
): Promise<Decision> {
  const quest = await findQuest(ctx.db, ctx.userId, p.questId);
  if (!quest) return reject("NOT_FOUND");
  const changes: Partial<QuestRow> = { updatedAt: ctx.now };
  if (p.title !== undefined) changes.title = p.title;
  if (p.description !== undefined) changes.description = p.description;
  if (p.difficulty !== undefined) changes.difficulty = p.difficulty;
  if (p.steps !== undefined) changes.steps = JSON.stringify(withIds(p.steps));
  if (p.dueDate !== undefined) changes.dueDate = p.dueDate;
  if (p.status !== undefined) changes.status = p.status;
  const award =
    p.status === "done" ? questCompletionXp(changes.difficulty ?? quest.difficulty, quest.xpAwardedAt !== null) : null;
  if (award && award.xp > 0) changes.xpAwardedAt = ctx.now;
  const updated = { ...quest, ...changes };
  const where = and(eq(quests.userId, ctx.userId), eq(quests.id, quest.id));
  const statements: BatchItem<"sqlite">[] = [ctx.db.update(quests).set(changes).where(where)];
  const body: Record<string, unknown> = { quest: questView(updated) };
  if (award && award.xp > 0) {
    const day = localDay(cmd.at, ctx.timezone, ctx.dayStartHour);
    body.progress = progressAnswer(await totals(ctx.db, ctx.userId), award);
    statements.push(
      ...rewardStatements(ctx, { opId: cmd.opId, source: "quest", refId: quest.id, localDay: day, ...award }),
      ...petBonusStatement(ctx, await findPet(ctx.db, ctx.userId)),
    );
  }
  return { ok: true, status: 200, body, statements };
}

export async function toggleQuestStep(
  ctx: CommandContext,
  p: { questId: string; stepId: string; done: boolean },
): Promise<Decision> {
  const quest = await findQuest(ctx.db, ctx.userId, p.questId);
  if (!quest) return reject("NOT_FOUND");
  const steps = JSON.parse(quest.steps) as QuestStep[];
  const step = steps.find((s) => s.id === p.stepId);
  if (!step) return reject("NOT_FOUND");
  step.done = p.done;
  const changes = { steps: JSON.stringify(steps), updatedAt: ctx.now };
  return {
    ok: true,
    status: 200,
    body: { quest: questView({ ...quest, ...changes }) },
    statements: [
      ctx.db
        .update(quests)
        .set(changes)
        .where(and(eq(quests.userId, ctx.userId), eq(quests.id, quest.id))),
    ],
  };
}
