import type { BatchItem } from "drizzle-orm/batch";
import type { z } from "zod";
import { assessmentAllowed, scoreAssessment } from "../../shared/domain/assessments";
import { moodXp } from "../../shared/domain/completion-policy";
import { creditDay, sameCreditDay } from "../../shared/domain/credit-day";
import { CSSRS, triageCssrs } from "../../shared/domain/cssrs";
import { crisisResourcesFor, moodRaisesFlag } from "../../shared/domain/risk";
import { type CssrsCategory, type FlagLevel, RULE_CATEGORIES, RULE_LEVELS } from "../../shared/domain/risk-flags";
import {
  applyOps,
  emptyPlan,
  legacyOps,
  readStoredPlan,
  type SafetyChange,
  safetyPlanView,
  storedJson,
} from "../../shared/domain/safety-plan-merge";
import type { assessmentSubmit, moodLog, safetyPlanUpdate } from "../../shared/schemas/wellbeing";
import { placeholders, prepared } from "../db/prepared";
import { assessments, moods, riskFlags, safetyPlans } from "../db/schema";
import { type AssessmentRow, assessmentView, moodView } from "../db/views";
import { applyReward, cheerPet } from "./rewards";
import { type Command, type CommandContext, type Decision, reject } from "./types";
import { write } from "./write";

/** What a risk rule raised: a fixed rule's source, or the C-SSRS with the level and category of its triage. */
type FlagRaise =
  | { source: "low_mood" | "phq9_item9" }
  | { source: "cssrs"; level: Exclude<FlagLevel, "low">; category: CssrsCategory };

/**
 * A risk rule fired: the flag (for the assigned staff) goes in the same batch as the check-in,
 * and the answer tells the client to show the crisis resources for the user's region at once.
 */
function raiseFlag(ctx: CommandContext, raise: FlagRaise, refId: string, statements: BatchItem<"sqlite">[]) {
  const id = crypto.randomUUID();
  const { source } = raise;
  const level = raise.source === "cssrs" ? raise.level : RULE_LEVELS[raise.source];
  const category = raise.source === "cssrs" ? raise.category : RULE_CATEGORIES[raise.source];
  statements.push(
    ctx.db.insert(riskFlags).values({ userId: ctx.userId, id, source, level, category, refId, createdAt: ctx.now }),
  );
  return {
    flagRaised: true,
    flag: { id, source, level, category },
    source,
    showCrisisResources: true,
    resources: crisisResourcesFor(ctx.state.timezone),
  };
}

// Built once per D1 binding and bound per check-in (db/prepared.ts): the most frequent write.
const moodInsert = prepared((db) =>
  db
    .insert(moods)
    .values(
      placeholders(
        "userId",
        "id",
        "at",
        "localDay",
        "mood",
        "sleepQuality",
        "sleepHours",
        "note",
        "tags",
        "createdAt",
        "dayEndsAt",
      ),
    ),
);

export function logMood(ctx: CommandContext, p: z.infer<typeof moodLog>, cmd: Command): Decision {
  const id = p.id ?? crypto.randomUUID();
  if (ctx.state.moodIds.has(id)) return reject("ID_CONFLICT");
  // First check-in of the day: no rewarded mood shares its credited day, even across a change of
  // time zone (shared/domain/credit-day.ts).
  const credit = creditDay(cmd.at, ctx.state.timezone, ctx.state.dayStartHour);
  const day = credit.localDay;
  const award = moodXp(!ctx.state.rewardedMoods.some((m) => sameCreditDay(m, credit)));
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
    dayEndsAt: credit.dayEndsAt,
  };
  if (award.xp > 0 && !ctx.late) ctx.state.rewardedMoods.push(credit);
  const statements: BatchItem<"sqlite">[] = [
    write(ctx, {
      entity: "mood",
      id,
      view: moodView(row),
      statement: moodInsert(ctx.db, row),
      remember: { set: ctx.state.moodIds },
    }),
  ];
  const body: Record<string, unknown> = {
    mood: moodView(row),
    progress: applyReward(ctx, { opId: cmd.opId, source: "mood", refId: id, localDay: day, ...award }, statements),
  };
  if (award.xp > 0) cheerPet(ctx, statements);
  if (moodRaisesFlag(p.mood)) body.safety = raiseFlag(ctx, { source: "low_mood" }, id, statements);
  return { ok: true, status: 201, body, statements };
}

