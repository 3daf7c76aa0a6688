import { and, eq, gt, isNull, lt, sql, sum } from "drizzle-orm";
import type { z } from "zod";
import { decideCompletion } from "../../shared/domain/completion-policy";
import { localDay } from "../../shared/domain/local-day";
import type { habitComplete, habitCreate, habitUpdate } from "../../shared/schemas/wellbeing";
import { habitCompletions, habits, rewards } from "../db/schema";
import { completionView, findHabit, findPet, habitView, totals } from "../db/wellbeing";
import { petBonusStatement, progressAnswer, rewardStatements } from "./rewards";
import { type Command, type CommandContext, type Decision, reject } from "./types";

function scheduleColumns(schedule: z.infer<typeof habitCreate>["schedule"]) {
  return schedule.type === "daily"
    ? { scheduleType: "daily" as const, scheduleTarget: schedule.perDay }
    : { scheduleType: "weekly" as const, scheduleTarget: schedule.timesPerWeek };
}

/** A habit created offline starts its life (and its streak) at the client's time of creation. */
export async function createHabit(
  ctx: CommandContext,
  p: z.infer<typeof habitCreate>,
  cmd: Command,
): Promise<Decision> {
  const id = p.id ?? crypto.randomUUID();
  if (await findHabit(ctx.db, ctx.userId, id)) return reject("ID_CONFLICT");
  const row = {
    userId: ctx.userId,
    id,
    name: p.name,
    difficulty: p.difficulty,
    ...scheduleColumns(p.schedule),
    notes: p.notes ?? null,
    archivedAt: null,
    createdAt: Math.min(cmd.at, ctx.now),
    updatedAt: ctx.now,
  };
  return { ok: true, status: 201, body: { habit: habitView(row) }, statements: [ctx.db.insert(habits).values(row)] };
}

export async function updateHabit(
  ctx: CommandContext,
  p: z.infer<typeof habitUpdate> & { habitId: string },
): Promise<Decision> {
  const habit = await findHabit(ctx.db, ctx.userId, p.habitId);
  if (!habit) return reject("NOT_FOUND");
  if (habit.archivedAt !== null) return reject("HABIT_ARCHIVED");
  const changes = {
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.difficulty !== undefined ? { difficulty: p.difficulty } : {}),
    ...(p.schedule !== undefined ? scheduleColumns(p.schedule) : {}),
    ...(p.notes !== undefined ? { notes: p.notes } : {}),
    updatedAt: ctx.now,
  };
  const where = and(eq(habits.userId, ctx.userId), eq(habits.id, habit.id));
  return {
    ok: true,
    status: 200,
    body: { habit: habitView({ ...habit, ...changes }) },
    statements: [ctx.db.update(habits).set(changes).where(where)],
  };
}

/** Archiving hides a habit and stops completions; its history (and earned XP) stays. */
export async function archiveHabit(ctx: CommandContext, p: { habitId: string }): Promise<Decision> {
  const habit = await findHabit(ctx.db, ctx.userId, p.habitId);
  if (!habit) return reject("NOT_FOUND");
  const archived = { ...habit, archivedAt: habit.archivedAt ?? ctx.now, updatedAt: ctx.now };
  return {
    ok: true,
    status: 200,
    body: { habit: habitView(archived) },
    statements: [
      ctx.db
        .update(habits)
        .set({ archivedAt: archived.archivedAt, updatedAt: ctx.now })
        .where(and(eq(habits.userId, ctx.userId), eq(habits.id, habit.id))),
    ],
  };
}

/** XP from habits already earned on a local day (completions minus undos): the daily cap's input. */
async function habitXpOn(ctx: CommandContext, day: string): Promise<number> {
  const row = await ctx.db
    .select({ xp: sum(rewards.xp) })
    .from(rewards)
    .where(and(eq(rewards.userId, ctx.userId), eq(rewards.source, "habit"), eq(rewards.localDay, day)))
    .get();
  return Number(row?.xp ?? 0);
}

