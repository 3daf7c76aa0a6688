import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { z } from "zod";
import { decideCompletion } from "../../shared/domain/completion-policy";
import { creditDay, sameCreditDay } from "../../shared/domain/credit-day";
import type { habitComplete, habitCreate, habitUpdate } from "../../shared/schemas/wellbeing";
import { habitCompletions, habits } from "../db/schema";
import { type CompletionRow, completionView, type HabitRow, habitView } from "../db/wellbeing";
import { applyReward, cheerPet } from "./rewards";
import { type Command, type CommandContext, type Decision, reject } from "./types";
import { write } from "./write";

function scheduleColumns(schedule: z.infer<typeof habitCreate>["schedule"]) {
  return schedule.type === "daily"
    ? { scheduleType: "daily" as const, scheduleTarget: schedule.perDay }
    : { scheduleType: "weekly" as const, scheduleTarget: schedule.timesPerWeek };
}

const habitWhere = (ctx: CommandContext, id: string) => and(eq(habits.userId, ctx.userId), eq(habits.id, id));

/**
 * In the batch of a completion or undo on `day`: the habit's streak checkpoint goes if it had
 * already walked past that day (it walked the days before `streak_through`), and its version moves
 * either way, so a checkpoint walked from days read before this write is never saved
 * (db/habit-streaks.ts, settleStreaks). SET expressions all read the row as it was.
 */
function streakChanged(ctx: CommandContext, habitId: string, day: string) {
  const walkedPast = sql`${habits.streakThrough} > ${day}`;
  return ctx.db
    .update(habits)
    .set({
      streakVersion: sql`${habits.streakVersion} + 1`,
      streakThrough: sql`CASE WHEN ${walkedPast} THEN NULL ELSE ${habits.streakThrough} END`,
      streakState: sql`CASE WHEN ${walkedPast} THEN NULL ELSE ${habits.streakState} END`,
    })
    .where(habitWhere(ctx, habitId));
}

/** A habit created offline starts its life (and its streak) at the client's time of creation. */
export function createHabit(ctx: CommandContext, p: z.infer<typeof habitCreate>, cmd: Command): Decision {
  const id = p.id ?? crypto.randomUUID();
  if (ctx.state.habits.has(id)) return reject("ID_CONFLICT");
  const row: HabitRow = {
    userId: ctx.userId,
    id,
    name: p.name,
    difficulty: p.difficulty,
    ...scheduleColumns(p.schedule),
    notes: p.notes ?? null,
    archivedAt: null,
    createdAt: Math.min(cmd.at, ctx.now),
    updatedAt: ctx.now,
    streakThrough: null,
    streakState: null,
    streakVersion: 0,
  };
  const statement = write(ctx, {
    entity: "habit",
    id,
    view: habitView(row),
    statement: ctx.db.insert(habits).values(row),
    remember: { map: ctx.state.habits, row },
  });
  return { ok: true, status: 201, body: { habit: habitView(row) }, statements: [statement] };
}

export function updateHabit(ctx: CommandContext, p: z.infer<typeof habitUpdate> & { habitId: string }): Decision {
  const habit = ctx.state.habits.get(p.habitId);
  if (!habit) return reject("NOT_FOUND");
  if (habit.archivedAt !== null) return reject("HABIT_ARCHIVED");
  const changes = {
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.difficulty !== undefined ? { difficulty: p.difficulty } : {}),
    ...(p.schedule !== undefined ? scheduleColumns(p.schedule) : {}),
    ...(p.notes !== undefined ? { notes: p.notes } : {}),
    updatedAt: ctx.now,
  };
  const updated = { ...habit, ...changes };
  const statement = write(ctx, {
    entity: "habit",
    id: habit.id,
    view: habitView(updated),
    statement: ctx.db.update(habits).set(changes).where(habitWhere(ctx, habit.id)),
    remember: { map: ctx.state.habits, row: updated },
  });
  return { ok: true, status: 200, body: { habit: habitView(updated) }, statements: [statement] };
}

/** Archiving hides a habit and stops completions; its history (and earned XP) stays. */
export function archiveHabit(ctx: CommandContext, p: { habitId: string }): Decision {
  const habit = ctx.state.habits.get(p.habitId);
  if (!habit) return reject("NOT_FOUND");
  const archived = { ...habit, archivedAt: habit.archivedAt ?? ctx.now, updatedAt: ctx.now };
  const statement = write(ctx, {
    entity: "habit",
    id: habit.id,
    view: null, // a tombstone: archived habits leave the client's lists
    statement: ctx.db
      .update(habits)
      .set({ archivedAt: archived.archivedAt, updatedAt: ctx.now })
      .where(habitWhere(ctx, habit.id)),
    remember: { map: ctx.state.habits, row: archived },
  });
  return { ok: true, status: 200, body: { habit: habitView(archived) }, statements: [statement] };
}

