import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, errorOf, isoIn, json, register } from "./helpers";

type Mood = {
  id: string;
  at: string;
  localDay: string;
  mood: number;
  sleepQuality: number;
  sleepHours: number | null;
  note: string | null;
  tags: string[];
};
type Safety = {
  flagRaised: boolean;
  source: string;
  showCrisisResources: boolean;
  resources: { name: string; contact: string; kind: string }[];
};
type MoodAnswer = { mood: Mood; progress: { xp: number; coins: number; delta: { xp: number; coins: number } } };
type Page = { items: Mood[]; cursor: string | null; hasMore: boolean };
type AssessmentAnswer = {
  assessment: { id: string; instrument: string; score: number; severity: string; at: string };
  safety?: Safety;
};

const HOUR = 3_600_000;
const SECTIONS = ["warningSigns", "copingSteps", "peopleAndPlaces", "professionals", "safeEnvironment"] as const;

function logMood(token: string, body: Record<string, unknown>) {
  return call("/api/v1/moods", { token, body: { mood: 6, sleepQuality: 5, ...body } });
}

async function listMoods(token: string, query = ""): Promise<Page> {
  const res = await call(`/api/v1/moods${query}`, { token });
  expect(res.status).toBe(200);
  return json<Page>(res);
}

function assess(token: string, instrument: "PHQ-9" | "GAD-7", answers: number[]) {
  return call("/api/v1/assessments", { token, body: { instrument, answers } });
}

function flagsOf(userId: string) {
  return env.DB.prepare("SELECT source, ref_id FROM risk_flags WHERE user_id = ? ORDER BY created_at")
    .bind(userId)
    .all<{ source: string; ref_id: string }>();
}

async function expectFieldError(res: Response, path: string) {
  expect(res.status).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe("VALIDATION_FAILED");
  expect(error.fields?.map((f) => f.path)).toContain(path);
}

describe("moods: logging", () => {
  it("logs a mood with sleep, note and tags, and answers 201 with the mood", async () => {
    const r = await register();
    const at = isoIn(-HOUR);
    const res = await logMood(r.accessToken, {
      mood: 7,
      sleepQuality: 6,
      sleepHours: 7.5,
      note: "A walk helped.",
      tags: ["walk", "sun"],
      at,
    });
    expect(res.status).toBe(201);
    const { mood } = await json<MoodAnswer>(res);
    expect(mood).toMatchObject({
      mood: 7,
      sleepQuality: 6,
      sleepHours: 7.5,
      note: "A walk helped.",
      tags: ["walk", "sun"],
      at,
    });
    expect(mood.localDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await listMoods(r.accessToken)).items).toEqual([mood]);
  });

  it("the first mood of the local day earns 5 XP and 5 coins; a second that day earns nothing", async () => {
    const r = await register();
    const first = await json<MoodAnswer>(await logMood(r.accessToken, {}));
    expect(first.progress).toMatchObject({ xp: 5, coins: 5, delta: { xp: 5, coins: 5 } });
    const second = await logMood(r.accessToken, { mood: 8 });
    expect(second.status).toBe(201);
    expect((await json<MoodAnswer>(second)).progress).toMatchObject({ xp: 5, coins: 5, delta: { xp: 0, coins: 0 } });
    expect(await json(await call("/api/v1/progress", { token: r.accessToken }))).toMatchObject({ xp: 5, coins: 5 });
    const ledger = await env.DB.prepare("SELECT source, xp, coins FROM rewards WHERE user_id = ?")
      .bind(r.user.id)
      .all();
    expect(ledger.results).toEqual([{ source: "mood", xp: 5, coins: 5 }]);
  });

  it("refuses a mood outside 1–10 or not whole, with 400 VALIDATION_FAILED at the field", async () => {
    const r = await register();
    for (const mood of [0, 11, 5.5, "5"]) {
      await expectFieldError(await logMood(r.accessToken, { mood }), "mood");
    }
    expect((await listMoods(r.accessToken)).items).toEqual([]);
  });

  it("refuses sleep quality outside 0–10 and sleep hours over 24", async () => {
    const r = await register();
    for (const sleepQuality of [-1, 11]) {
      await expectFieldError(await logMood(r.accessToken, { sleepQuality }), "sleepQuality");
    }
    await expectFieldError(await logMood(r.accessToken, { sleepHours: 25 }), "sleepHours");
    await expectFieldError(await logMood(r.accessToken, { sleepHours: -1 }), "sleepHours");
    expect((await logMood(r.accessToken, { sleepQuality: 0, sleepHours: 24 })).status).toBe(201);
    expect((await logMood(r.accessToken, { sleepQuality: 10, sleepHours: 0 })).status).toBe(201);
  });

  it("accepts a note of 2,000 characters and refuses one of 2,001", async () => {
    const r = await register();
    await expectFieldError(await logMood(r.accessToken, { note: "a".repeat(2001) }), "note");
    expect((await logMood(r.accessToken, { note: "a".repeat(2000) })).status).toBe(201);
  });

  it("refuses XP or coins sent by the client", async () => {
    const r = await register();
    await expectFieldError(await logMood(r.accessToken, { xp: 500 }), "xp");
    expect((await listMoods(r.accessToken)).items).toEqual([]);
  });
});

