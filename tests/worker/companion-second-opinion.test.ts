/**
 * The safety second opinion (issue 12, item 3): with a model configured and the patient's
 * consent, a classification call with a fixed prompt runs beside the reply, against the real
 * OpenAI-compatible fake server (tests/worker/setup/fake-openai.ts). It can only raise the rule
 * check's level, never lower it or delay the rule's answer; when it fails or is slow, the reply
 * goes on as if it were not there.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { CRISIS_RESOURCES } from "../../shared/domain/risk";
import { CLASSIFIER_PROMPT } from "../../worker/companion/second-opinion";
import {
  chat,
  consentingPatient,
  deltaText,
  doneOf,
  fakeProvider,
  HIGH_RISK_TEXT,
  providerRequests,
  readEvents,
  TEST_SAFETY_TIMEOUT_MS,
} from "./companion-helpers";
import { fastPatient, json } from "./helpers";
import { FAKE_REPLY_DELTAS } from "./setup/fake-openai-script";

/** The companion replying normally, its second opinion scripted by `label`. */
function withOpinion(opinion: string, reply = "normal") {
  const provider = fakeProvider(reply);
  const safetyTag = crypto.randomUUID();
  return {
    ...provider,
    safetyTag,
    env: { ...provider.env, COMPANION_SAFETY_MODEL: `${opinion}:${safetyTag}` } as Env,
  };
}

async function flagsOf(userId: string) {
  const { results } = await env.DB.prepare(
    "SELECT source, level, category, status FROM risk_flags WHERE user_id = ? ORDER BY created_at",
  )
    .bind(userId)
    .all<{ source: string; level: string; category: string | null; status: string }>();
  return results;
}

const ORDINARY = "Work was long today and I could not focus on anything.";

