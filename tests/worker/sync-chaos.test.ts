import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { SyncChange, SyncResult } from "../../shared/schemas/sync";
import { call, fastPatient, fastSession, json } from "./helpers";

/*
 * Offline sync under delivery chaos. A history is one fresh user with 1–3 devices; each device
 * has a queue of operations, and pushes it in random batches, interleaved with the other devices:
 * some batches are delivered twice (one after the other, at once, or twice inside one push), some
 * answers are "lost" (the device ignores them and sends the same batch again later), some pushes
 * of two devices run at once, and devices re-send operations already acknowledged.
 *
 * The model applies each distinct operation exactly once. Habits, completions and quests belong
 * to the device that created them, so each device's queue is modelled in its own order (the order
 * in which the server first receives it); the quantities shared between devices are insensitive to
 * the order of devices: a day's first mood earns 5 XP whichever device's mood comes first.
 */

type Difficulty = "easy" | "medium" | "hard";
// The spec's numbers (PRODUCT.md "Progression rules"), written out here so the model is independent.
const HABIT_XP: Record<Difficulty, number> = { easy: 10, medium: 15, hard: 20 };
const QUEST_XP: Record<Difficulty, number> = { easy: 50, medium: 100, hard: 200 };
const MOOD_XP = 5;
const COINS = 5;
const MINUTE = 60_000;
const PER_DAY = 10;

type Expected = { status: "applied" } | { status: "rejected"; code: string };
interface Op {
  opId: string;
  type: string;
  at: number;
  payload: Record<string, unknown>;
  expected: Expected;
}
interface Device {
  clientId: string;
  token: string;
  queue: Op[];
  /** Index of the first operation never sent. */
  next: number;
  acked: Op[];
  /** Batches whose answer was lost: sent again later. */
  lost: Op[][];
}

type Block =
  | { kind: "mood"; minutesAgo: number; mood: number }
  | { kind: "habit"; difficulty: Difficulty; valid: boolean; startMinutesAgo: number; gapsSeconds: number[] }
  | { kind: "quest"; difficulty: Difficulty; statuses: ("active" | "paused" | "done")[] }
  | { kind: "unknownType" }
  | { kind: "orphanCompletion" };
type Mode = "lost" | "dupAfter" | "dupAtOnce" | "dupInside" | "echo" | "concurrent";
interface Step {
  device: number;
  size: number;
  mode: Mode;
  retryLost: boolean;
  pick: number;
}

const difficulty = fc.constantFrom<Difficulty>("easy", "medium", "hard");
const block: fc.Arbitrary<Block> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("mood" as const),
      minutesAgo: fc.integer({ min: 0, max: 47 * 60 }),
      mood: fc.integer({ min: 4, max: 10 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("habit" as const),
      difficulty,
      valid: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      startMinutesAgo: fc.integer({ min: 4 * 60, max: 46 * 60 }),
      // Mostly well spaced; sometimes less than a minute after the one before (COMPLETION_TOO_SOON).
      gapsSeconds: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: 120, max: 1800 }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: 59 }) },
        ),
        { maxLength: 4 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("quest" as const),
      difficulty,
      statuses: fc.array(fc.constantFrom("active" as const, "paused" as const, "done" as const), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "unknownType" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "orphanCompletion" as const }) },
);
const deviceScript = fc.record({
  blocks: fc.array(block, { minLength: 1, maxLength: 3 }),
  merge: fc.array(fc.nat(), { maxLength: 20 }),
});
const step: fc.Arbitrary<Step> = fc.record({
  device: fc.nat(),
  size: fc.integer({ min: 1, max: 10 }),
  mode: fc.constantFrom<Mode>("lost", "lost", "dupAfter", "dupAtOnce", "dupInside", "echo", "concurrent", "concurrent"),
  retryLost: fc.boolean(),
  pick: fc.nat(),
});
const history = fc.record({
  devices: fc.array(deviceScript, { minLength: 1, maxLength: 3 }),
  steps: fc.array(step, { maxLength: 5 }),
});

