import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientTimeOk, decideCompletion, moodXp, questCompletionXp, type Schedule } from "./completion-policy";
import { type KnownState, type PendingWrite, predictRewards } from "./predicted-rewards";
import type { Difficulty } from "./progression";

const NOW = Date.parse("2026-11-15T12:00:00Z");
const HOUR = 3600_000;
/** Local days are UTC days in these tests. */
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();
const HABIT = "00000000-0000-4000-8000-000000000001";
const QUEST = "00000000-0000-4000-8000-00000000000a";

function known(over: Partial<KnownState> = {}): KnownState {
  return {
    habits: new Map([[HABIT, { difficulty: "medium", schedule: { type: "daily", perDay: 2 } }]]),
    serverCompletions: [],
    shownCompletionIds: new Set(),
    quests: new Map([[QUEST, { difficulty: "medium", xpAwarded: false }]]),
    serverMoodDays: new Set(),
    shownMoodIds: new Set(),
    ...over,
  };
}

describe("predictRewards", () => {
  it("adds a habit completion's XP and coins on its day", () => {
    const writes = [{ type: "habit.complete", at: iso(NOW), payload: { habitId: HABIT, completionId: "c1" } }];
    const p = predictRewards(writes, known({ shownCompletionIds: new Set(["c1"]) }), NOW, dayOf);
    expect(p.total).toEqual({ xp: 15, coins: 5 });
    expect(p.byDay.get("2026-11-15")).toEqual({ xp: 15, coins: 5 });
  });

  it("predicts nothing for a completion undone here before it synced", () => {
    const writes = [
      { type: "habit.complete", at: iso(NOW - 120_000), payload: { habitId: HABIT, completionId: "c1" } },
      { type: "habit.uncomplete", at: iso(NOW), payload: { habitId: HABIT, completionId: "c1" } },
    ];
    expect(predictRewards(writes, known(), NOW, dayOf).total).toEqual({ xp: 0, coins: 0 });
  });

  it("takes back a synced completion's reward on undo", () => {
    const state = known({
      serverCompletions: [{ id: "c0", habitId: HABIT, at: iso(NOW - HOUR), localDay: "2026-11-15", late: false }],
    });
    const writes = [{ type: "habit.uncomplete", at: iso(NOW), payload: { habitId: HABIT, completionId: "c0" } }];
    expect(predictRewards(writes, state, NOW, dayOf).total).toEqual({ xp: -15, coins: -5 });
  });

  it("gives a completion past the day's target nothing", () => {
    const state = known({
      serverCompletions: [
        { id: "a", habitId: HABIT, at: iso(NOW - 2 * HOUR), localDay: "2026-11-15", late: false },
        { id: "b", habitId: HABIT, at: iso(NOW - HOUR), localDay: "2026-11-15", late: false },
      ],
      shownCompletionIds: new Set(["c1"]),
    });
    const writes = [{ type: "habit.complete", at: iso(NOW), payload: { habitId: HABIT, completionId: "c1" } }];
    expect(predictRewards(writes, state, NOW, dayOf).total).toEqual({ xp: 0, coins: 0 });
  });

  it("rewards only the first check-in of a day, and none on a day the server already rewarded", () => {
    const writes = [
      { type: "mood.log", at: iso(NOW - HOUR), payload: { id: "m1", mood: 6, sleepQuality: 5 } },
      { type: "mood.log", at: iso(NOW), payload: { id: "m2", mood: 7, sleepQuality: 5 } },
      { type: "mood.log", at: iso(NOW - 24 * HOUR), payload: { id: "m3", mood: 7, sleepQuality: 5 } },
    ];
    const state = known({ shownMoodIds: new Set(["m1", "m2", "m3"]), serverMoodDays: new Set(["2026-11-14"]) });
    expect(predictRewards(writes, state, NOW, dayOf).total).toEqual({ xp: 5, coins: 5 });
  });

  it("awards a quest once, and never one the server already awarded", () => {
    const done = { type: "quest.setStatus", at: iso(NOW), payload: { questId: QUEST, status: "done" } };
    const reopen = { type: "quest.setStatus", at: iso(NOW), payload: { questId: QUEST, status: "active" } };
    expect(predictRewards([done, reopen, done], known(), NOW, dayOf).total).toEqual({ xp: 100, coins: 5 });
    const awarded = known({ quests: new Map([[QUEST, { difficulty: "medium", xpAwarded: true }]]) });
    expect(predictRewards([done], awarded, NOW, dayOf).total).toEqual({ xp: 0, coins: 0 });
  });

  it("gives a write outside the client-time window nothing", () => {
    const writes = [{ type: "mood.log", at: iso(NOW - 73 * HOUR), payload: { id: "m1", mood: 6, sleepQuality: 5 } }];
    expect(predictRewards(writes, known({ shownMoodIds: new Set(["m1"]) }), NOW, dayOf).total).toEqual({
      xp: 0,
      coins: 0,
    });
  });

  it("ignores writes that earn nothing (a note, a habit edit)", () => {
    const writes = [{ type: "habit.update", at: iso(NOW), payload: { habitId: HABIT, name: "Walk" } }];
    expect(predictRewards(writes, known(), NOW, dayOf).total).toEqual({ xp: 0, coins: 0 });
  });
});

