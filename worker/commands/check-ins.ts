import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { z } from "zod";
import { assessmentAllowed, type Instrument, scoreAssessment } from "../../shared/domain/assessments";
import { moodXp } from "../../shared/domain/completion-policy";
import { localDay } from "../../shared/domain/local-day";
import { crisisResourcesFor, moodRaisesFlag, type RiskSource } from "../../shared/domain/risk";
import type { assessmentSubmit, moodLog, SafetyPlan } from "../../shared/schemas/wellbeing";
import { assessments, moods, riskFlags, safetyPlans } from "../db/schema";
import { findPet, moodView, totals } from "../db/wellbeing";
import { petBonusStatement, progressAnswer, rewardStatements } from "./rewards";
import { type Command, type CommandContext, type Decision, reject } from "./types";

/**
 * A risk rule fired: the flag (for the assigned staff) goes in the same batch as the check-in,
 * and the answer tells the client to show the crisis resources for the user's region at once.
 */
function raiseFlag(ctx: CommandContext, source: RiskSource, refId: string) {
  return {
    statement: ctx.db.insert(riskFlags).values({
      userId: ctx.userId,
      id: crypto.randomUUID(),
      source,
      refId,
      createdAt: ctx.now,
    }),
    safety: { flagRaised: true, source, showCrisisResources: true, resources: crisisResourcesFor(ctx.timezone) },
  };
}

export async function logMood(ctx: CommandContext, p: z.infer<typeof moodLog>, cmd: Command): Promise<Decision> {
  const id = p.id ?? crypto.randomUUID();
  const exists = await ctx.db
    .select({ id: moods.id })
    .from(moods)
    .where(and(eq(moods.userId, ctx.userId), eq(moods.id, id)))
    .get();
  if (exists) return reject("ID_CONFLICT");
  const day = localDay(cmd.at, ctx.timezone, ctx.dayStartHour);
  const earlier = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(moods)
    .where(and(eq(moods.userId, ctx.userId), eq(moods.localDay, day)))
    .get();
  const award = moodXp((earlier?.n ?? 0) === 0);
  const row = {
    userId: ctx.userId,
    id,
    at: cmd.at,
    localDay: day,
    mood: p.mood,
    sleepQuality: p.sleepQuality,
    sleepHours: p.sleepHours ?? null,
    note: p.note ?? null,
    tags: JSON.stringify(p.tags ?? []),
    createdAt: ctx.now,
  };
  const statements: BatchItem<"sqlite">[] = [
    ctx.db.insert(moods).values(row),
    ...rewardStatements(ctx, { opId: cmd.opId, source: "mood", refId: id, localDay: day, ...award }),
    ...(award.xp > 0 ? petBonusStatement(ctx, await findPet(ctx.db, ctx.userId)) : []),
  ];
  const body: Record<string, unknown> = {
    mood: moodView(row),
    progress: progressAnswer(await totals(ctx.db, ctx.userId), award),
  };
  if (moodRaisesFlag(p.mood)) {
    const flag = raiseFlag(ctx, "low_mood", id);
    statements.push(flag.statement);
    body.safety = flag.safety;
  }
  return { ok: true, status: 201, body, statements };
}

export async function submitAssessment(
  ctx: CommandContext,
  p: z.infer<typeof assessmentSubmit>,
  cmd: Command,
): Promise<Decision> {
  const scored = scoreAssessment(p.instrument, p.answers);
  if ("error" in scored) return reject("ASSESSMENT_INVALID");
  const id = p.id ?? crypto.randomUUID();
  // Every earlier and later one of this instrument: an offline replay may land between them.
  const taken = await ctx.db
    .select({ at: assessments.at, id: assessments.id, instrument: assessments.instrument })
    .from(assessments)
    .where(eq(assessments.userId, ctx.userId))
    .all();
  if (taken.some((r) => r.id === id)) return reject("ID_CONFLICT");
  const times = taken.filter((r) => r.instrument === (p.instrument as Instrument)).map((r) => r.at);
  if (!assessmentAllowed(times, cmd.at)) return reject("ASSESSMENT_LIMIT_REACHED");
  const row = {
    userId: ctx.userId,
    id,
    instrument: p.instrument,
    answers: JSON.stringify(p.answers),
    score: scored.score,
    severity: scored.severity,
    at: cmd.at,
    createdAt: ctx.now,
  };
  const statements: BatchItem<"sqlite">[] = [ctx.db.insert(assessments).values(row)];
  const body: Record<string, unknown> = {
    assessment: {
      id,
      instrument: p.instrument,
      score: scored.score,
      severity: scored.severity,
      at: new Date(cmd.at).toISOString(),
    },
  };
  if (scored.riskItemPositive) {
    const flag = raiseFlag(ctx, "phq9_item9", id);
    statements.push(flag.statement);
    body.safety = flag.safety;
  }
  return { ok: true, status: 201, body, statements };
}

export async function updateSafetyPlan(ctx: CommandContext, plan: SafetyPlan): Promise<Decision> {
  const row = { userId: ctx.userId, plan: JSON.stringify(plan), updatedAt: ctx.now, updatedBy: ctx.actor.userId };
  return {
    ok: true,
    status: 200,
    body: { safetyPlan: { ...plan, updatedAt: new Date(ctx.now).toISOString(), updatedBy: ctx.actor.userId } },
    statements: [
      ctx.db
        .insert(safetyPlans)
        .values(row)
        .onConflictDoUpdate({
          target: safetyPlans.userId,
          set: { plan: row.plan, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
        }),
    ],
  };
}
