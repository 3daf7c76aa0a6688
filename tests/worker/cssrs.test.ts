/**
 * The C-SSRS screener as a questionnaire (issue 12, item 4: the "cssrs" flag source): scored on
 * the server with the shared triage, stored with the other questionnaires (migration 0010), and
 * raising a risk flag with its level and category in the same batch, with the crisis resources
 * in the answer; never held to the 14-day limit; shown in the staff timeline, the JSON export,
 * and left out of the FHIR export's questionnaire totals.
 */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { base64url, compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CssrsAnswers } from "../../shared/domain/cssrs";
import type { FhirBundle, FhirObservation } from "../../shared/fhir/bundle";
import { RATE_LIMITS } from "../../shared/limits";
import type { SyncResult } from "../../shared/schemas/sync";
import type { AppEnv } from "../../worker/app-env";
import { FHIR_SIGNATURE_HEADER, fhirResponse } from "../../worker/fhir/patient-bundle";
import { handleError } from "../../worker/lib/errors";
import { fhirRoutes } from "../../worker/routes/fhir";
import { assign, call, createUserAndLogin, errorOf, isoIn, json, register } from "./helpers";

type Safety = {
  flagRaised: boolean;
  flag: { id: string; source: string; level: string; category: string | null };
  source: string;
  showCrisisResources: boolean;
  resources: { name: string; contact: string; kind: string }[];
};
type ScreenerAnswer = {
  assessment: {
    id: string;
    instrument: string;
    answers: CssrsAnswers;
    level: string | null;
    category: string | null;
    at: string;
  };
  safety?: Safety;
};

const NO: CssrsAnswers = { wishToBeDead: false, suicidalThoughts: false, behaviour: false };
const THOUGHTS = { suicidalThoughts: true, method: false, intent: false, plan: false } as const;

function screen(token: string, answers: unknown, extra: Record<string, unknown> = {}) {
  return call("/api/v1/assessments", { token, body: { instrument: "C-SSRS", answers, ...extra } });
}

async function flagRows(userId: string) {
  const { results } = await env.DB.prepare(
    "SELECT id, source, level, category, ref_id AS refId FROM risk_flags WHERE user_id = ? ORDER BY created_at",
  )
    .bind(userId)
    .all<{ id: string; source: string; level: string; category: string | null; refId: string }>();
  return results;
}

async function assessmentRows(userId: string) {
  const { results } = await env.DB.prepare(
    "SELECT id, instrument, answers, score, severity, risk_level AS level, risk_category AS category FROM assessments WHERE user_id = ?",
  )
    .bind(userId)
    .all<Record<string, unknown>>();
  return results;
}

