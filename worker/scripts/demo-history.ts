/**
 * A few weeks of realistic history for the two demo patients (and the browser tests' patients
 * that need a past): habits with completions, daily mood and sleep check-ins, quests, a pet, a
 * PHQ-9 and a safety plan, on the patient's own local days up to now. Generated with the same
 * rules the Worker applies (local day, XP table, coins, the per-day target), so the demo's
 * progress, streaks and charts are consistent at any hour it is seeded. Every row has a fixed id,
 * and the history is written once, whole: the seed can run on every start and changes nothing
 * once the history exists.
 */

import { scoreAssessment } from "../../shared/domain/assessments";
import { dayEndsAt } from "../../shared/domain/credit-day";
import { addDays, DEFAULT_DAY_START_HOUR, localDay, localDayStart } from "../../shared/domain/local-day";
import { PET_START } from "../../shared/domain/pet";
import {
  COINS_PER_XP_ACTION,
  FIRST_MOOD_OF_DAY_XP,
  HABIT_XP,
  progressView,
  QUEST_XP,
} from "../../shared/domain/progression";
import { moodRaisesFlag } from "../../shared/domain/risk";
import { RULE_LEVELS } from "../../shared/domain/risk-flags";
import { completionView, habitView, moodView, petView, questView } from "../db/views";
import type { DemoAccount } from "./demo-data";
import { sqlString as q } from "./lib";

const HOUR = 3_600_000;
const DAYS = 21;
/** The demo accounts' day-start hour (demo-data.ts seeds every user with the default). */
const DAY_START_HOUR = DEFAULT_DAY_START_HOUR;

/** A deterministic UUID for demo row `n` of `kind` for patient `p` (1 or 2). */
function demoId(p: number, kind: number, n: number): string {
  return `0d3c${String(p).padStart(4, "0")}-${String(kind).padStart(4, "0")}-4000-8000-${String(n).padStart(12, "0")}`;
}

/** A small deterministic PRNG (mulberry32), so the history is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HABITS = [
  { name: "Drink a glass of water", difficulty: "easy", perDay: 3, chance: 0.8 },
  { name: "Ten-minute walk", difficulty: "medium", perDay: 1, chance: 0.7 },
  { name: "Wind-down routine", difficulty: "hard", perDay: 1, chance: 0.55 },
] as const;

/**
 * The history of one patient: the last `days` local days (21 for the demo; the benchmark seeds
 * two years). `index` picks the patient's row ids and random sequence.
 */
