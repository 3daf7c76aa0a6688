import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, dayStartAwayFromNow, errorOf, isoIn, json, patientWithHabit, register } from "./helpers";

type Completion = { completion: { id: string; habitId: string; localDay: string }; progress: Record<string, unknown> };
const MINUTE = 60_000;

function complete(token: string, habitId: string, body: Record<string, unknown> = {}) {
  return call(`/api/v1/habits/${habitId}/completions`, { token, body });
}

describe("habits", () => {
  it("creates, lists, edits and archives a habit; archived habits leave the list", async () => {
    const p = await patientWithHabit();
    const list = await json<{ items: { id: string; today: number }[] }>(
      await call("/api/v1/habits", { token: p.accessToken }),
    );
    expect(list.items.map((h) => h.id)).toEqual([p.habitId]);
    const edit = await call(`/api/v1/habits/${p.habitId}`, {
      method: "PATCH",
      token: p.accessToken,
      body: { name: "Drink more water", difficulty: "hard", schedule: { type: "weekly", timesPerWeek: 3 } },
    });
    expect(edit.status).toBe(200);
    expect((await json<{ habit: object }>(edit)).habit).toMatchObject({
      name: "Drink more water",
      difficulty: "hard",
      schedule: { type: "weekly", timesPerWeek: 3 },
    });
    const del = await call(`/api/v1/habits/${p.habitId}`, { method: "DELETE", token: p.accessToken });
    expect(del.status).toBe(200);
    expect((await json<{ items: unknown[] }>(await call("/api/v1/habits", { token: p.accessToken }))).items).toEqual(
      [],
    );
    const done = await complete(p.accessToken, p.habitId);
    expect(done.status).toBe(409);
    expect((await errorOf(done)).code).toBe("HABIT_ARCHIVED");
  });

  it("a completion returns the completion and the progression delta: 10 XP and 5 coins for an easy habit", async () => {
    const p = await patientWithHabit({ difficulty: "easy" });
    const res = await complete(p.accessToken, p.habitId, { opId: crypto.randomUUID(), at: isoIn(0) });
    expect(res.status).toBe(201);
    const body = await json<Completion>(res);
    expect(body.completion.habitId).toBe(p.habitId);
    expect(body.completion.localDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.progress).toMatchObject({ xp: 10, coins: 5, level: 1, tier: "Seedling", delta: { xp: 10, coins: 5 } });
  });

  it("undo takes back exactly that completion's XP and coins", async () => {
    const p = await patientWithHabit({ difficulty: "medium" });
    const done = await json<Completion>(await complete(p.accessToken, p.habitId));
    const undo = await call(`/api/v1/habits/${p.habitId}/completions/${done.completion.id}`, {
      method: "DELETE",
      token: p.accessToken,
    });
    expect(undo.status).toBe(200);
    expect((await json<Completion>(undo)).progress).toMatchObject({ xp: 0, coins: 0, delta: { xp: -15, coins: -5 } });
    const again = await call(`/api/v1/habits/${p.habitId}/completions/${done.completion.id}`, {
      method: "DELETE",
      token: p.accessToken,
    });
    expect((await errorOf(again)).code).toBe("COMPLETION_ALREADY_UNDONE");
    const progress = await json(await call("/api/v1/progress", { token: p.accessToken }));
    expect(progress).toMatchObject({ xp: 0, coins: 0, today: { xp: 0, coins: 0 } });
  });

  it("refuses a second completion within 60 s, and one beyond the per-day target", async () => {
    const p = await patientWithHabit({ schedule: { type: "daily", perDay: 2 } });
    await dayStartAwayFromNow(p.accessToken);
    expect((await complete(p.accessToken, p.habitId, { at: isoIn(-30 * MINUTE) })).status).toBe(201);
    const soon = await complete(p.accessToken, p.habitId, { at: isoIn(-30 * MINUTE + 59_000) });
    expect(soon.status).toBe(409);
    expect((await errorOf(soon)).code).toBe("COMPLETION_TOO_SOON");
    expect((await complete(p.accessToken, p.habitId, { at: isoIn(-20 * MINUTE) })).status).toBe(201);
    const third = await complete(p.accessToken, p.habitId, { at: isoIn(-10 * MINUTE) });
    expect(third.status).toBe(409);
    expect((await errorOf(third)).code).toBe("HABIT_DAILY_TARGET_MET");
    const audit = await env.DB.prepare(
      "SELECT error_code FROM audit_events WHERE user_id = ? AND action = 'command.habit.complete' ORDER BY id",
    )
      .bind(p.user.id)
      .all();
    expect(audit.results.map((r) => r.error_code)).toEqual(["COMPLETION_TOO_SOON", "HABIT_DAILY_TARGET_MET"]);
  });

  it("keeps a completion more than 72 h ago or more than 5 minutes ahead, late, earning nothing, with a warning", async () => {
    const p = await patientWithHabit();
    for (const at of [isoIn(-72 * 3600_000 - MINUTE), isoIn(6 * MINUTE)]) {
      const res = await complete(p.accessToken, p.habitId, { at });
      expect(res.status).toBe(201);
      const body = await json<{ completion: { late: boolean }; progress: { xp: number }; warning: { code: string } }>(
        res,
      );
      expect(body.warning.code).toBe("CLIENT_TIME_OUT_OF_WINDOW");
      expect(body.completion.late).toBe(true);
      expect(body.progress.xp).toBe(0);
    }
    const inWindow = await complete(p.accessToken, p.habitId, { at: isoIn(-71 * 3600_000) });
    expect(inWindow.status).toBe(201);
    expect((await json<{ progress: { xp: number } }>(inWindow)).progress.xp).toBe(10);
  });

  it("answers 404 for an unknown habit and for another patient's habit, and changes nothing of theirs", async () => {
    const mine = await register();
    const theirs = await patientWithHabit();
    for (const id of [crypto.randomUUID(), theirs.habitId]) {
      expect((await complete(mine.accessToken, id)).status).toBe(404);
      const edit = await call(`/api/v1/habits/${id}`, {
        method: "PATCH",
        token: mine.accessToken,
        body: { name: "x" },
      });
      expect(edit.status).toBe(404);
      expect((await call(`/api/v1/habits/${id}`, { method: "DELETE", token: mine.accessToken })).status).toBe(404);
    }
    const theirList = await json<{ items: { name: string; archived: boolean }[] }>(
      await call("/api/v1/habits", { token: theirs.accessToken }),
    );
    expect(theirList.items).toMatchObject([{ name: "Drink water", archived: false }]);
  });

  it("refuses another patient's completion id on undo with 404", async () => {
    const theirs = await patientWithHabit();
    const done = await json<Completion>(await complete(theirs.accessToken, theirs.habitId));
    const mine = await patientWithHabit();
    const res = await call(`/api/v1/habits/${mine.habitId}/completions/${done.completion.id}`, {
      method: "DELETE",
      token: mine.accessToken,
    });
    expect(res.status).toBe(404);
    const theirProgress = await json(await call("/api/v1/progress", { token: theirs.accessToken }));
    expect(theirProgress).toMatchObject({ xp: 10, coins: 5 });
  });

  it("replays the same opId with the first answer and awards nothing twice", async () => {
    const p = await patientWithHabit();
    const opId = crypto.randomUUID();
    const first = await complete(p.accessToken, p.habitId, { opId });
    const second = await complete(p.accessToken, p.habitId, { opId });
    expect(second.status).toBe(201);
    expect(second.headers.get("Idempotent-Replay")).toBe("true");
    expect(await json(second)).toEqual(await json(first));
    expect(await json(await call("/api/v1/progress", { token: p.accessToken }))).toMatchObject({ xp: 10, coins: 5 });
  });

  it("refuses a habit with an invalid schedule or difficulty, and prices or XP sent by the client", async () => {
    const r = await register();
    const bad = await call("/api/v1/habits", {
      token: r.accessToken,
      body: { name: "x", difficulty: "legendary", schedule: { type: "daily", perDay: 0 } },
    });
    expect(bad.status).toBe(400);
    const p = await patientWithHabit();
    const forged = await complete(p.accessToken, p.habitId, { xp: 1000 });
    expect(forged.status).toBe(400);
    expect((await errorOf(forged)).fields?.[0]?.path).toBe("xp");
  });

  it("is for patients: staff get 403", async () => {
    const { createUserAndLogin } = await import("./helpers");
    const staff = await createUserAndLogin("clinician");
    expect((await call("/api/v1/habits", { token: staff.accessToken })).status).toBe(403);
  });
});