export async function completeHabit(
  ctx: CommandContext,
  p: z.infer<typeof habitComplete> & { habitId: string },
  cmd: Command,
): Promise<Decision> {
  const habit = await findHabit(ctx.db, ctx.userId, p.habitId);
  if (!habit) return reject("NOT_FOUND");
  if (habit.archivedAt !== null) return reject("HABIT_ARCHIVED");
  const day = localDay(cmd.at, ctx.timezone, ctx.dayStartHour);
  const live = and(
    eq(habitCompletions.userId, ctx.userId),
    eq(habitCompletions.habitId, habit.id),
    isNull(habitCompletions.undoneAt),
  );
  const [onDay, near, xpOnDay] = await Promise.all([
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(habitCompletions)
      .where(and(live, eq(habitCompletions.localDay, day)))
      .get(),
    ctx.db
      .select({ at: habitCompletions.at })
      .from(habitCompletions)
      .where(and(live, gt(habitCompletions.at, cmd.at - 60_000), lt(habitCompletions.at, cmd.at + 60_000)))
      .all(),
    habitXpOn(ctx, day),
  ]);
  const decision = decideCompletion({
    difficulty: habit.difficulty,
    schedule:
      habit.scheduleType === "daily"
        ? { type: "daily", perDay: habit.scheduleTarget }
        : { type: "weekly", timesPerWeek: habit.scheduleTarget },
    atMs: cmd.at,
    nowMs: ctx.now,
    completionsOnDay: onDay?.n ?? 0,
    otherCompletionTimesMs: near.map((r) => r.at),
    habitXpOnDay: xpOnDay,
  });
  if (!decision.ok) return reject(decision.code);
  const id = p.completionId ?? crypto.randomUUID();
  const exists = await ctx.db
    .select({ id: habitCompletions.id })
    .from(habitCompletions)
    .where(and(eq(habitCompletions.userId, ctx.userId), eq(habitCompletions.id, id)))
    .get();
  if (exists) return reject("ID_CONFLICT");
  const row = {
    userId: ctx.userId,
    id,
    habitId: habit.id,
    at: cmd.at,
    localDay: day,
    xp: decision.xp,
    coins: decision.coins,
    undoneAt: null,
    createdAt: ctx.now,
  };
  const before = await totals(ctx.db, ctx.userId);
  const delta = { xp: decision.xp, coins: decision.coins };
  return {
    ok: true,
    status: 201,
    body: { completion: completionView(row), progress: progressAnswer(before, delta) },
    statements: [
      ctx.db.insert(habitCompletions).values(row),
      ...rewardStatements(ctx, { opId: cmd.opId, source: "habit", refId: id, localDay: day, ...delta }),
      ...(decision.xp > 0 ? petBonusStatement(ctx, await findPet(ctx.db, ctx.userId)) : []),
    ],
  };
}

/**
 * Undo: the completion stops counting and its XP and coins are taken back, on the local day it
 * was earned (so the daily cap frees up there). Coins already spent are not clawed back below
 * zero: the undo takes what is left, and XP — never spent — is always taken back in full.
 */
export async function uncompleteHabit(
  ctx: CommandContext,
  p: { completionId: string; habitId?: string },
  cmd: Command,
): Promise<Decision> {
  const where = and(eq(habitCompletions.userId, ctx.userId), eq(habitCompletions.id, p.completionId));
  const completion = await ctx.db.select().from(habitCompletions).where(where).get();
  if (!completion || (p.habitId !== undefined && completion.habitId !== p.habitId)) return reject("NOT_FOUND");
  if (completion.undoneAt !== null) return reject("COMPLETION_ALREADY_UNDONE");
  const before = await totals(ctx.db, ctx.userId);
  const delta = { xp: -completion.xp, coins: -Math.min(completion.coins, before.coins) };
  const undone = { ...completion, undoneAt: ctx.now };
  return {
    ok: true,
    status: 200,
    body: { completion: completionView(undone), progress: progressAnswer(before, delta) },
    statements: [
      ctx.db.update(habitCompletions).set({ undoneAt: ctx.now }).where(where),
      ...rewardStatements(ctx, {
        opId: cmd.opId,
        source: "habit",
        refId: completion.id,
        localDay: completion.localDay,
        ...delta,
      }),
    ],
  };
}