describe("the C-SSRS screener: each triage stores its flag and answers with the crisis resources", () => {
  it.each([
    ["a wish to be dead", "medium", "wish-to-be-dead", { ...NO, wishToBeDead: true }],
    ["suicidal thoughts alone", "medium", "suicidal-thoughts", { ...NO, ...THOUGHTS }],
    ["a method thought of", "medium", "method", { ...NO, ...THOUGHTS, method: true }],
    ["intent to act", "high", "intent", { ...NO, ...THOUGHTS, intent: true }],
    ["a plan with intent", "high", "plan", { ...NO, ...THOUGHTS, method: true, intent: true, plan: true }],
    ["behaviour within 3 months", "high", "behaviour", { ...NO, behaviour: true, behaviourWithin3Months: true }],
    ["behaviour longer ago", "medium", "behaviour", { ...NO, behaviour: true, behaviourWithin3Months: false }],
  ] as const)("%s: a %s flag with category %s, source cssrs", async (_, level, category, answers) => {
    const p = await register();
    const res = await screen(p.accessToken, answers);
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await json<ScreenerAnswer>(res);
    expect(body.assessment).toMatchObject({ instrument: "C-SSRS", answers, level, category });
    expect(body.assessment).not.toHaveProperty("score");
    expect(body.safety).toMatchObject({
      flagRaised: true,
      showCrisisResources: true,
      source: "cssrs",
      flag: { source: "cssrs", level, category },
    });
    expect(body.safety?.resources).toContainEqual(expect.objectContaining({ contact: "116 123" }));
    expect(await flagRows(p.user.id)).toEqual([
      { id: body.safety?.flag.id, source: "cssrs", level, category, refId: body.assessment.id },
    ]);
    const stored = (await assessmentRows(p.user.id)).map((r) => ({ ...r, answers: JSON.parse(String(r.answers)) }));
    expect(stored).toEqual([
      {
        id: body.assessment.id,
        instrument: "C-SSRS",
        answers,
        score: null,
        severity: null,
        level,
        category,
      },
    ]);
  });

  it("all no: stored with no triage, no safety answer and no flag", async () => {
    const p = await register();
    const res = await screen(p.accessToken, NO);
    expect(res.status).toBe(201);
    const body = await json<ScreenerAnswer>(res);
    expect(body.assessment).toMatchObject({ instrument: "C-SSRS", level: null, category: null });
    expect(body).not.toHaveProperty("safety");
    expect(await flagRows(p.user.id)).toEqual([]);
    expect(await assessmentRows(p.user.id)).toHaveLength(1);
  });

  it("lists it with the other questionnaires, newest first, and in the JSON export", async () => {
    const p = await register();
    await call("/api/v1/assessments", {
      token: p.accessToken,
      body: { instrument: "GAD-7", answers: [1, 1, 1, 1, 1, 1, 1], at: isoIn(-60_000) },
    });
    await screen(p.accessToken, { ...NO, wishToBeDead: true });
    const list = await json<{ items: { instrument: string; level?: string; score?: number }[] }>(
      await call("/api/v1/assessments", { token: p.accessToken }),
    );
    expect(list.items).toEqual([
      expect.objectContaining({ instrument: "C-SSRS", level: "medium", category: "wish-to-be-dead" }),
      expect.objectContaining({ instrument: "GAD-7", score: 7, severity: "mild" }),
    ]);
    const exported = await json<{ assessments: { instrument: string }[] }>(
      await call("/api/v1/me/export", { token: p.accessToken }),
    );
    expect(exported.assessments.map((a) => a.instrument)).toEqual(["GAD-7", "C-SSRS"]);
    expect(exported.assessments[1]).toMatchObject({ answers: { ...NO, wishToBeDead: true }, level: "medium" });
  });
});