export function completeHabit(
  ctx: CommandContext,
  p: z.infer<typeof habitComplete> & { habitId: string },
  cmd: Command,
): Decision {
  const habit = ctx.state.habits.get(p.habitId);
  if (!habit) return reject("NOT_FOUND");
  if (habit.archivedAt !== null) return reject("HABIT_ARCHIVED");
  // A completion counts for its credited day: the completions (and habit XP) that share it count
  // against the day's target and cap, even across a change of time zone (shared/domain/credit-day.ts).
  const credit = creditDay(cmd.at, ctx.state.timezone, ctx.state.dayStartHour);
  const day = credit.localDay;
  const sameDay = [...ctx.state.completions.values()].filter(
    (c) =>
      c.undoneAt === null &&
      sameCreditDay({ at: c.at, localDay: c.localDay, dayEndsAt: c.dayEndsAt ?? Number.NaN }, credit),
  );
  const live = [...ctx.state.completions.values()].filter((c) => c.habitId === habit.id && c.undoneAt === null);
  const decision = decideCompletion({
    difficulty: habit.difficulty,
    schedule:
      habit.scheduleType === "daily"
        ? { type: "daily", perDay: habit.scheduleTarget }
        : { type: "weekly", timesPerWeek: habit.scheduleTarget },
    atMs: cmd.at,
    nowMs: ctx.now,
    completionsOnDay: sameDay.filter((c) => c.habitId === habit.id).length,
    otherCompletionTimesMs: live.map((c) => c.at),
    habitXpOnDay: sameDay.reduce((total, c) => total + c.xp, 0),
  });
  if (!decision.ok) return reject(decision.code);
  // Late (outside the client-time window, judged on the time the client sent): kept, earning nothing.
  const late = ctx.late || decision.late === true;
  const earned = late ? { xp: 0, coins: 0 } : { xp: decision.xp, coins: decision.coins };
  const id = p.completionId ?? crypto.randomUUID();
  if (ctx.state.completions.has(id)) return reject("ID_CONFLICT");
  const row: CompletionRow = {
    userId: ctx.userId,
    id,
    habitId: habit.id,
    at: cmd.at,
    localDay: day,
    ...earned,
    undoneAt: null,
    createdAt: ctx.now,
    late,
    dayEndsAt: credit.dayEndsAt,
  };
  const statements: BatchItem<"sqlite">[] = [
    write(ctx, {
      entity: "completion",
      id,
      view: completionView(row),
      statement: ctx.db.insert(habitCompletions).values(row),
      remember: { map: ctx.state.completions, row },
    }),
    streakChanged(ctx, habit.id, day),
  ];
  const progress = applyReward(
    ctx,
    { opId: cmd.opId, source: "habit", refId: id, localDay: day, ...earned },
    statements,
  );
  if (earned.xp > 0) cheerPet(ctx, statements);
  return { ok: true, status: 201, body: { completion: completionView(row), progress }, statements };
}

/**
 * Undo: the completion stops counting and its XP and coins are taken back, on the local day it
 * was earned (so the daily cap frees up there). Coins already spent are not clawed back below
 * zero: the undo takes what is left, and XP — never spent — is always taken back in full.
 */
export function uncompleteHabit(
  ctx: CommandContext,
  p: { completionId: string; habitId?: string },
  cmd: Command,
): Decision {
  const completion = ctx.state.completions.get(p.completionId);
  if (!completion || (p.habitId !== undefined && completion.habitId !== p.habitId)) return reject("NOT_FOUND");
  if (completion.undoneAt !== null) return reject("COMPLETION_ALREADY_UNDONE");
  const undone = { ...completion, undoneAt: ctx.now };
  const statements: BatchItem<"sqlite">[] = [
    write(ctx, {
      entity: "completion",
      id: undone.id,
      view: null,
      statement: ctx.db
        .update(habitCompletions)
        .set({ undoneAt: ctx.now })
        .where(and(eq(habitCompletions.userId, ctx.userId), eq(habitCompletions.id, completion.id))),
      remember: { map: ctx.state.completions, row: undone },
    }),
    streakChanged(ctx, completion.habitId, completion.localDay),
  ];
  const progress = applyReward(
    ctx,
    {
      opId: cmd.opId,
      source: "habit",
      refId: completion.id,
      localDay: completion.localDay,
      xp: -completion.xp,
      coins: -Math.min(completion.coins, ctx.state.totals.coins),
    },
    statements,
  );
  return { ok: true, status: 200, body: { completion: completionView(undone), progress }, statements };
}