describe("the safety second opinion", () => {
  it("asks the classifier with the fixed prompt and the patient's recent turns, normalised", async () => {
    const p = await consentingPatient();
    const provider = withOpinion("label-none");
    const first = await readEvents(await chat(p.accessToken, { text: "Hello there" }, provider.env));
    const conversationId = doneOf(first).conversationId;
    // An invisible character inside a word reaches the classifier as the plain word.
    await readEvents(await chat(p.accessToken, { conversationId, text: `I feel so tir\u200Bed` }, provider.env));
    const { requests } = await providerRequests(provider.safetyTag, "classify");
    expect(requests).toHaveLength(2);
    const last = requests[1]?.body;
    expect(last?.stream).toBe(false);
    expect(last?.messages[0]).toEqual({ role: "system", content: CLASSIFIER_PROMPT });
    expect(last?.messages[1]?.content).toMatch(/Message 1: hello there\nMessage 2: i feel so tired/);
  });

  it("raises an ordinary message to high: the reply is replaced by the resources and a high flag names the category", async () => {
    const p = await consentingPatient("America/New_York");
    const provider = withOpinion("label-preparation", "slow");
    const events = await readEvents(await chat(p.accessToken, { text: ORDINARY }, provider.env));
    const replace = events.find((e) => e.event === "replace");
    expect(replace?.data.resources).toEqual(CRISIS_RESOURCES.US);
    expect(events.find((e) => e.event === "safety")?.data).toEqual({
      level: "high",
      resources: CRISIS_RESOURCES.US,
      flagged: true,
    });
    expect(events.at(-1)?.event).toBe("done");
    expect(await flagsOf(p.userId)).toEqual([
      { source: "companion", level: "high", category: "preparation", status: "open" },
    ]);
    // What is stored is the safe message, marked replaced, never the model's reply.
    const stored = await env.DB.prepare(
      "SELECT content, replaced FROM companion_messages WHERE user_id = ? AND role = 'assistant'",
    )
      .bind(p.userId)
      .first<{ content: string; replaced: number }>();
    expect(stored?.replaced).toBe(1);
    expect(stored?.content).not.toContain(FAKE_REPLY_DELTAS.join(""));
  });

  it("raises to medium: the reply goes on, the resources show beside it, and a medium flag is raised", async () => {
    const p = await consentingPatient();
    const provider = withOpinion("label-hopelessness");
    const events = await readEvents(await chat(p.accessToken, { text: ORDINARY }, provider.env));
    expect(deltaText(events)).toBe(FAKE_REPLY_DELTAS.join(""));
    const safety = events.find((e) => e.event === "safety");
    expect(safety?.data).toEqual({ level: "medium", resources: CRISIS_RESOURCES.GB, flagged: true });
    expect(events.findIndex((e) => e.event === "safety")).toBeLessThan(events.findIndex((e) => e.event === "done"));
    expect(await flagsOf(p.userId)).toEqual([
      { source: "companion", level: "medium", category: "hopelessness", status: "open" },
    ]);
  });

  it("never lowers the rule check: a high message gets the crisis answer with no model call of either kind", async () => {
    const p = await consentingPatient();
    const provider = withOpinion("label-none");
    const res = await chat(p.accessToken, { text: HIGH_RISK_TEXT }, provider.env);
    expect((await json<{ safety: { level: string } }>(res)).safety.level).toBe("high");
    expect((await providerRequests(provider.tag)).count).toBe(0);
    expect((await providerRequests(provider.safetyTag, "classify")).count).toBe(0);
  });

  it("adds nothing when it agrees with, or is below, the rule check's medium: one flag, no second", async () => {
    const p = await consentingPatient();
    const provider = withOpinion("label-wish-to-be-dead");
    const events = await readEvents(await chat(p.accessToken, { text: "i wish i was dead" }, provider.env));
    expect(events.some((e) => e.event === "safety")).toBe(false);
    expect(await flagsOf(p.userId)).toHaveLength(1);
  });

  for (const [why, opinion] of [
    ["says none", "label-none"],
    ["answers something that is not a label", "label-gibberish"],
    ["is down (503)", "down"],
  ] as const) {
    it(`changes nothing when the classifier ${why}`, async () => {
      const p = await consentingPatient();
      const provider = withOpinion(opinion);
      const events = await readEvents(await chat(p.accessToken, { text: ORDINARY }, provider.env));
      expect(deltaText(events)).toBe(FAKE_REPLY_DELTAS.join(""));
      expect(events.map((e) => e.event).filter((e) => e !== "delta")).toEqual(["done"]);
      expect(await flagsOf(p.userId)).toEqual([]);
    });
  }

  it("is given up at its deadline: a classifier that never answers delays only `done`, by no more than the deadline", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const p = await consentingPatient();
    const provider = withOpinion("hang");
    const started = Date.now();
    const events = await readEvents(await chat(p.accessToken, { text: ORDINARY }, provider.env));
    expect(deltaText(events)).toBe(FAKE_REPLY_DELTAS.join(""));
    expect(events.at(-1)?.event).toBe("done");
    expect(Date.now() - started).toBeLessThan(TEST_SAFETY_TIMEOUT_MS + 3_000);
    expect(await flagsOf(p.userId)).toEqual([]);
    const logged = warn.mock.calls.map((call) => String(call[0]));
    expect(logged.some((line) => line.includes("companion_second_opinion_failed") && line.includes("timeout"))).toBe(
      true,
    );
    expect(logged.join("\n")).not.toContain(ORDINARY);
    warn.mockRestore();
  });

  it("still counts when the companion itself is down: a high verdict answers with the crisis resources, not an error", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const p = await consentingPatient();
    const provider = withOpinion("label-plan", "down");
    const res = await chat(p.accessToken, { text: ORDINARY }, provider.env);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ safety: { level: "high", resources: CRISIS_RESOURCES.GB, flagged: true } });
    expect(await flagsOf(p.userId)).toEqual([{ source: "companion", level: "high", category: "plan", status: "open" }]);
    error.mockRestore();
  });

  it("is not asked without the patient's consent: consent gates every model, the rule check alone stands", async () => {
    const p = await fastPatient();
    const provider = withOpinion("label-plan");
    const res = await chat(p.accessToken, { text: ORDINARY }, provider.env);
    expect(res.status).toBe(403);
    expect((await providerRequests(provider.safetyTag, "classify")).count).toBe(0);
    expect(await flagsOf(p.userId)).toEqual([]);
  });
});