/** Totals over every history of the file, reported once at the end. */
const counts = {
  histories: 0,
  pushes: 0,
  operations: 0,
  distinct: 0,
  duplicateDeliveries: 0,
  lostResponses: 0,
  concurrentPushes: 0,
  rejected: 0,
  lost: 0,
  doubled: 0,
};

/** The operations of one block, in the order the device queues them. */
function opsOf(b: Block, base: number): Op[] {
  const op = (type: string, at: number, payload: Record<string, unknown>): Op => ({
    opId: crypto.randomUUID(),
    type,
    at,
    payload,
    expected: { status: "applied" },
  });
  switch (b.kind) {
    case "mood":
      return [op("mood.log", base - b.minutesAgo * MINUTE, { id: crypto.randomUUID(), mood: b.mood, sleepQuality: 6 })];
    case "habit": {
      const habitId = crypto.randomUUID();
      const start = base - b.startMinutesAgo * MINUTE;
      const perDay = b.valid ? PER_DAY : PER_DAY + 1; // 11 is over the schema's limit: the create is rejected
      const out = [
        op("habit.create", start - MINUTE, {
          id: habitId,
          name: "Chaos habit",
          difficulty: b.difficulty,
          schedule: { type: "daily", perDay },
        }),
      ];
      let at = start;
      for (const gap of b.gapsSeconds) {
        at += gap * 1000;
        out.push(op("habit.complete", at, { habitId, completionId: crypto.randomUUID() }));
      }
      return out;
    }
    case "quest": {
      const questId = crypto.randomUUID();
      return [
        op("quest.create", base - 2 * MINUTE, { id: questId, title: "Chaos quest", difficulty: b.difficulty }),
        ...b.statuses.map((status) => op("quest.setStatus", base - MINUTE, { questId, status })),
      ];
    }
    case "unknownType":
      return [op("xp.grant", base, { xp: 1_000_000 })];
    case "orphanCompletion":
      return [op("habit.complete", base, { habitId: crypto.randomUUID(), completionId: crypto.randomUUID() })];
  }
}

/** A device's queue: its blocks merged in a random order that keeps each block's own order. */
function merge(blocks: Op[][], picks: number[]): Op[] {
  const rest = blocks.filter((b) => b.length > 0).map((b) => [...b]);
  const out: Op[] = [];
  for (let i = 0; rest.length > 0; i++) {
    const k = (picks.length > 0 ? (picks[i % picks.length] ?? 0) : 0) % rest.length;
    const from = rest[k] ?? [];
    const next = from.shift();
    if (next) out.push(next);
    if (from.length === 0) rest.splice(k, 1);
  }
  return out;
}

const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

interface Model {
  xp: number;
  coins: number;
  moodIds: Set<string>;
  moodDays: Set<string>;
  /** Live completion ids by habit id. */
  completions: Map<string, Set<string>>;
  habits: Set<string>;
  questStatus: Map<string, string>;
}

/**
 * Applies every device's queue once, in the device's order, and sets each operation's expected
 * outcome. Exactly the rules of the spec for this alphabet: an unknown type and anything that
 * names a missing habit are rejected; completions of one habit need 60 s between them and at
 * most 10 a day; a quest pays its XP the first time it is done; a day's first mood pays 5 XP.
 */