// ---- A model of the server: the same rules with the exact facts the server keeps. ----

interface ModelCompletion {
  id: string;
  habitId: string;
  atMs: number;
  day: string;
  xp: number;
  late: boolean;
}
interface Model {
  habits: Map<string, { difficulty: Difficulty; schedule: Schedule }>;
  completions: Map<string, ModelCompletion>;
  quests: Map<string, { difficulty: Difficulty; xpAwarded: boolean }>;
  moodDays: Set<string>;
  xp: number;
  coins: number;
}

function apply(model: Model, write: PendingWrite): void {
  const p = write.payload as Record<string, string>;
  const atMs = Date.parse(write.at);
  if (write.type === "habit.complete") {
    const habit = model.habits.get(p.habitId ?? "");
    if (!habit || model.completions.has(p.completionId ?? "")) return;
    const live = [...model.completions.values()];
    const day = dayOf(atMs);
    const sameDay = live.filter((c) => c.day === day);
    const d = decideCompletion({
      difficulty: habit.difficulty,
      schedule: habit.schedule,
      atMs,
      nowMs: NOW,
      completionsOnDay: sameDay.filter((c) => c.habitId === p.habitId).length,
      otherCompletionTimesMs: live.filter((c) => c.habitId === p.habitId).map((c) => c.atMs),
      habitXpOnDay: sameDay.reduce((s, c) => s + c.xp, 0),
    });
    if (!d.ok) return;
    const id = p.completionId ?? "";
    model.completions.set(id, { id, habitId: p.habitId ?? "", atMs, day, xp: d.xp, late: d.late === true });
    model.xp += d.xp;
    model.coins += d.coins;
  } else if (write.type === "habit.uncomplete") {
    const c = model.completions.get(p.completionId ?? "");
    if (!c) return;
    model.completions.delete(c.id);
    model.xp -= c.xp;
    model.coins -= c.xp > 0 ? 5 : 0;
  } else if (write.type === "quest.setStatus") {
    const q = model.quests.get(p.questId ?? "");
    if (!q || p.status !== "done" || !clientTimeOk(atMs, NOW)) return;
    const award = questCompletionXp(q.difficulty, q.xpAwarded);
    if (award.xp > 0) q.xpAwarded = true;
    model.xp += award.xp;
    model.coins += award.coins;
  } else if (write.type === "mood.log") {
    if (!clientTimeOk(atMs, NOW)) return;
    const award = moodXp(!model.moodDays.has(dayOf(atMs)));
    model.moodDays.add(dayOf(atMs));
    model.xp += award.xp;
    model.coins += award.coins;
  }
}

const difficulty = fc.constantFrom<Difficulty>("easy", "medium", "hard");
const schedule = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((perDay): Schedule => ({ type: "daily", perDay })),
  fc.integer({ min: 1, max: 7 }).map((timesPerWeek): Schedule => ({ type: "weekly", timesPerWeek })),
);
const habitIds = ["h1", "h2", "h3"];
const questIds = ["q1", "q2"];
/** Times from 4 days ago to a few minutes ahead, often close together (spacing, day ends). */
const time = fc.integer({ min: -80 * 60, max: 6 }).map((minutes) => NOW + minutes * 60_000);
const op = fc.oneof(
  fc.record({ kind: fc.constant("complete" as const), habit: fc.constantFrom(...habitIds), at: time }),
  fc.record({ kind: fc.constant("uncomplete" as const), pick: fc.nat(), at: time }),
  fc.record({
    kind: fc.constant("quest" as const),
    quest: fc.constantFrom(...questIds),
    done: fc.boolean(),
    at: time,
  }),
  fc.record({ kind: fc.constant("mood" as const), at: time }),
);