describe("the C-SSRS screener: malformed answers", () => {
  it.each([
    ["Q3 yes after a no to Q2", "answers.method", { ...NO, method: true }],
    ["Q5 yes after a no to Q2", "answers.plan", { ...NO, plan: true }],
    ["Q4 missing after a yes to Q2", "answers.intent", { ...NO, suicidalThoughts: true, method: false, plan: false }],
    [
      "the 3-month question after a no to Q6",
      "answers.behaviourWithin3Months",
      { ...NO, behaviourWithin3Months: true },
    ],
    ["the 3-month question missing after a yes to Q6", "answers.behaviourWithin3Months", { ...NO, behaviour: true }],
    ["Q6 missing", "answers.behaviour", { wishToBeDead: true, suicidalThoughts: false }],
    ["an answer that is not yes or no", "answers.wishToBeDead", { ...NO, wishToBeDead: 1 }],
    ["an item the screener does not have", "answers.hopeless", { ...NO, hopeless: true }],
    ["PHQ-style answers", "answers", [0, 0, 0, 0, 0, 0]],
  ])("%s: 400 VALIDATION_FAILED at %s, nothing stored", async (_, path, answers) => {
    const p = await register();
    const res = await screen(p.accessToken, answers);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.any(String) });
    expect(error.fields?.map((f) => f.path)).toContain(path);
    expect(await assessmentRows(p.user.id)).toEqual([]);
    expect(await flagRows(p.user.id)).toEqual([]);
  });

  it("refuses a score or severity sent with it, and yes/no answers sent as PHQ-9", async () => {
    const p = await register();
    const scored = await screen(p.accessToken, NO, { score: 0 });
    expect(scored.status).toBe(400);
    expect((await errorOf(scored)).fields?.map((f) => f.path)).toContain("score");
    const asPhq = await call("/api/v1/assessments", {
      token: p.accessToken,
      body: { instrument: "PHQ-9", answers: NO },
    });
    expect(asPhq.status).toBe(400);
    expect(await assessmentRows(p.user.id)).toEqual([]);
  });

  it("through sync, a malformed screener is rejected and stores nothing", async () => {
    const p = await register();
    const res = await call("/api/v1/sync/push", {
      token: p.accessToken,
      body: {
        clientId: "phone",
        operations: [
          {
            opId: crypto.randomUUID(),
            type: "assessment.submit",
            at: isoIn(-1000),
            payload: { instrument: "C-SSRS", answers: { ...NO, plan: true } },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const { results } = await json<{ results: SyncResult[] }>(res);
    expect(results[0]).toMatchObject({ status: "rejected", error: { code: "VALIDATION_FAILED" } });
    expect(await assessmentRows(p.user.id)).toEqual([]);
    expect(await flagRows(p.user.id)).toEqual([]);
  });
});

describe("the C-SSRS screener: limits and replays", () => {
  it("is never held to the two-per-14-days limit: five in a row are all stored, each with its flag", async () => {
    const p = await register();
    for (let i = 0; i < 5; i++) {
      const res = await screen(p.accessToken, { ...NO, wishToBeDead: true }, { at: isoIn(-(5 - i) * 60_000) });
      expect(res.status, `screener ${i + 1}`).toBe(201);
    }
    expect(await assessmentRows(p.user.id)).toHaveLength(5);
    expect(await flagRows(p.user.id)).toHaveLength(5);
    // …and it does not count towards the PHQ-9's limit either.
    for (let i = 0; i < 2; i++) {
      const phq = await call("/api/v1/assessments", {
        token: p.accessToken,
        body: { instrument: "PHQ-9", answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
      });
      expect(phq.status).toBe(201);
    }
  });

  it("replayed by opId (REST, then sync) answers the first answer and raises one flag", async () => {
    const p = await register();
    const opId = crypto.randomUUID();
    const answers = { ...NO, behaviour: true, behaviourWithin3Months: true };
    const first = await screen(p.accessToken, answers, { opId });
    expect(first.status).toBe(201);
    const firstBody = await json<ScreenerAnswer>(first);
    const again = await screen(p.accessToken, answers, { opId });
    expect(again.headers.get("Idempotent-Replay")).toBe("true");
    expect(await json<ScreenerAnswer>(again)).toEqual(firstBody);
    const push = await call("/api/v1/sync/push", {
      token: p.accessToken,
      body: {
        clientId: "phone",
        operations: [{ opId, type: "assessment.submit", at: isoIn(-1000), payload: { instrument: "C-SSRS", answers } }],
      },
    });
    const { results } = await json<{ results: SyncResult[] }>(push);
    expect(results[0]).toMatchObject({ status: "duplicate" });
    expect(await flagRows(p.user.id)).toEqual([expect.objectContaining({ source: "cssrs", level: "high" })]);
    expect(await assessmentRows(p.user.id)).toHaveLength(1);
  });

  it("refuses an id already used by a PHQ-9 with 409 ID_CONFLICT, raising nothing", async () => {
    const p = await register();
    const id = crypto.randomUUID();
    await call("/api/v1/assessments", {
      token: p.accessToken,
      body: { id, instrument: "PHQ-9", answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
    });
    const res = await screen(p.accessToken, { ...NO, wishToBeDead: true }, { id });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("ID_CONFLICT");
    expect(await flagRows(p.user.id)).toEqual([]);
  });
});

describe("the C-SSRS screener and the sync push rate limit", () => {
  // Frozen at the start of a minute, as risk-flags.test.ts does, so the window cannot turn over mid-burst.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const push = (token: string, operations: unknown[]) =>
    call("/api/v1/sync/push", { token, body: { clientId: "phone", operations } });
  const op = (payload: Record<string, unknown>) => ({
    opId: crypto.randomUUID(),
    type: "assessment.submit",
    at: isoIn(-1000),
    payload,
  });

  it("runs a screener pushed after the limit is reached, with its flag; a PHQ-9 in the same push waits", async () => {
    const p = await register();
    for (let i = 0; i < RATE_LIMITS.syncPushPerUser.limit; i++) await push(p.accessToken, []);
    const phq = op({ instrument: "PHQ-9", answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
    const screener = op({ instrument: "C-SSRS", answers: { ...NO, ...THOUGHTS, plan: true } });
    const res = await push(p.accessToken, [phq, screener]);
    expect(res.status).toBe(200);
    const { results } = await json<{ results: SyncResult[] }>(res);
    expect(results.map((r) => r.status)).toEqual(["failed", "applied"]);
    expect(results[0]).toMatchObject({ opId: phq.opId, error: { code: "RATE_LIMITED" } });
    expect(await flagRows(p.user.id)).toEqual([
      expect.objectContaining({ source: "cssrs", level: "high", category: "plan" }),
    ]);
    // A malformed screener does not carry a push past the limit.
    const bad = await push(p.accessToken, [op({ instrument: "C-SSRS", answers: { ...NO, plan: true } })]);
    expect(bad.status).toBe(429);
  });
});

describe("the C-SSRS screener where staff and exports read assessments", () => {
  it("shows in the clinician's timeline with its triage, beside the cssrs flag it raised", async () => {
    const p = await register();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, p.user.id);
    await call("/api/v1/assessments", {
      token: p.accessToken,
      body: { instrument: "PHQ-9", answers: [1, 1, 1, 1, 1, 1, 1, 1, 0], at: isoIn(-3_600_000) },
    });
    const body = await json<ScreenerAnswer>(
      await screen(p.accessToken, { ...NO, ...THOUGHTS, method: true, intent: true }),
    );
    const res = await call(`/api/v1/staff/patients/${p.user.id}`, { token: clinician.accessToken });
    expect(res.status).toBe(200);
    const { timeline } = await json<{ timeline: { items: Record<string, unknown>[] } }>(res);
    expect(timeline.items).toContainEqual(
      expect.objectContaining({
        kind: "assessment",
        id: body.assessment.id,
        instrument: "C-SSRS",
        level: "high",
        category: "intent",
      }),
    );
    expect(timeline.items).toContainEqual(
      expect.objectContaining({ kind: "assessment", instrument: "PHQ-9", score: 8, severity: "mild" }),
    );
    expect(timeline.items).toContainEqual(
      expect.objectContaining({ kind: "riskFlag", source: "cssrs", level: "high", category: "intent" }),
    );
    const screener = timeline.items.find((i) => i.instrument === "C-SSRS");
    expect(screener).not.toHaveProperty("score");
  });

  it("leaves the screener out of the signed FHIR export, which still verifies and holds the PHQ-9 total", async () => {
    const p = await register();
    await call("/api/v1/assessments", {
      token: p.accessToken,
      body: { instrument: "PHQ-9", answers: [1, 2, 1, 1, 0, 1, 2, 1, 0], at: isoIn(-60_000) },
    });
    const screened = await screen(p.accessToken, { ...NO, behaviour: true, behaviourWithin3Months: true });
    const screenerId = (await json<ScreenerAnswer>(screened)).assessment.id;
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set("requestId", crypto.randomUUID());
        c.set("ipHash", "test");
        await next();
      })
      .route("/api/v1/fhir", fhirRoutes)
      .get("/own-export/:id", (c) => fhirResponse(c, c.req.param("id"), null));
    app.onError(handleError);
    const res = await app.request(`http://localhost/own-export/${p.user.id}`, {}, env);
    expect(res.status).toBe(200);
    const body = new Uint8Array(await res.arrayBuffer());
    const jwks = (await (await app.request("http://localhost/api/v1/fhir/jwks.json", {}, env)).json()) as JSONWebKeySet;
    const signature = res.headers.get(FHIR_SIGNATURE_HEADER) ?? "";
    await expect(
      compactVerify(signature.replace("..", `.${base64url.encode(body)}.`), createLocalJWKSet(jwks), {
        algorithms: ["ES256"],
      }),
    ).resolves.toBeDefined();
    const text = new TextDecoder().decode(body);
    expect(text).not.toContain(screenerId);
    const bundle = JSON.parse(text) as FhirBundle;
    const observations = bundle.entry
      .map((e) => e.resource)
      .filter((r): r is FhirObservation => r.resourceType === "Observation");
    expect(observations.map((o) => [o.code.coding?.[0]?.code, o.valueInteger])).toEqual([["44261-6", 9]]);
    expect(bundle.entry.at(-1)?.resource).toMatchObject({ resourceType: "Provenance" });
  });
});

describe("migration 0010: the assessments table holds both kinds cleanly", () => {
  it("refuses a PHQ-9 row without a total and a screener row with one", async () => {
    const p = await register();
    const insert = (instrument: string, score: number | null, severity: string | null) =>
      env.DB.prepare(
        "INSERT INTO assessments (user_id, id, instrument, answers, score, severity, at, created_at) VALUES (?, ?, ?, '[]', ?, ?, 0, 0)",
      )
        .bind(p.user.id, crypto.randomUUID(), instrument, score, severity)
        .run();
    await expect(insert("PHQ-9", null, null)).rejects.toThrow(/CHECK/);
    await expect(insert("C-SSRS", 3, "mild")).rejects.toThrow(/CHECK/);
    await expect(insert("PHQ-9", 0, "minimal")).resolves.toBeDefined();
  });
});