function runModel(devices: Device[]): Model {
  const m: Model = {
    xp: 0,
    coins: 0,
    moodIds: new Set(),
    moodDays: new Set(),
    completions: new Map(),
    habits: new Set(),
    questStatus: new Map(),
  };
  const habitDifficulty = new Map<string, Difficulty>();
  const habitTimes = new Map<string, number[]>();
  const questDifficulty = new Map<string, Difficulty>();
  const questPaid = new Set<string>();
  const reject = (o: Op, code: string) => {
    o.expected = { status: "rejected", code };
  };
  for (const d of devices) {
    for (const o of d.queue) {
      const p = o.payload;
      if (o.type === "mood.log") {
        m.moodIds.add(p.id as string);
        m.moodDays.add(utcDay(o.at));
      } else if (o.type === "habit.create") {
        const schedule = p.schedule as { perDay: number };
        if (schedule.perDay > PER_DAY) {
          reject(o, "VALIDATION_FAILED");
          continue;
        }
        m.habits.add(p.id as string);
        m.completions.set(p.id as string, new Set());
        habitDifficulty.set(p.id as string, p.difficulty as Difficulty);
        habitTimes.set(p.id as string, []);
      } else if (o.type === "habit.complete") {
        const times = habitTimes.get(p.habitId as string);
        const diff = habitDifficulty.get(p.habitId as string);
        if (!times || !diff) {
          reject(o, "NOT_FOUND");
        } else if (times.filter((t) => utcDay(t) === utcDay(o.at)).length >= PER_DAY) {
          reject(o, "HABIT_DAILY_TARGET_MET");
        } else if (times.some((t) => Math.abs(t - o.at) < MINUTE)) {
          reject(o, "COMPLETION_TOO_SOON");
        } else {
          times.push(o.at);
          m.completions.get(p.habitId as string)?.add(p.completionId as string);
          m.xp += HABIT_XP[diff];
          m.coins += COINS;
        }
      } else if (o.type === "quest.create") {
        questDifficulty.set(p.id as string, p.difficulty as Difficulty);
        m.questStatus.set(p.id as string, "active");
      } else if (o.type === "quest.setStatus") {
        const id = p.questId as string;
        m.questStatus.set(id, p.status as string);
        if (p.status === "done" && !questPaid.has(id)) {
          questPaid.add(id);
          m.xp += QUEST_XP[questDifficulty.get(id) ?? "easy"];
          m.coins += COINS;
        }
      } else {
        reject(o, "VALIDATION_FAILED");
      }
    }
  }
  m.xp += MOOD_XP * m.moodDays.size;
  m.coins += COINS * m.moodDays.size;
  return m;
}

/** Every mood id GET /api/v1/moods lists, following its pages. */
async function allMoodIds(token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor: string | null = null, more = true; more; ) {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page: { items: { id: string }[]; cursor: string | null; hasMore: boolean } = await json(
      await call(`/api/v1/moods?limit=100${q}`, { token }),
    );
    ids.push(...page.items.map((m) => m.id));
    cursor = page.cursor;
    more = page.hasMore;
  }
  return ids;
}

/** Every change GET /api/v1/sync/pull gives from the start, following its pages. */
async function pullAll(token: string): Promise<SyncChange[]> {
  const changes: SyncChange[] = [];
  for (let cursor = "", more = true; more; ) {
    const q = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const res = await call(`/api/v1/sync/pull?limit=1000${q}`, { token });
    expect(res.status).toBe(200);
    const page = await json<{ changes: SyncChange[]; cursor: string; hasMore: boolean }>(res);
    changes.push(...page.changes);
    cursor = page.cursor;
    more = page.hasMore;
  }
  return changes;
}

/** The user's completions that are not undone, straight from D1 (no list endpoint gives them all). */
async function liveCompletions(userId: string): Promise<{ id: string; habit_id: string }[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, habit_id FROM habit_completions WHERE user_id = ? AND undone_at IS NULL",
  )
    .bind(userId)
    .all<{ id: string; habit_id: string }>();
  return results;
}