describe("moods: low mood safety", () => {
  it("a mood of 3 or less shows crisis resources at once and raises a low_mood flag", async () => {
    const r = await register();
    for (const mood of [3, 1]) {
      const res = await logMood(r.accessToken, { mood });
      expect(res.status).toBe(201);
      const body = await json<MoodAnswer & { safety?: Safety }>(res);
      expect(body.safety).toMatchObject({ flagRaised: true, showCrisisResources: true, source: "low_mood" });
      expect(body.safety?.resources).toContainEqual(
        expect.objectContaining({ name: "Samaritans", contact: "116 123" }),
      );
    }
    const flags = await flagsOf(r.user.id);
    expect(flags.results.map((f) => f.source)).toEqual(["low_mood", "low_mood"]);
    const moods = await listMoods(r.accessToken);
    expect(flags.results.map((f) => f.ref_id).sort()).toEqual(moods.items.map((m) => m.id).sort());
  });

  it("a mood of 4 carries no safety answer and raises no flag", async () => {
    const r = await register();
    const body = await json<MoodAnswer & { safety?: Safety }>(await logMood(r.accessToken, { mood: 4 }));
    expect(body).not.toHaveProperty("safety");
    expect((await flagsOf(r.user.id)).results).toEqual([]);
  });
});

describe("moods: listing", () => {
  it("lists newest first and filters by from (inclusive) and to (exclusive)", async () => {
    const r = await register();
    const times = [-5, -4, -3, -2, -1].map((h) => isoIn(h * HOUR));
    for (const [i, at] of times.entries()) {
      expect((await logMood(r.accessToken, { mood: i + 4, at })).status).toBe(201);
    }
    const all = await listMoods(r.accessToken);
    expect(all.items.map((m) => m.at)).toEqual([...times].reverse());
    expect(all.hasMore).toBe(false);
    const from = encodeURIComponent(times[1] ?? "");
    const to = encodeURIComponent(times[3] ?? "");
    const window = await listMoods(r.accessToken, `?from=${from}&to=${to}`);
    expect(window.items.map((m) => m.at)).toEqual([times[2], times[1]]);
  });

  it("pages with limit=2 through every mood without gaps or repeats; a forged cursor is 400 INVALID_CURSOR", async () => {
    const r = await register();
    const at = isoIn(-HOUR);
    // Two moods at the same instant, so the page boundary must break ties by id.
    for (const when of [isoIn(-3 * HOUR), at, at, isoIn(-2 * HOUR), isoIn(-30 * 60_000)]) {
      expect((await logMood(r.accessToken, { at: when })).status).toBe(201);
    }
    const all = (await listMoods(r.accessToken)).items.map((m) => m.id);
    expect(all).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await listMoods(
        r.accessToken,
        `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.id));
      expect(page.hasMore).toBe(page.cursor !== null);
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    for (const forged of ["not-a-cursor", btoa(JSON.stringify({ v: 2, at: 1, id: "x" })), "eyJ2IjoxfQ"]) {
      const res = await call(`/api/v1/moods?cursor=${encodeURIComponent(forged)}`, { token: r.accessToken });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("INVALID_CURSOR");
    }
  });

  it("another patient never sees my moods", async () => {
    const mine = await register();
    const theirs = await register();
    expect((await logMood(mine.accessToken, { note: "private" })).status).toBe(201);
    expect((await listMoods(theirs.accessToken)).items).toEqual([]);
    expect((await listMoods(mine.accessToken)).items).toHaveLength(1);
  });

  it("replays the same opId with the first answer, marked Idempotent-Replay, and stores one mood", async () => {
    const r = await register();
    const opId = crypto.randomUUID();
    const first = await logMood(r.accessToken, { opId, mood: 2 });
    expect(first.status).toBe(201);
    const second = await logMood(r.accessToken, { opId, mood: 2 });
    expect(second.status).toBe(201);
    expect(second.headers.get("Idempotent-Replay")).toBe("true");
    expect(first.headers.get("Idempotent-Replay")).toBeNull();
    expect(await json(second)).toEqual(await json(first));
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM moods WHERE user_id = ?").bind(r.user.id).first();
    expect(rows?.n).toBe(1);
    expect((await flagsOf(r.user.id)).results).toHaveLength(1);
    expect(await json(await call("/api/v1/progress", { token: r.accessToken }))).toMatchObject({ xp: 5, coins: 5 });
  });
});

describe("assessments", () => {
  it("scores PHQ-9 [1,1,1,1,1,1,1,1,0] as 8, mild, with no safety answer and no flag", async () => {
    const r = await register();
    const res = await assess(r.accessToken, "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(res.status).toBe(201);
    const body = await json<AssessmentAnswer>(res);
    expect(body.assessment).toMatchObject({ instrument: "PHQ-9", score: 8, severity: "mild" });
    expect(body).not.toHaveProperty("safety");
    expect((await flagsOf(r.user.id)).results).toEqual([]);
  });

  it("PHQ-9 item 9 at 1 or more shows crisis resources and raises a phq9_item9 flag", async () => {
    const r = await register();
    const res = await assess(r.accessToken, "PHQ-9", [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(res.status).toBe(201);
    const body = await json<AssessmentAnswer>(res);
    expect(body.assessment).toMatchObject({ score: 1, severity: "minimal" });
    expect(body.safety).toMatchObject({ flagRaised: true, showCrisisResources: true, source: "phq9_item9" });
    expect(body.safety?.resources).toContainEqual(expect.objectContaining({ contact: "116 123" }));
    expect((await flagsOf(r.user.id)).results).toEqual([{ source: "phq9_item9", ref_id: body.assessment.id }]);
  });

  it("scores GAD-7 with seven answers of 3 as 21, severe", async () => {
    const r = await register();
    const res = await assess(r.accessToken, "GAD-7", [3, 3, 3, 3, 3, 3, 3]);
    expect(res.status).toBe(201);
    const body = await json<AssessmentAnswer>(res);
    expect(body.assessment).toMatchObject({ instrument: "GAD-7", score: 21, severity: "severe" });
    expect(body).not.toHaveProperty("safety");
  });

  it("refuses the wrong number of answers with 422 ASSESSMENT_INVALID and an answer of 4 with 400", async () => {
    const r = await register();
    const short = await assess(r.accessToken, "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1]);
    expect(short.status).toBe(422);
    expect((await errorOf(short)).code).toBe("ASSESSMENT_INVALID");
    const long = await assess(r.accessToken, "GAD-7", [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect((await errorOf(long)).code).toBe("ASSESSMENT_INVALID");
    await expectFieldError(await assess(r.accessToken, "PHQ-9", [0, 0, 0, 0, 4, 0, 0, 0, 0]), "answers.4");
    const list = await json<{ items: unknown[] }>(await call("/api/v1/assessments", { token: r.accessToken }));
    expect(list.items).toEqual([]);
  });

  it("allows two of each questionnaire in 14 days: a third PHQ-9 is 409, a GAD-7 still goes", async () => {
    const r = await register();
    const answers = [0, 1, 0, 1, 0, 1, 0, 1, 0];
    expect((await assess(r.accessToken, "PHQ-9", answers)).status).toBe(201);
    expect((await assess(r.accessToken, "PHQ-9", answers)).status).toBe(201);
    const third = await assess(r.accessToken, "PHQ-9", answers);
    expect(third.status).toBe(409);
    expect((await errorOf(third)).code).toBe("ASSESSMENT_LIMIT_REACHED");
    expect((await assess(r.accessToken, "GAD-7", [0, 0, 0, 0, 0, 0, 0])).status).toBe(201);
    const audit = await env.DB.prepare(
      "SELECT error_code FROM audit_events WHERE user_id = ? AND action = 'command.assessment.submit'",
    )
      .bind(r.user.id)
      .all();
    expect(audit.results).toEqual([{ error_code: "ASSESSMENT_LIMIT_REACHED" }]);
  });

  it("counts later questionnaires too: an offline PHQ-9 replayed from before two newer ones is refused", async () => {
    const r = await register();
    const answers = [1, 0, 1, 0, 1, 0, 1, 0, 0];
    const at = (ms: number) => ({ instrument: "PHQ-9", answers, at: isoIn(ms) });
    expect((await call("/api/v1/assessments", { token: r.accessToken, body: at(-HOUR) })).status).toBe(201);
    expect((await call("/api/v1/assessments", { token: r.accessToken, body: at(-60_000) })).status).toBe(201);
    const replayed = await call("/api/v1/assessments", { token: r.accessToken, body: at(-48 * HOUR) });
    expect(replayed.status).toBe(409);
    expect((await errorOf(replayed)).code).toBe("ASSESSMENT_LIMIT_REACHED");
  });

  it("questionnaires older than 14 days no longer count towards the limit", async () => {
    const r = await register();
    for (const daysAgo of [15, 14.5]) {
      const at = Date.now() - daysAgo * 24 * HOUR;
      await env.DB.prepare(
        "INSERT INTO assessments (user_id, id, instrument, answers, score, severity, at, created_at) VALUES (?, ?, 'PHQ-9', '[0,0,0,0,0,0,0,0,0]', 0, 'minimal', ?, ?)",
      )
        .bind(r.user.id, crypto.randomUUID(), at, at)
        .run();
    }
    const answers = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect((await assess(r.accessToken, "PHQ-9", answers)).status).toBe(201);
    expect((await assess(r.accessToken, "PHQ-9", answers)).status).toBe(201);
    expect((await assess(r.accessToken, "PHQ-9", answers)).status).toBe(409);
  });

  it("lists my questionnaires only, newest first", async () => {
    const mine = await register();
    const theirs = await register();
    expect((await assess(theirs.accessToken, "GAD-7", [1, 1, 1, 1, 1, 1, 1])).status).toBe(201);
    const phq = await json<AssessmentAnswer>(await assess(mine.accessToken, "PHQ-9", [1, 1, 1, 1, 1, 1, 1, 1, 0]));
    const list = await json<{ items: { id: string; instrument: string; answers: number[]; score: number }[] }>(
      await call("/api/v1/assessments", { token: mine.accessToken }),
    );
    expect(list.items).toEqual([
      expect.objectContaining({ id: phq.assessment.id, instrument: "PHQ-9", answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] }),
    ]);
  });
});

describe("safety plan", () => {
  it("starts as five empty sections", async () => {
    const r = await register();
    const res = await call("/api/v1/safety-plan", { token: r.accessToken });
    expect(res.status).toBe(200);
    const empty = Object.fromEntries(SECTIONS.map((s) => [s, []]));
    expect((await json<{ safetyPlan: unknown }>(res)).safetyPlan).toEqual({
      ...empty,
      // Issue 11, defect 8: items with ids and authors, recent changes and the version travel with the texts.
      entries: empty,
      changes: [],
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it("saves the five sections and reads them back with who changed it and when", async () => {
    const r = await register();
    const plan = {
      warningSigns: ["Not sleeping", "Skipping meals"],
      copingSteps: ["Breathing exercise"],
      peopleAndPlaces: ["Sam", "The library"],
      professionals: ["GP surgery"],
      safeEnvironment: ["Give the tablets to Sam"],
    };
    const put = await call("/api/v1/safety-plan", { method: "PUT", token: r.accessToken, body: plan });
    expect(put.status).toBe(200);
    expect((await json<{ safetyPlan: object }>(put)).safetyPlan).toMatchObject({ ...plan, updatedBy: r.user.id });
    const got = (
      await json<{ safetyPlan: Record<string, unknown> }>(await call("/api/v1/safety-plan", { token: r.accessToken }))
    ).safetyPlan;
    expect(got).toMatchObject({ ...plan, updatedBy: r.user.id });
    expect(Math.abs(Date.parse(String(got.updatedAt)) - Date.now())).toBeLessThan(60_000);
    const changed = { ...plan, copingSteps: ["Call Sam"] };
    expect((await call("/api/v1/safety-plan", { method: "PUT", token: r.accessToken, body: changed })).status).toBe(
      200,
    );
    expect(
      (await json<{ safetyPlan: object }>(await call("/api/v1/safety-plan", { token: r.accessToken }))).safetyPlan,
    ).toMatchObject({ copingSteps: ["Call Sam"] });
  });

  it("refuses an unknown section, or a missing one, with 400", async () => {
    const r = await register();
    const empty = Object.fromEntries(SECTIONS.map((s) => [s, []]));
    await expectFieldError(
      await call("/api/v1/safety-plan", { method: "PUT", token: r.accessToken, body: { ...empty, hobbies: ["x"] } }),
      "hobbies",
    );
    const { safeEnvironment: _dropped, ...missing } = empty;
    await expectFieldError(
      await call("/api/v1/safety-plan", { method: "PUT", token: r.accessToken, body: missing }),
      "safeEnvironment",
    );
  });

  it("is mine only: another patient gets their own empty plan", async () => {
    const mine = await register();
    const theirs = await register();
    const plan = Object.fromEntries(SECTIONS.map((s) => [s, [`my ${s}`]]));
    expect((await call("/api/v1/safety-plan", { method: "PUT", token: mine.accessToken, body: plan })).status).toBe(
      200,
    );
    const theirPlan = (
      await json<{ safetyPlan: Record<string, unknown> }>(
        await call("/api/v1/safety-plan", { token: theirs.accessToken }),
      )
    ).safetyPlan;
    expect(theirPlan).toMatchObject({ ...Object.fromEntries(SECTIONS.map((s) => [s, []])), updatedBy: null });
  });
});

describe("ids and keys chosen by the client", () => {
  it("refuses an assessment id already used by the other instrument with 409 ID_CONFLICT, not a 500", async () => {
    const r = await register();
    const id = crypto.randomUUID();
    const gad = await call("/api/v1/assessments", {
      token: r.accessToken,
      body: { id, instrument: "GAD-7", answers: [0, 0, 0, 0, 0, 0, 0] },
    });
    expect(gad.status).toBe(201);
    const phq = await call("/api/v1/assessments", {
      token: r.accessToken,
      body: { id, instrument: "PHQ-9", answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
    });
    expect(phq.status).toBe(409);
    expect((await errorOf(phq)).code).toBe("ID_CONFLICT");
  });

  it("refuses an opId reused for a different action instead of replaying the first answer", async () => {
    const r = await register();
    const opId = crypto.randomUUID();
    const mood = await call("/api/v1/moods", { token: r.accessToken, body: { opId, mood: 6, sleepQuality: 6 } });
    expect(mood.status).toBe(201);
    const other = await call("/api/v1/safety-plan", {
      method: "PUT",
      token: r.accessToken,
      body: { opId, warningSigns: [], copingSteps: [], peopleAndPlaces: [], professionals: [], safeEnvironment: [] },
    });
    expect(other.status).toBe(409);
    expect((await errorOf(other)).code).toBe("ID_CONFLICT");
    const plan = await json<{ safetyPlan: { updatedAt: string | null } }>(
      await call("/api/v1/safety-plan", { token: r.accessToken }),
    );
    expect(plan.safetyPlan.updatedAt).toBeNull();
  });
});
