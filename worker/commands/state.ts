import type { Column } from "drizzle-orm";
import { and, eq, gt, gte, type SQL, sql } from "drizzle-orm";
import { CLIENT_TIME_FUTURE_MS, CLIENT_TIME_PAST_MS } from "../../shared/domain/completion-policy";
import { type CreditDay, dayEndsAt } from "../../shared/domain/credit-day";
import type { Role } from "../../shared/roles";
import { type SessionRow, sessionChecksQuery } from "../auth/session-check";
import type { Database } from "../db/client";
import { prepared } from "../db/prepared";
import {
  assessments,
  assignments,
  habitCompletions,
  habits,
  journalEntries,
  messageBlocks,
  messages,
  moods,
  ops,
  pets,
  progress,
  quests,
  rewards,
  riskFlags,
  safetyPlans,
  users,
} from "../db/schema";
import type { CompletionRow, HabitRow, PetRow, QuestRow } from "../db/wellbeing";
import type { Command } from "./types";

/**
 * Everything the rules need to decide a push of commands for one user, read from D1 in ONE
 * batch before the first command and then kept current in memory as each command is decided.
 * Commands run inside the user's Durable Object — the only writer of this user's data — so
 * nothing changes underneath, and all of the push's writes go to D1 in one batch at the end.
 * The object may keep it for its next calls (kept-state.ts), guarded by the user's state version.
 *
 * What is loaded is bounded: completions, moods and habit XP only for the accepted client-time
 * window (72 h, plus two days of margin for local-day edges), and the rows commands name by id.
 */
export interface UserState {
  found: boolean;
  role: Role;
  /**
   * Other users named by commands (message recipients): role and status, whether a care
   * assignment joins them to this user, and whether they blocked this user's messages.
   */
  people: Map<string, { role: Role; status: string; assigned: boolean; blocksMe: boolean }>;
  /** Message ids named by commands that already exist (ids are global for messages). */
  messageIds: Set<string>;
  timezone: string;
  dayStartHour: number;
  totals: { xp: number; coins: number };
  pet: PetRow | undefined;
  habits: Map<string, HabitRow>;
  quests: Map<string, QuestRow>;
  /** Completions in the window, plus any a command names by id. */
  completions: Map<string, CompletionRow>;
  /** Ids of existing moods among those the commands name (client-chosen ids must be new). */
  moodIds: Set<string>;
  /** Moods in the window that earned the first-check-in reward, with their credited days. */
  rewardedMoods: CreditDay[];
  assessments: { id: string; instrument: string; at: number }[];
  /** Journal entries the commands name by id: when each was first written. */
  journal: Map<string, { at: number; createdAt: number }>;
  /** Ids of existing risk flags among those the commands name (a replayed flag is not raised twice). */
  riskFlagIds: Set<string>;
  /** The stored safety plan (its JSON, who saved it last and when), merged into per item by `safetyPlan.update`. */
  safetyPlan: { plan: string; updatedAt: number; updatedBy: string } | undefined;
  ops: Map<string, { type: string; status: number; result: string }>;
}

const DAY_MS = 86_400_000;
const WINDOW_MS = CLIENT_TIME_PAST_MS + 2 * DAY_MS;

/** Where the state's windows (completions, rewarded check-ins) begin, at server time `now`. */
export function stateWindowStart(now: number): number {
  return now - WINDOW_MS;
}