/** Runs one history against the Worker and checks the server against the model. */
async function runHistory(h: { devices: { blocks: Block[]; merge: number[] }[]; steps: Step[] }): Promise<void> {
  const base = Date.now();
  const patient = await fastPatient();
  const devices: Device[] = [];
  for (const [i, script] of h.devices.entries()) {
    devices.push({
      clientId: `device-${i + 1}`,
      token: i === 0 ? patient.accessToken : await fastSession(patient.userId),
      queue: merge(
        script.blocks.map((b) => opsOf(b, base)),
        script.merge,
      ),
      next: 0,
      acked: [],
      lost: [],
    });
  }
  const model = runModel(devices);
  const observed = new Map<string, SyncResult[]>();
  const local = { pushes: 0, operations: 0, lostResponses: 0, concurrentPushes: 0 };

  const send = async (d: Device, batch: Op[], answerLost = false): Promise<void> => {
    local.pushes++;
    local.operations += batch.length;
    const res = await call("/api/v1/sync/push", {
      token: d.token,
      body: {
        clientId: d.clientId,
        operations: batch.map((o) => ({
          opId: o.opId,
          type: o.type,
          at: new Date(o.at).toISOString(),
          payload: o.payload,
        })),
      },
    });
    expect(res.status).toBe(200);
    const { results } = await json<{ results: SyncResult[] }>(res);
    // One result per operation, in the order sent.
    expect(results.map((r) => r.opId)).toEqual(batch.map((o) => o.opId));
    for (const r of results) observed.set(r.opId, [...(observed.get(r.opId) ?? []), r]);
    if (answerLost) {
      local.lostResponses++;
      d.lost.push(batch);
    } else {
      for (const o of batch) if (!d.acked.includes(o)) d.acked.push(o);
    }
  };
  const fresh = (d: Device, size: number): Op[] => {
    const batch = d.queue.slice(d.next, d.next + size);
    d.next += batch.length;
    return batch;
  };
  const ackedSample = (d: Device, size: number, pick: number): Op[] => {
    if (d.acked.length === 0) return [];
    const start = pick % d.acked.length;
    return d.acked.slice(start, start + Math.min(size, 3));
  };

  for (const s of h.steps) {
    const d = devices[s.device % devices.length] as Device;
    const retry = s.retryLost ? d.lost.shift() : undefined;
    if (retry) {
      // The retry's answer may be lost again: then the batch goes back to wait for the next one.
      await send(d, retry, s.mode === "lost");
      continue;
    }
    const batch = fresh(d, s.size);
    if (batch.length === 0) {
      // Nothing new to send: the device re-sends some operations already acknowledged.
      const again = ackedSample(d, s.size, s.pick);
      if (again.length > 0) await send(d, again);
      continue;
    }
    switch (s.mode) {
      case "lost":
        await send(d, batch, true);
        break;
      case "dupAfter":
        await send(d, batch);
        await send(d, batch);
        break;
      case "dupAtOnce":
        local.concurrentPushes++;
        await Promise.all([send(d, batch), send(d, batch)]);
        break;
      case "dupInside":
        await send(d, [...batch, ...batch]);
        break;
      case "echo":
        await send(d, [...ackedSample(d, s.size, s.pick), ...batch]);
        break;
      case "concurrent": {
        const other = devices.find((e) => e !== d && e.next < e.queue.length);
        if (other) {
          local.concurrentPushes++;
          await Promise.all([send(d, batch), send(other, fresh(other, 11 - s.size))]);
        } else {
          await send(d, batch);
        }
        break;
      }
    }
  }
  // Every device comes back online for good and flushes its outbox in one push: the batches whose
  // answers were lost, then the rest of its queue (at most 5 × 10 + 15 operations: under the 100 limit).
  for (const d of devices) {
    const outbox = [...d.lost.splice(0).flat(), ...fresh(d, d.queue.length)];
    if (outbox.length > 0) await send(d, outbox);
  }
  expect(local.pushes).toBeLessThanOrEqual(40); // well inside 60 pushes per minute per user

  // Every opId: exactly one first answer (applied or rejected, as the model says); every other
  // delivery a duplicate carrying the identical result or error.
  const allOps = devices.flatMap((d) => d.queue);
  let doubled = 0;
  let lost = 0;
  let rejected = 0;
  for (const o of allOps) {
    const answers = observed.get(o.opId) ?? [];
    const first = answers.filter((a) => a.status !== "duplicate");
    if (first.length === 0) lost++;
    if (first.length > 1) doubled++;
    expect(first.map((a) => a.status)).toEqual([o.expected.status]);
    const original = first[0] as SyncResult;
    if (o.expected.status === "rejected") {
      rejected++;
      expect(original).toMatchObject({ error: { code: o.expected.code } });
    }
    for (const a of answers) {
      if (a === original) continue;
      expect(a.status).toBe("duplicate");
      expect("error" in a ? a.error : a.result).toEqual("error" in original ? original.error : original.result);
    }
  }
  // A day's first mood, whichever device's it was, is the one that paid: exactly one per day.
  const paidDays = allOps
    .filter((o) => o.type === "mood.log")
    .filter((o) => {
      const a = observed.get(o.opId)?.find((r) => r.status === "applied");
      return (a && "result" in a ? (a.result as { progress: { delta: { xp: number } } }).progress.delta.xp : 0) > 0;
    })
    .map((o) => utcDay(o.at));
  expect(paidDays.sort()).toEqual([...model.moodDays].sort());

  // The server's state equals the model's (the four reads are independent: they run at once).
  const [progress, moodIds, rows, changes] = await Promise.all([
    json<{ xp: number; coins: number }>(await call("/api/v1/progress", { token: patient.accessToken })),
    allMoodIds(patient.accessToken),
    liveCompletions(patient.userId),
    pullAll(patient.accessToken),
  ]);
  expect({ xp: progress.xp, coins: progress.coins }).toEqual({ xp: model.xp, coins: model.coins });

  lost += [...model.moodIds].filter((id) => !moodIds.includes(id)).length;
  doubled += moodIds.length - new Set(moodIds).size;
  expect(moodIds.length).toBe(model.moodIds.size);
  expect(new Set(moodIds)).toEqual(model.moodIds);

  const server = new Map<string, Set<string>>();
  for (const r of rows) server.set(r.habit_id, (server.get(r.habit_id) ?? new Set()).add(r.id));
  for (const [habitId, ids] of model.completions) {
    lost += [...ids].filter((id) => !server.get(habitId)?.has(id)).length;
    expect(server.get(habitId)?.size ?? 0, `completions of habit ${habitId}`).toBe(ids.size);
  }
  expect(rows.length).toBe([...model.completions.values()].reduce((n, s) => n + s.size, 0));
  expect(new Map([...server].filter(([, ids]) => ids.size > 0))).toEqual(
    new Map([...model.completions].filter(([, ids]) => ids.size > 0)),
  );

  const moodChanges = changes.filter((c) => c.entity === "mood");
  expect(moodChanges.every((c) => c.op === "upsert")).toBe(true);
  expect(moodChanges.map((c) => c.id).sort()).toEqual([...model.moodIds].sort());
  expect(new Set(changes.filter((c) => c.entity === "habit").map((c) => c.id))).toEqual(model.habits);
  const lastQuest = new Map<string, unknown>();
  for (const c of changes) if (c.entity === "quest") lastQuest.set(c.id, (c.data as { status: string }).status);
  expect(lastQuest).toEqual(model.questStatus);
  expect(changes.map((c) => c.seq)).toEqual(changes.map((c) => c.seq).sort((a, b) => a - b));

  counts.histories++;
  counts.pushes += local.pushes;
  counts.operations += local.operations;
  counts.distinct += allOps.length;
  counts.duplicateDeliveries += local.operations - allOps.length;
  counts.lostResponses += local.lostResponses;
  counts.concurrentPushes += local.concurrentPushes;
  counts.rejected += rejected;
  counts.lost += lost;
  counts.doubled += doubled;
}

afterAll(() => {
  console.log(
    `chaos: ${counts.histories} histories, ${counts.pushes} pushes, ${counts.operations} operations ` +
      `(${counts.distinct} distinct), ${counts.duplicateDeliveries} duplicate deliveries, ` +
      `${counts.lostResponses} lost responses, ${counts.concurrentPushes} concurrent pushes, ` +
      `${counts.rejected} rejected as the model predicted, ${counts.lost} lost, ${counts.doubled} doubled`,
  );
});

const RUNS_PER_BLOCK = 250;
const BLOCK_TIMEOUT_MS = 170_000;

// Four parts run at once (each its own users): the Worker, the users' objects and D1 overlap a
// little on two cores, and other users' pushes interleave with each history's.
describe("offline sync under delivery chaos (fast-check, 4 × 250 histories)", () => {
  for (const part of [1, 2, 3, 4]) {
    it.concurrent(
      `part ${part}: the server applies each operation exactly once, as a model applying each once would, however the pushes are duplicated, lost, retried and interleaved`,
      async () => {
        await fc.assert(fc.asyncProperty(history, runHistory), { numRuns: RUNS_PER_BLOCK });
      },
      BLOCK_TIMEOUT_MS,
    );
  }
});