describe("predictRewards against a model of the server", () => {
  it("never predicts more XP or coins than the server gives for the same writes", () => {
    fc.assert(
      fc.property(
        fc.tuple(...habitIds.map(() => fc.record({ difficulty, schedule }))),
        fc.tuple(...questIds.map(() => fc.record({ difficulty, xpAwarded: fc.boolean() }))),
        fc.array(op, { maxLength: 40 }),
        fc.array(op, { maxLength: 25 }),
        fc.array(fc.boolean(), { maxLength: 25 }),
        (habits, quests, history, pending, undoneHere) => {
          const model: Model = {
            habits: new Map(habitIds.map((id, i) => [id, habits[i] as (typeof habits)[number]])),
            completions: new Map(),
            quests: new Map(questIds.map((id, i) => [id, { ...(quests[i] as (typeof quests)[number]) }])),
            moodDays: new Set(),
            xp: 0,
            coins: 0,
          };
          let n = 0;
          const toWrite = (o: (typeof history)[number]) => {
            const at = iso(o.at);
            n += 1;
            if (o.kind === "complete")
              return { type: "habit.complete", at, payload: { habitId: o.habit, completionId: `c${n}` } };
            if (o.kind === "uncomplete") {
              const ids = [...model.completions.keys(), ...pendingIds];
              return {
                type: "habit.uncomplete",
                at,
                payload: { completionId: ids.length ? ids[o.pick % ids.length] : "none" },
              };
            }
            if (o.kind === "quest")
              return { type: "quest.setStatus", at, payload: { questId: o.quest, status: o.done ? "done" : "active" } };
            return { type: "mood.log", at, payload: { id: `m${n}`, mood: 5, sleepQuality: 5 } };
          };
          const pendingIds: string[] = [];
          // What the server already has (the synced state).
          for (const o of history) apply(model, toWrite(o));
          const synced = {
            completions: [...model.completions.values()],
            quests: new Map([...model.quests].map(([id, q]) => [id, { ...q }])),
            moodDays: new Set(model.moodDays),
            xp: model.xp,
            coins: model.coins,
          };
          // Writes made offline since; some completions are undone here, which queues an undo.
          const writes: PendingWrite[] = [];
          const shown = new Set<string>();
          for (const [i, o] of pending.entries()) {
            const w = toWrite(o);
            writes.push(w);
            if (w.type !== "habit.complete") continue;
            const id = (w.payload as { completionId: string }).completionId;
            pendingIds.push(id);
            if (undoneHere[i]) writes.push({ type: "habit.uncomplete", at: w.at, payload: { completionId: id } });
            else shown.add(id);
          }
          // The device's view: synced completions still shown unless undone here.
          const undone = new Set(
            writes
              .filter((w) => w.type === "habit.uncomplete")
              .map((w) => (w.payload as { completionId: string }).completionId),
          );
          for (const c of synced.completions) if (!undone.has(c.id)) shown.add(c.id);
          for (const id of undone) shown.delete(id);
          const predicted = predictRewards(
            writes,
            {
              habits: model.habits,
              serverCompletions: synced.completions.map((c) => ({
                id: c.id,
                habitId: c.habitId,
                at: iso(c.atMs),
                localDay: c.day,
                late: c.late,
              })),
              shownCompletionIds: shown,
              quests: synced.quests,
              serverMoodDays: synced.moodDays,
              shownMoodIds: new Set(
                writes.filter((w) => w.type === "mood.log").map((w) => (w.payload as { id: string }).id),
              ),
            },
            NOW,
            dayOf,
          );
          for (const w of writes) apply(model, w);
          expect(synced.xp + predicted.total.xp).toBeLessThanOrEqual(model.xp);
          expect(synced.coins + predicted.total.coins).toBeLessThanOrEqual(model.coins);
          // With nothing synced the device knows every fact the server uses: the prediction is exact.
          if (history.length === 0) expect(predicted.total).toEqual({ xp: model.xp, coins: model.coins });
        },
      ),
      { numRuns: 500 },
    );
  });
});
