import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, dayStartAwayFromNow, errorOf, isoIn, json, patientWithHabit, register } from "./helpers";

type Completion = { completion: { id: string; localDay: string }; progress: { xp: number; coins: number } };
type Progress = {
  xp: number;
  coins: number;
  level: number;
  tier: string;
  xpForNextLevel: number;
  streaks: { habitId: string; current: number; best: number }[];
  today: { localDay: string; xp: number; coins: number };
};

async function addHabit(token: string, perDay: number, difficulty = "easy"): Promise<string> {
  const res = await call("/api/v1/habits", {
    token,
    body: { name: `Habit ${perDay}`, difficulty, schedule: { type: "daily", perDay } },
  });
  return (await json<{ habit: { id: string } }>(res)).habit.id;
}

const complete = (token: string, habitId: string, body: Record<string, unknown>) =>
  call(`/api/v1/habits/${habitId}/completions`, { token, body });

afterEach(() => {
  vi.useRealTimers();
});

describe("progression is serialised per user", () => {
  it("dozens of parallel completions, with opIds repeated at once, end with exactly the XP the policy allows", async () => {
    const p = await register();
    await dayStartAwayFromNow(p.accessToken);
    const [a, b, c] = [
      await addHabit(p.accessToken, 10),
      await addHabit(p.accessToken, 10),
      await addHabit(p.accessToken, 2),
    ];
    const requests: { habitId: string; body: Record<string, unknown> }[] = [];
    // Habit A: five distinct completions two minutes apart, each sent three times at once.
    for (let i = 0; i < 5; i++) {
      const body = { opId: crypto.randomUUID(), at: isoIn(-(i + 1) * 120_000) };
      for (let copy = 0; copy < 3; copy++) requests.push({ habitId: a, body });
    }
    // Habit B: ten different opIds at the same instant: the 60 s spacing allows one.
    const sameInstant = isoIn(-30_000);
    for (let i = 0; i < 10; i++) requests.push({ habitId: b, body: { opId: crypto.randomUUID(), at: sameInstant } });
    // Habit C: ten completions far apart, but a per-day target of two.
    for (let i = 0; i < 10; i++) {
      requests.push({ habitId: c, body: { opId: crypto.randomUUID(), at: isoIn(-(i + 1) * 120_000) } });
    }
    const responses = await Promise.all(requests.map((r) => complete(p.accessToken, r.habitId, r.body)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(15 + 1 + 2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9 + 8);
    // Copies of one opId all carry the same completion.
    const bodies = await Promise.all(responses.slice(0, 15).map((r) => json<Completion>(r)));
    for (let i = 0; i < 15; i += 3) {
      expect(new Set(bodies.slice(i, i + 3).map((b) => b.completion.id)).size).toBe(1);
    }
    const progress = await json<Progress>(await call("/api/v1/progress", { token: p.accessToken }));
    expect(progress).toMatchObject({ xp: (5 + 1 + 2) * 10, coins: (5 + 1 + 2) * 5 });
  });

  it("a level-up shows in the answer: 100 XP reaches level 2", async () => {
    const p = await register();
    const habits = await Promise.all([1, 2, 3, 4, 5].map(() => addHabit(p.accessToken, 1, "hard")));
    let last: Completion | undefined;
    for (const id of habits) last = await json<Completion>(await complete(p.accessToken, id, {}));
    expect(last?.progress).toMatchObject({ xp: 100, level: 2, leveledUp: true, xpForNextLevel: 200 });
  });
});

describe("quests", () => {
  it("award their XP once, ever: done → active → done pays only the first time", async () => {
    const p = await register();
    const created = await call("/api/v1/quests", {
      token: p.accessToken,
      body: { title: "Walk to the park", difficulty: "medium", steps: [{ title: "Shoes on", done: false }] },
    });
    expect(created.status).toBe(201);
    const quest = (await json<{ quest: { id: string; steps: { id: string }[] } }>(created)).quest;
    const done = await call(`/api/v1/quests/${quest.id}`, {
      method: "PATCH",
      token: p.accessToken,
      body: { status: "done" },
    });
    expect((await json<{ progress: object }>(done)).progress).toMatchObject({ xp: 100, coins: 5 });
    await call(`/api/v1/quests/${quest.id}`, { method: "PATCH", token: p.accessToken, body: { status: "active" } });
    const again = await call(`/api/v1/quests/${quest.id}`, {
      method: "PATCH",
      token: p.accessToken,
      body: { status: "done" },
    });
    expect(again.status).toBe(200);
    expect(await json(again)).not.toHaveProperty("progress");
    expect(await json<Progress>(await call("/api/v1/progress", { token: p.accessToken }))).toMatchObject({ xp: 100 });
    const step = await call(`/api/v1/quests/${quest.id}/steps/${quest.steps[0]?.id}`, {
      method: "PATCH",
      token: p.accessToken,
      body: { done: true },
    });
    expect((await json<{ quest: { steps: { done: boolean }[] } }>(step)).quest.steps[0]?.done).toBe(true);
  });

  it("refuses a status outside the allow-list with 400 QUEST_STATUS_INVALID", async () => {
    const p = await register();
    const created = await call("/api/v1/quests", { token: p.accessToken, body: { title: "Q", difficulty: "easy" } });
    const { quest } = await json<{ quest: { id: string } }>(created);
    for (const status of ["archived", "DONE", ""]) {
      const res = await call(`/api/v1/quests/${quest.id}`, { method: "PATCH", token: p.accessToken, body: { status } });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("QUEST_STATUS_INVALID");
    }
  });

  it("answers 404 for another patient's quest and step", async () => {
    const theirs = await register();
    const created = await call("/api/v1/quests", {
      token: theirs.accessToken,
      body: { title: "Theirs", difficulty: "hard", steps: [{ title: "s", done: false }] },
    });
    const { quest } = await json<{ quest: { id: string; steps: { id: string }[] } }>(created);
    const mine = await register();
    const res = await call(`/api/v1/quests/${quest.id}`, {
      method: "PATCH",
      token: mine.accessToken,
      body: { status: "done" },
    });
    expect(res.status).toBe(404);
    const step = await call(`/api/v1/quests/${quest.id}/steps/${quest.steps[0]?.id}`, {
      method: "PATCH",
      token: mine.accessToken,
      body: { done: true },
    });
    expect(step.status).toBe(404);
    expect((await json<{ items: unknown[] }>(await call("/api/v1/quests", { token: mine.accessToken }))).items).toEqual(
      [],
    );
    expect(await json<Progress>(await call("/api/v1/progress", { token: theirs.accessToken }))).toMatchObject({
      xp: 0,
    });
  });
});

describe("the user's local day", () => {
  it("a completion at 02:30 local belongs to the evening before (day starts at 04:00)", async () => {
    // Freeze the clock before signing in (the Worker and the user's object run in this isolate).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-11-20T12:00:00Z"));
    const p = await patientWithHabit(); // in Europe/London
    const late = await json<Completion>(await complete(p.accessToken, p.habitId, { at: "2026-11-20T02:30:00Z" }));
    expect(late.completion.localDay).toBe("2026-11-19");
    const morning = await json<Completion>(await complete(p.accessToken, p.habitId, { at: "2026-11-20T04:30:00Z" }));
    expect(morning.completion.localDay).toBe("2026-11-20");
  });

  it("follows the clocks across the spring DST change: 04:00 local is the boundary, not 04:00 UTC", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-03-29T12:00:00Z"));
    const p = await patientWithHabit({ schedule: { type: "daily", perDay: 5 } });
    // 29 March 2026: London moves from GMT to BST at 01:00 UTC. 02:30 UTC is 03:30 BST: still yesterday.
    const before = await json<Completion>(await complete(p.accessToken, p.habitId, { at: "2026-03-29T02:30:00Z" }));
    expect(before.completion.localDay).toBe("2026-03-28");
    // 03:30 UTC is 04:30 BST: the new day, although it is before 04:00 UTC.
    const after = await json<Completion>(await complete(p.accessToken, p.habitId, { at: "2026-03-29T03:30:00Z" }));
    expect(after.completion.localDay).toBe("2026-03-29");
  });

  it("uses the new time zone after the patient travels, without re-dating earlier completions", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-11-20T16:00:00Z"));
    const p = await patientWithHabit({ schedule: { type: "daily", perDay: 5 } });
    const london = await json<Completion>(await complete(p.accessToken, p.habitId, { at: "2026-11-20T10:00:00Z" }));
    expect(london.completion.localDay).toBe("2026-11-20");
    const moved = await call("/api/v1/me", {
      method: "PATCH",
      token: p.accessToken,
      body: { timezone: "Pacific/Auckland" },
    });
    expect(moved.status).toBe(200);
    // 11:30 UTC on the 20th is 00:30 on the 21st in Auckland: before 04:00, so still the 20th there.
    const nz = await json<Completion>(await complete(p.accessToken, p.habitId, { at: "2026-11-20T11:30:00Z" }));
    expect(nz.completion.localDay).toBe("2026-11-20");
    // 15:30 UTC is 04:30 on the 21st in Auckland.
    const next = await json<Completion>(await complete(p.accessToken, p.habitId, { at: "2026-11-20T15:30:00Z" }));
    expect(next.completion.localDay).toBe("2026-11-21");
    const list = await json<{ items: { today: number }[] }>(await call("/api/v1/habits", { token: p.accessToken }));
    expect(list.items[0]?.today).toBe(1); // "today" in Auckland now is the 21st
    const { results } = await env.DB.prepare("SELECT local_day FROM habit_completions WHERE user_id = ? ORDER BY at")
      .bind(p.user.id)
      .all();
    expect(results.map((r) => r.local_day)).toEqual(["2026-11-20", "2026-11-20", "2026-11-21"]);
  });

  it("reports streaks and today's earnings on /progress", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-11-20T12:00:00Z"));
    const p = await register();
    // Created offline two days ago: the habit's life starts at the client's time of creation.
    const created = await call("/api/v1/habits", {
      token: p.accessToken,
      body: {
        name: "Drink water",
        difficulty: "easy",
        schedule: { type: "daily", perDay: 1 },
        at: "2026-11-18T08:00:00Z",
      },
    });
    const habitId = (await json<{ habit: { id: string } }>(created)).habit.id;
    const complete1 = (at: string) => complete(p.accessToken, habitId, { at });
    for (const at of ["2026-11-18T10:00:00Z", "2026-11-19T10:00:00Z", "2026-11-20T10:00:00Z"]) {
      expect((await complete1(at)).status).toBe(201);
    }
    const progress = await json<Progress>(await call("/api/v1/progress", { token: p.accessToken }));
    expect(progress.streaks).toEqual([{ habitId, name: "Drink water", current: 3, best: 3 }]);
    expect(progress.today).toEqual({ localDay: "2026-11-20", xp: 10, coins: 5 });
    expect(progress).toMatchObject({ xp: 30, coins: 15, level: 1, tier: "Seedling", xpForNextLevel: 70 });
  });

  it("reports today's earnings for the patient's local day when it is not the UTC date (either side, or two days behind)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const { zone, dayStartHour, now, today, yesterdayAt, todayAt } of [
      // 15:30 UTC on the 20th is 04:30 on the 21st in Auckland: local today is a day ahead of UTC.
      {
        zone: "Pacific/Auckland",
        now: "2026-11-20T15:30:00Z",
        today: "2026-11-21",
        yesterdayAt: "2026-11-20T10:00:00Z",
        todayAt: "2026-11-20T15:00:00Z",
      },
      // 02:00 UTC on the 21st is 18:00 on the 20th in Los Angeles: local today is a day behind UTC.
      {
        zone: "America/Los_Angeles",
        now: "2026-11-21T02:00:00Z",
        today: "2026-11-20",
        yesterdayAt: "2026-11-20T06:00:00Z",
        todayAt: "2026-11-21T01:00:00Z",
      },
      // With the day starting at 23:00, 18:00 on the 20th in Los Angeles still belongs to the 19th:
      // two days behind the UTC date.
      {
        zone: "America/Los_Angeles",
        dayStartHour: 23,
        now: "2026-11-21T02:00:00Z",
        today: "2026-11-19",
        yesterdayAt: "2026-11-19T06:00:00Z",
        todayAt: "2026-11-21T01:00:00Z",
      },
    ]) {
      vi.setSystemTime(Date.parse(now));
      const p = await patientWithHabit({ schedule: { type: "daily", perDay: 5 } });
      const moved = await call("/api/v1/me", {
        method: "PATCH",
        token: p.accessToken,
        body: { timezone: zone, ...(dayStartHour === undefined ? {} : { dayStartHour }) },
      });
      expect(moved.status).toBe(200);
      const yesterday = await json<Completion>(await complete(p.accessToken, p.habitId, { at: yesterdayAt }));
      const todays = await json<Completion>(await complete(p.accessToken, p.habitId, { at: todayAt }));
      expect(todays.completion.localDay).toBe(today);
      expect(yesterday.completion.localDay).not.toBe(today);
      const progress = await json<Progress>(await call("/api/v1/progress", { token: p.accessToken }));
      // Only today's completion counts as today's earnings; both count in the totals.
      expect(progress.today).toEqual({ localDay: today, xp: 10, coins: 5 });
      expect(progress.xp).toBe(20);
    }
  });
});