export function demoHistorySql(patient: DemoAccount, index: number, now: number, days = DAYS): string {
  const rand = prng(index * 7919);
  const uid = patient.id;
  const sql: string[] = [];
  const earned: { day: string; source: string; xp: number; coins: number; ref: string; at: number }[] = [];
  const dayOf = (ms: number) => localDay(ms, patient.timezone, DAY_START_HOUR);
  // When that local day ends in the patient's zone (shared/domain/credit-day.ts), as the Worker records it.
  const endOf = (ms: number) => dayEndsAt(dayOf(ms), patient.timezone, DAY_START_HOUR);
  // The history is laid on the patient's own local days (the last `days` of them, today included),
  // at wall-clock hours a person keeps: a morning glass of water, an evening check-in. Placing it
  // by UTC instead split one day's events over two local days at some hours of the day (and
  // broke the per-day target), so the demo looked different depending on when it was seeded.
  const today = dayOf(now);
  const dayList = Array.from({ length: days }, (_, d) => addDays(today, d - (days - 1)));
  /** `hours` after local day `d` starts (04:00 local), e.g. 5 → about 09:00 on that day. */
  const onDay = (d: number, hours: number) =>
    localDayStart(dayList[d] ?? "", patient.timezone, DAY_START_HOUR) + Math.round(hours * HOUR);
  const start = onDay(0, 0);
  // The history is written once, whole: every row but the progress row (written last) is
  // guarded by its absence, so a later start (another hour, another day) adds nothing, not the
  // events that were still in the future the first time.
  const unseeded = `WHERE NOT EXISTS (SELECT 1 FROM progress WHERE user_id = ${q(uid)})`;
  // The change log carries the history to the PWA's first pull, as if it had been synced.
  const logged: { entity: string; id: string; data: unknown }[] = [];

  HABITS.forEach((h, hi) => {
    const habitId = demoId(index, 1, hi);
    const habit = {
      userId: uid,
      id: habitId,
      name: h.name,
      difficulty: h.difficulty,
      scheduleType: "daily" as const,
      scheduleTarget: h.perDay,
      notes: null,
      archivedAt: null,
      createdAt: start,
      updatedAt: start,
      streakThrough: null,
      streakState: null,
      streakVersion: 0,
    };
    sql.push(
      `INSERT OR IGNORE INTO habits (user_id, id, name, difficulty, schedule_type, schedule_target, created_at, updated_at) SELECT ${[uid, habitId, h.name, h.difficulty, "daily", h.perDay, start, start].map(q).join(", ")} ${unseeded};`,
    );
    logged.push({ entity: "habit", id: habitId, data: habitView(habit) });
    for (let d = 0; d < days; d++) {
      if (rand() > h.chance) continue;
      const times = h.perDay === 1 ? 1 : 1 + Math.floor(rand() * h.perDay);
      for (let t = 0; t < times; t++) {
        // About 09:00, 13:00 and 17:00 local time.
        const at = onDay(d, 5 + t * 4 + rand());
        if (at > now - HOUR) continue;
        const id = demoId(index, 2, hi * 100_000 + d * 10 + t);
        const xp = HABIT_XP[h.difficulty];
        sql.push(
          `INSERT OR IGNORE INTO habit_completions (user_id, id, habit_id, at, local_day, xp, coins, created_at, day_ends_at) SELECT ${[uid, id, habitId, at, dayOf(at), xp, COINS_PER_XP_ACTION, at, endOf(at)].map(q).join(", ")} ${unseeded};`,
        );
        earned.push({ day: dayOf(at), source: "habit", xp, coins: COINS_PER_XP_ACTION, ref: id, at });
        const completion = {
          userId: uid,
          id,
          habitId,
          at,
          localDay: dayOf(at),
          xp,
          coins: 5,
          undoneAt: null,
          createdAt: at,
          late: false,
          dayEndsAt: endOf(at),
        };
        logged.push({ entity: "completion", id, data: completionView(completion) });
      }
    }
  });

  // Mood drifts gently, with a harder patch in the middle for the second patient; the first
  // demo patient had a hard day yesterday.
  let mood = 6;
  const lowYesterday = (d: number) => index === 1 && d === days - 2;
  for (let d = 0; d < days; d++) {
    // Evening check-ins at slightly different times; mood drifts around a gentle weekly rhythm.
    const at = onDay(d, 15 + rand() * 3); // between 19:00 and 22:00 local time
    if (at > now - HOUR) continue;
    const dip = index === 2 && d > 8 && d < 13 ? -2 : 0;
    const rhythm = 6 + 1.5 * Math.sin((d + index * 3) / 2.2);
    mood = Math.max(4, Math.min(9, Math.round((mood + rhythm) / 2 + (rand() - 0.5) * 2)));
    const sleep = Math.max(2, Math.min(9, mood + Math.round(rand() * 2 - 1)));
    const hours = Math.round((5.5 + rand() * 3) * 2) / 2;
    const id = demoId(index, 3, d);
    const row = {
      userId: uid,
      id,
      at,
      localDay: dayOf(at),
      mood: lowYesterday(d) ? 2 : Math.max(4, mood + dip),
      sleepQuality: sleep,
      sleepHours: hours,
      note: null,
      tags: JSON.stringify(d % 5 === 0 ? ["work"] : []),
      createdAt: at,
      dayEndsAt: endOf(at),
    };
    sql.push(
      `INSERT OR IGNORE INTO moods (user_id, id, at, local_day, mood, sleep_quality, sleep_hours, note, tags, created_at, day_ends_at) SELECT ${[uid, id, at, row.localDay, row.mood, sleep, hours, null, row.tags, at, row.dayEndsAt].map(q).join(", ")} ${unseeded};`,
    );
    // A check-in that low raises a low flag (shared/domain/risk.ts), still open: the care team
    // meets it in the risk inbox and at the top of the caseload.
    if (moodRaisesFlag(row.mood)) {
      sql.push(
        `INSERT OR IGNORE INTO risk_flags (user_id, id, source, level, category, ref_id, created_at, status) SELECT ${[uid, demoId(index, 9, d), "low_mood", RULE_LEVELS.low_mood, null, id, at, "open"].map(q).join(", ")} ${unseeded};`,
      );
    }
    logged.push({ entity: "mood", id, data: moodView(row) });
    earned.push({ day: dayOf(at), source: "mood", xp: FIRST_MOOD_OF_DAY_XP, coins: COINS_PER_XP_ACTION, ref: id, at });
  }

  const questDone = onDay(6, 8);
  const quests = [
    { title: "Plan a calm weekend morning", difficulty: "easy", status: "done", awardedAt: questDone },
    { title: "Reconnect with an old friend", difficulty: "medium", status: "active", awardedAt: null },
    { title: "Try a new recipe", difficulty: "easy", status: "paused", awardedAt: null },
  ] as const;
  quests.forEach((quest, qi) => {
    const id = demoId(index, 4, qi);
    const steps = JSON.stringify([
      { id: demoId(index, 5, qi * 10), title: "Choose a day", done: quest.status === "done" },
      { id: demoId(index, 5, qi * 10 + 1), title: "Do it", done: quest.status === "done" },
    ]);
    sql.push(
      `INSERT OR IGNORE INTO quests (user_id, id, title, difficulty, steps, status, xp_awarded_at, created_at, updated_at) SELECT ${[uid, id, quest.title, quest.difficulty, steps, quest.status, quest.awardedAt, start, start].map(q).join(", ")} ${unseeded};`,
    );
    const questRow = {
      userId: uid,
      id,
      title: quest.title,
      description: null,
      difficulty: quest.difficulty,
      steps,
      dueDate: null,
      status: quest.status,
      xpAwardedAt: quest.awardedAt,
      createdAt: start,
      updatedAt: start,
    };
    logged.push({ entity: "quest", id, data: questView(questRow) });
    if (quest.awardedAt) {
      const xp = QUEST_XP[quest.difficulty];
      earned.push({
        day: dayOf(quest.awardedAt),
        source: "quest",
        xp,
        coins: COINS_PER_XP_ACTION,
        ref: id,
        at: quest.awardedAt,
      });
    }
  });

  earned.forEach((e, n) => {
    const opId = `demo-${demoId(index, 6, n)}`;
    sql.push(
      `INSERT OR IGNORE INTO rewards (user_id, op_id, source, ref_id, local_day, xp, coins, at) SELECT ${[uid, opId, e.source, e.ref, e.day, e.xp, e.coins, e.at].map(q).join(", ")} ${unseeded};`,
    );
  });
  const xp = earned.reduce((s, e) => s + e.xp, 0);
  const coins = earned.reduce((s, e) => s + e.coins, 0);
  logged.push({ entity: "progress", id: "me", data: progressView(xp, coins) });

  const pet = {
    userId: uid,
    name: index === 1 ? "Biscuit" : "Juniper",
    species: index === 1 ? ("dog" as const) : ("fox" as const),
    ...PET_START,
    happiness: PET_START.happiness + 10,
    statsAt: now,
    xp: 15 * earned.length,
    adventureStartedAt: null,
    lastDeclutterAt: null,
    cosmetics: "[]",
    loot: "[]",
    adoptedAt: start,
  };
  sql.push(
    `INSERT OR IGNORE INTO pets (user_id, name, species, hunger, happiness, energy, hygiene, stats_at, xp, adopted_at) SELECT ${[uid, pet.name, pet.species, pet.hunger, pet.happiness, pet.energy, pet.hygiene, now, pet.xp, start].map(q).join(", ")} ${unseeded};`,
  );
  logged.push({ entity: "pet", id: "me", data: petView(pet, now) });
  const phqAt = onDay(3, 6);
  const answers = index === 1 ? [1, 1, 0, 1, 1, 0, 1, 0, 0] : [2, 1, 2, 1, 1, 1, 2, 1, 0];
  const scored = scoreAssessment("PHQ-9", answers);
  if ("error" in scored) throw new Error("demo PHQ-9 answers do not score");
  const assessmentId = demoId(index, 7, 0);
  sql.push(
    `INSERT OR IGNORE INTO assessments (user_id, id, instrument, answers, score, severity, at, created_at) SELECT ${[uid, assessmentId, "PHQ-9", JSON.stringify(answers), scored.score, scored.severity, phqAt, phqAt].map(q).join(", ")} ${unseeded};`,
  );
  logged.push({
    entity: "assessment",
    id: assessmentId,
    data: {
      id: assessmentId,
      instrument: "PHQ-9",
      answers,
      score: scored.score,
      severity: scored.severity,
      at: new Date(phqAt).toISOString(),
    },
  });
  const plan = {
    warningSigns: ["Skipping meals", "Staying in bed past noon"],
    copingSteps: ["Box breathing for five minutes", "Walk round the block"],
    peopleAndPlaces: ["The library café", "Call my sister"],
    professionals: ["My care team through Haven messages"],
    safeEnvironment: ["Keep medication with my partner"],
  };
  sql.push(
    `INSERT OR IGNORE INTO safety_plans (user_id, plan, updated_at, updated_by) SELECT ${[uid, JSON.stringify(plan), start, uid].map(q).join(", ")} ${unseeded};`,
  );
  logged.push({
    entity: "safetyPlan",
    id: "me",
    data: { ...plan, updatedAt: new Date(start).toISOString(), updatedBy: uid },
  });
  for (const change of logged) {
    sql.push(
      `INSERT OR IGNORE INTO changes (user_id, entity, entity_id, op, data, at) SELECT ${[uid, change.entity, change.id, "upsert", JSON.stringify(change.data), now].map(q).join(", ")} ${unseeded};`,
    );
  }
  // Last, and unguarded: its row is what marks this patient's history as seeded.
  sql.push(
    `INSERT OR IGNORE INTO progress (user_id, xp, coins, updated_at) VALUES (${[uid, xp, coins, now].map(q).join(", ")});`,
  );
  return sql.join("\n");
}
