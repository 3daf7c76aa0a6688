/**
 * Safety before the model: every message passes the crisis check first, whatever the consent or
 * provider state; at high risk the answer is crisis resources and a flag for the care team, with
 * no model call at all. The model's own output is checked and replaced when unsafe. And nothing
 * the patient writes reaches the logs or the audit trail.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CRISIS_RESOURCES } from "../../shared/domain/risk";
import type { PatientSummary } from "../../shared/schemas/staff";
import {
  chat,
  companionCall,
  consentingPatient,
  countRows,
  deltaText,
  doneOf,
  fakeProvider,
  HIGH_RISK_TEXT,
  providerRequests,
  readEvents,
} from "./companion-helpers";
import { assign, call, createUserAndLogin, errorOf, fastPatient, json } from "./helpers";
import { FAKE_UNSAFE_DELTAS } from "./setup/fake-openai-script";

async function auditRows(userId: string, action: string) {
  const { results } = await env.DB.prepare("SELECT * FROM audit_events WHERE user_id = ? AND action = ?")
    .bind(userId, action)
    .all<Record<string, unknown>>();
  return results;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the crisis check before the model", () => {
  it("answers a high-risk message with crisis resources and makes no model call at all", async () => {
    const p = await consentingPatient("America/New_York");
    const provider = fakeProvider("normal");
    const res = await chat(p.accessToken, { text: HIGH_RISK_TEXT }, provider.env);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await json(res)).toEqual({ safety: { level: "high", resources: CRISIS_RESOURCES.US, flagged: true } });
    expect((await providerRequests(provider.tag)).count).toBe(0);
    // Nothing of the message is stored.
    expect(await countRows("companion_conversations", p.userId)).toBe(0);
    expect(await countRows("companion_messages", p.userId)).toBe(0);
  });

  it("raises one risk flag for the assigned staff and audits companion.risk, without the text", async () => {
    const p = await consentingPatient();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, p.userId);
    await chat(p.accessToken, { text: HIGH_RISK_TEXT }, fakeProvider("normal").env);

    const flags = await env.DB.prepare("SELECT source, ref_id FROM risk_flags WHERE user_id = ?").bind(p.userId).all();
    expect(flags.results).toEqual([{ source: "companion", ref_id: null }]);
    const { items } = await json<{ items: PatientSummary[] }>(
      await call("/api/v1/staff/patients", { token: clinician.accessToken }),
    );
    expect(items.find((i) => i.id === p.userId)?.openFlags).toBe(1);
    const events = await auditRows(p.userId, "companion.risk");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", role: "patient" });
    expect(JSON.stringify(events)).not.toContain("kill");
  });

  it("gives resources and a flag even when the patient has not consented to the companion", async () => {
    const p = await fastPatient();
    const provider = fakeProvider("normal");
    const refused = await chat(p.accessToken, { text: "Can we talk?" }, provider.env);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("COMPANION_CONSENT_REQUIRED");

    const crisis = await chat(p.accessToken, { text: HIGH_RISK_TEXT }, provider.env);
    expect(crisis.status).toBe(200);
    expect(await json(crisis)).toMatchObject({ safety: { level: "high", resources: CRISIS_RESOURCES.GB } });
    expect(await countRows("risk_flags", p.userId)).toBe(1);
    expect((await providerRequests(provider.tag)).count).toBe(0);
  });

  it("gives resources and a flag even when no model is configured", async () => {
    const p = await consentingPatient("Europe/Dublin");
    const res = await chat(p.accessToken, { text: HIGH_RISK_TEXT });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ safety: { level: "high", resources: CRISIS_RESOURCES.IE } });
    expect(await countRows("risk_flags", p.userId)).toBe(1);
  });

  it("reads the patient's last turns together: a crisis split over two messages gets the crisis answer", async () => {
    const p = await consentingPatient();
    const provider = fakeProvider("normal");
    // Passive on its own (a medium flag, and the companion still answers)…
    const first = await readEvents(
      await chat(p.accessToken, { text: "nobody would notice if I was gone" }, provider.env),
    );
    const conversationId = doneOf(first).conversationId;
    // …and a timing with no words of risk in it: high only read with the turn before.
    const second = await chat(p.accessToken, { conversationId, text: "so this weekend then" }, provider.env);
    expect(second.status).toBe(200);
    expect(await json(second)).toMatchObject({ safety: { level: "high", flagged: true } });
    expect((await providerRequests(provider.tag)).count).toBe(1);
    const { results } = await env.DB.prepare("SELECT level, category FROM risk_flags WHERE user_id = ? ORDER BY level")
      .bind(p.userId)
      .all();
    expect(results).toEqual([
      { level: "high", category: "imminence" },
      { level: "medium", category: expect.any(String) },
    ]);
    // Another patient naming this conversation gets none of its history: the words alone pass
    // the check, and the conversation is not theirs (404).
    const other = await consentingPatient();
    const alone = await chat(other.accessToken, { conversationId, text: "so this weekend then" }, provider.env);
    expect(alone.status).toBe(404);
  });

  it("lets an ordinary message through to the model", async () => {
    const p = await consentingPatient();
    const provider = fakeProvider("normal");
    const res = await chat(p.accessToken, { text: "this exam is killing me" }, provider.env);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    await readEvents(res);
    expect((await providerRequests(provider.tag)).count).toBe(1);
    expect(await countRows("risk_flags", p.userId)).toBe(0);
  });

  it("flags a medium-risk message for the care team and still lets the companion answer", async () => {
    const p = await consentingPatient();
    const provider = fakeProvider("normal");
    const res = await chat(p.accessToken, { text: "everyone would be better off without me" }, provider.env);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    await readEvents(res);
    expect((await providerRequests(provider.tag)).count).toBe(1);
    expect(await countRows("risk_flags", p.userId)).toBe(1);
    expect(await auditRows(p.userId, "companion.risk")).toHaveLength(1);
  });
});

describe("the learned model beside the rules (shared/safety/crisis-check.ts)", () => {
  it("flags hopelessness the rules alone miss: a medium flag with no category, and the companion answers", async () => {
    const p = await consentingPatient();
    const provider = fakeProvider("normal");
    const res = await chat(p.accessToken, { text: "i have stopped seeing the point of waking up" }, provider.env);
    expect(res.status).toBe(200);
    await readEvents(res);
    expect((await providerRequests(provider.tag)).count).toBe(1);
    const flags = await env.DB.prepare("SELECT level, source, category FROM risk_flags WHERE user_id = ?")
      .bind(p.userId)
      .all<{ level: string; source: string; category: string | null }>();
    expect(flags.results).toEqual([{ level: "medium", source: "companion", category: null }]);
  });
});

describe("the check on the model's output", () => {
  it("stops an unsafe reply before its unsafe part is sent, replaces it, and stores the safe message", async () => {
    const p = await consentingPatient();
    const res = await chat(p.accessToken, { text: "I feel awful" }, fakeProvider("unsafe").env);
    expect(res.status).toBe(200);
    const events = await readEvents(res);
    // Everything up to the delta that completes the harmful phrase, and nothing of it.
    expect(deltaText(events)).toBe(FAKE_UNSAFE_DELTAS.slice(0, -1).join(""));
    const replace = events.find((e) => e.event === "replace");
    expect(replace?.data).toMatchObject({ resources: CRISIS_RESOURCES.GB });
    expect(replace?.data.text).toContain("Samaritans: 116 123");
    expect(events.map((e) => e.event).slice(-2)).toEqual(["replace", "done"]);

    const { messageId, conversationId } = doneOf(events);
    const stored = await json<{ items: { id: string; content: string; replaced: boolean }[] }>(
      await companionCall(`/conversations/${conversationId}`, { token: p.accessToken }),
    );
    expect(stored.items[0]).toEqual(
      expect.objectContaining({ id: messageId, content: replace?.data.text, replaced: true }),
    );
    expect(await auditRows(p.userId, "companion.reply_replaced")).toHaveLength(1);
  });
});

describe("nothing from chats goes into logs or audit rows", () => {
  it("keeps a sentinel phrase out of every console line, audit row, op record and change-log row", async () => {
    const SENTINEL = "purple-walrus-sentinel-7731";
    const logged: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      });
    }
    const p = await consentingPatient();
    // A streamed reply, a provider that is down, one that dies mid-stream, an unsafe reply, a crisis.
    await readEvents(await chat(p.accessToken, { text: `hello ${SENTINEL}` }, fakeProvider("normal").env));
    await chat(p.accessToken, { text: `are you there ${SENTINEL}` }, fakeProvider("down").env);
    await readEvents(await chat(p.accessToken, { text: `still there ${SENTINEL}` }, fakeProvider("stall").env));
    await readEvents(await chat(p.accessToken, { text: `tell me ${SENTINEL}` }, fakeProvider("unsafe").env));
    await chat(p.accessToken, { text: `${HIGH_RISK_TEXT} ${SENTINEL}` }, fakeProvider("normal").env);
    await chat(p.accessToken, { text: `${SENTINEL} `.repeat(2000) }, fakeProvider("normal").env);

    // The failures were logged (by kind), so the capture worked, and none of it holds the phrase.
    expect(logged.some((line) => line.includes("companion_provider_failed"))).toBe(true);
    expect(logged.filter((line) => line.includes(SENTINEL))).toEqual([]);
    for (const table of ["audit_events", "ops", "changes"]) {
      const { results } = await env.DB.prepare(`SELECT * FROM ${table} WHERE user_id = ?`).bind(p.userId).all();
      if (table !== "changes") expect(results.length, `${table} has rows to check`).toBeGreaterThan(0);
      expect(JSON.stringify(results), table).not.toContain(SENTINEL);
    }
    // Yet the chat itself is stored, for the patient only.
    expect(await countRows("companion_messages", p.userId)).toBeGreaterThan(0);
  });
});