export function submitAssessment(ctx: CommandContext, p: z.infer<typeof assessmentSubmit>, cmd: Command): Decision {
  const id = p.id ?? crypto.randomUUID();
  const taken = ctx.state.assessments;
  const base = { userId: ctx.userId, id, answers: JSON.stringify(p.answers), at: cmd.at, createdAt: ctx.now };
  let row: AssessmentRow;
  let flag: FlagRaise | null;
  if (p.instrument === CSSRS) {
    const triage = triageCssrs(p.answers);
    if ("error" in triage) return reject("ASSESSMENT_INVALID");
    if (taken.some((r) => r.id === id)) return reject("ID_CONFLICT");
    // No 14-day limit: the screener is a crisis check, and a crisis check is never rate-limited.
    row = {
      ...base,
      instrument: p.instrument,
      score: null,
      severity: null,
      riskLevel: triage.level,
      riskCategory: triage.category,
    };
    flag = triage.level === null ? null : { source: "cssrs", level: triage.level, category: triage.category };
  } else {
    const scored = scoreAssessment(p.instrument, p.answers);
    if ("error" in scored) return reject("ASSESSMENT_INVALID");
    if (taken.some((r) => r.id === id)) return reject("ID_CONFLICT");
    // Earlier and later ones of this instrument both count: an offline replay may land between them.
    const times = taken.filter((r) => r.instrument === p.instrument).map((r) => r.at);
    if (!assessmentAllowed(times, cmd.at)) return reject("ASSESSMENT_LIMIT_REACHED");
    row = {
      ...base,
      instrument: p.instrument,
      score: scored.score,
      severity: scored.severity,
      riskLevel: null,
      riskCategory: null,
    };
    flag = scored.riskItemPositive ? { source: "phq9_item9" } : null;
  }
  const view = assessmentView(row);
  const statements: BatchItem<"sqlite">[] = [
    write(ctx, {
      entity: "assessment",
      id,
      view,
      statement: ctx.db.insert(assessments).values(row),
      remember: { list: taken, row: { id, instrument: row.instrument, at: row.at } },
    }),
  ];
  const body: Record<string, unknown> = { assessment: view };
  if (flag) body.safety = raiseFlag(ctx, flag, id, statements);
  return { ok: true, status: 201, body, statements };
}

/**
 * The safety plan, merged item by item (issue 11, defect 8): a per-item edit applies to the
 * current plan by id; a whole plan (an older client's queued write, a plain REST client) is
 * first turned into per-item changes, keeping items it could not have seen. Whoever changed what
 * is recorded in the plan; a change that replaced someone's later one is named in the answer.
 */
export function updateSafetyPlan(ctx: CommandContext, p: z.infer<typeof safetyPlanUpdate>, cmd: Command): Decision {
  const stored = ctx.state.safetyPlan;
  const current = stored
    ? readStoredPlan(stored.plan, stored.updatedBy, new Date(stored.updatedAt).toISOString())
    : emptyPlan();
  const ops = "ops" in p ? p.ops : legacyOps(current, p, cmd.at, () => crypto.randomUUID());
  const at = new Date(ctx.now).toISOString();
  const { plan, applied, conflicts } = applyOps(current, ops, { by: ctx.actor.userId, at });
  const view = safetyPlanView(plan);
  const body: Record<string, unknown> = { safetyPlan: view, merge: { applied, conflicts } };
  if (conflicts.length > 0) {
    body.warning = {
      code: "SAFETY_PLAN_MERGED",
      message:
        conflicts.length === 1
          ? `Your safety plan change replaced a newer one made elsewhere (${conflictText(conflicts[0])}). Both are listed under recent changes on your safety plan.`
          : `${conflicts.length} of your safety plan changes replaced newer ones made elsewhere. They are listed under recent changes on your safety plan.`,
    };
  }
  if (applied.length === 0) return { ok: true, status: 200, body, statements: [] };
  const row = { userId: ctx.userId, plan: storedJson(plan), updatedAt: ctx.now, updatedBy: ctx.actor.userId };
  // One plan per user: its state is a single value, not a collection, so it is set here.
  ctx.state.safetyPlan = { plan: row.plan, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  const statement = write(ctx, {
    entity: "safetyPlan",
    id: "me",
    view,
    statement: ctx.db
      .insert(safetyPlans)
      .values(row)
      .onConflictDoUpdate({
        target: safetyPlans.userId,
        set: { plan: row.plan, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
      }),
  });
  return { ok: true, status: 200, body, statements: [statement] };
}

function conflictText(change: SafetyChange | undefined): string {
  if (!change?.overwrote) return "";
  if (change.overwrote.text === null) return `“${change.text}” had been removed; it is back`;
  if (change.kind === "removed") return `“${change.overwrote.text}” had been changed; it is removed`;
  return `“${change.overwrote.text}” is now “${change.text}”`;
}