/** `column IN (the values of the JSON array bound to placeholder `name`)`: one parameter however long the list. */
function inList(column: Column, name: string): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`;
}

const USER = sql.placeholder("userId");
const SINCE = sql.placeholder("since");

// The state's reads, each built once per D1 binding (db/prepared.ts) and bound per call.
const userRow = prepared((db) =>
  db
    .select({
      timezone: users.timezone,
      dayStartHour: users.dayStartHour,
      role: users.role,
      stateVersion: users.stateVersion,
    })
    .from(users)
    .where(eq(users.id, USER)),
);

const totals = prepared((db) => db.select().from(progress).where(eq(progress.userId, USER)));

const petRead = prepared((db) => db.select().from(pets).where(eq(pets.userId, USER)));

const habitList = prepared((db) => db.select().from(habits).where(eq(habits.userId, USER)));

const questList = prepared((db) => db.select().from(quests).where(eq(quests.userId, USER)));

const assessmentList = prepared((db) =>
  db
    .select({ id: assessments.id, instrument: assessments.instrument, at: assessments.at })
    .from(assessments)
    .where(eq(assessments.userId, USER)),
);

const windowCompletions = prepared((db) =>
  db
    .select()
    .from(habitCompletions)
    .where(
      and(
        eq(habitCompletions.userId, USER),
        sql`(${habitCompletions.at} >= ${SINCE} OR ${inList(habitCompletions.id, "completionIds")})`,
      ),
    ),
);

// The moods in the window that earned "first check-in of the day", with when their day ends. Read
// from the rewards side (index rewards_source_at, migration 0017): a day's few rewarded check-ins,
// not every check-in in the window. A mood's reward is recorded at the server time it was
// accepted, never earlier than its client time less CLIENT_TIME_FUTURE_MS (a later client time is
// late and earns nothing), so every reward of a mood in the window is at or after `rewardedSince`.
const rewardedMoods = prepared((db) =>
  db
    .select({ at: moods.at, localDay: moods.localDay, dayEndsAt: moods.dayEndsAt })
    .from(rewards)
    .innerJoin(moods, and(eq(moods.userId, rewards.userId), eq(moods.id, rewards.refId)))
    .where(
      and(
        eq(rewards.userId, USER),
        eq(rewards.source, "mood"),
        gt(rewards.xp, 0),
        gte(rewards.at, sql.placeholder("rewardedSince")),
        gte(moods.at, SINCE),
      ),
    ),
);

const knownOps = prepared((db) =>
  db
    .select({ opId: ops.opId, type: ops.type, status: ops.status, result: ops.result })
    .from(ops)
    .where(and(eq(ops.userId, USER), inList(ops.opId, "opIds"))),
);

const peopleRead = prepared((db) =>
  db
    .select({
      id: users.id,
      role: users.role,
      status: users.status,
      assigned: sql<number>`EXISTS (SELECT 1 FROM ${assignments} WHERE (${assignments.staffId} = ${USER} AND ${assignments.patientId} = ${users.id}) OR (${assignments.staffId} = ${users.id} AND ${assignments.patientId} = ${USER}))`,
      blocksMe: sql<number>`EXISTS (SELECT 1 FROM ${messageBlocks} WHERE ${messageBlocks.blockerId} = ${users.id} AND ${messageBlocks.blockedId} = ${USER})`,
    })
    .from(users)
    .where(inList(users.id, "recipientIds")),
);

const knownMessages = prepared((db) => db.select({ id: messages.id }).from(messages).where(inList(messages.id, "ids")));

const knownMoods = prepared((db) =>
  db
    .select({ id: moods.id })
    .from(moods)
    .where(and(eq(moods.userId, USER), inList(moods.id, "ids"))),
);

const knownJournal = prepared((db) =>
  db
    .select({ id: journalEntries.id, at: journalEntries.at, createdAt: journalEntries.createdAt })
    .from(journalEntries)
    .where(and(eq(journalEntries.userId, USER), inList(journalEntries.id, "ids"))),
);

const knownFlags = prepared((db) =>
  db
    .select({ id: riskFlags.id })
    .from(riskFlags)
    .where(and(eq(riskFlags.userId, USER), inList(riskFlags.id, "ids"))),
);

const planRead = prepared((db) =>
  db
    .select({ plan: safetyPlans.plan, updatedAt: safetyPlans.updatedAt, updatedBy: safetyPlans.updatedBy })
    .from(safetyPlans)
    .where(eq(safetyPlans.userId, USER)),
);

/** Strings named in command payloads under `key` (e.g. every `completionId`). */
function named(commands: Command[], key: string): string[] {
  const out = new Set<string>();
  for (const c of commands) {
    const value = (c.payload as Record<string, unknown> | null | undefined)?.[key];
    if (typeof value === "string" && value.length <= 64) out.add(value);
  }
  return [...out];
}

/**
 * The user's state for these commands, in one batch. The batch also reads the callers' session
 * rows (auth/session-check.ts), so a write checks its session in the same round trip as its
 * state load (issue 15), and the user's state version, at which the object may keep the state
 * for its next calls (kept-state.ts).
 */
export async function loadUserState(
  db: Database,
  userId: string,
  commands: Command[],
  now: number,
  sessionIds: string[] = [],
): Promise<{ state: UserState; sessions: Map<string, SessionRow>; version: number }> {
  const values = {
    userId,
    since: stateWindowStart(now),
    rewardedSince: stateWindowStart(now) - CLIENT_TIME_FUTURE_MS,
    completionIds: JSON.stringify(named(commands, "completionId")),
    opIds: JSON.stringify(commands.map((c) => c.opId)),
    recipientIds: JSON.stringify(named(commands, "recipientId")),
    ids: JSON.stringify(named(commands, "id")),
  };
  const [
    user,
    total,
    pet,
    habitRows,
    questRows,
    assessmentRows,
    completionRows,
    moodRows,
    opRows,
    people,
    messageRows,
    namedMoods,
    namedJournal,
    namedFlags,
    plan,
    sessionRows,
  ] = await db.batch([
    userRow(db, values),
    totals(db, values),
    petRead(db, values),
    habitList(db, values),
    questList(db, values),
    assessmentList(db, values),
    windowCompletions(db, values),
    rewardedMoods(db, values),
    knownOps(db, values),
    peopleRead(db, values),
    knownMessages(db, values),
    knownMoods(db, values),
    knownJournal(db, values),
    knownFlags(db, values),
    planRead(db, values),
    sessionChecksQuery(db, sessionIds),
  ]);
  const timezone = user[0]?.timezone ?? "UTC";
  const dayStartHour = user[0]?.dayStartHour ?? 4;
  // Rows from before migration 0012 have no recorded day end: it is worked out in today's zone,
  // once per local day (a few days in the window).
  const ends = new Map<string, number>();
  const endOf = (row: { localDay: string; dayEndsAt: number | null }) => {
    if (row.dayEndsAt !== null) return row.dayEndsAt;
    let end = ends.get(row.localDay);
    if (end === undefined) {
      end = dayEndsAt(row.localDay, timezone, dayStartHour);
      ends.set(row.localDay, end);
    }
    return end;
  };
  const state: UserState = {
    found: user[0] !== undefined,
    role: user[0]?.role ?? "patient",
    people: new Map(
      people.map((u) => [
        u.id,
        { role: u.role, status: u.status, assigned: Boolean(u.assigned), blocksMe: Boolean(u.blocksMe) },
      ]),
    ),
    messageIds: new Set(messageRows.map((m) => m.id)),
    timezone,
    dayStartHour,
    totals: { xp: total[0]?.xp ?? 0, coins: total[0]?.coins ?? 0 },
    pet: pet[0],
    habits: new Map(habitRows.map((h) => [h.id, h])),
    quests: new Map(questRows.map((q) => [q.id, q])),
    completions: new Map(completionRows.map((c) => [c.id, { ...c, dayEndsAt: endOf(c) }])),
    moodIds: new Set(namedMoods.map((m) => m.id)),
    rewardedMoods: moodRows.map((m) => ({ at: m.at, localDay: m.localDay, dayEndsAt: endOf(m) })),
    assessments: assessmentRows,
    journal: new Map(namedJournal.map((j) => [j.id, { at: j.at, createdAt: j.createdAt }])),
    riskFlagIds: new Set(namedFlags.map((f) => f.id)),
    safetyPlan: plan[0],
    ops: new Map(opRows.map((o) => [o.opId, o])),
  };
  return {
    state,
    sessions: new Map(sessionRows.map(({ sessionId, ...row }) => [sessionId, row])),
    // users.state_version (migration 0023), read in the same batch: what the user's object keeps this state at.
    version: user[0]?.stateVersion ?? 0,
  };
}
