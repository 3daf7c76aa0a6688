/**
 * Helpers for the companion tests: a patient who consented, the chat route called with the
 * companion pointed at the fake OpenAI-compatible server (tests/worker/setup/fake-openai.ts),
 * what that server received, and the events of an SSE answer.
 */
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { app } from "../../worker/app";
import { fastPatient, randomIp } from "./helpers";

export const FAKE_URL = inject("fakeOpenAiUrl");

/** A message the crisis check rates high (from the labelled corpus in shared/safety/). */
export const HIGH_RISK_TEXT = "i want to kill myself";

/** Short timeouts, so the hang and stall scripts fail in about a second. */
export const TEST_FIRST_TOKEN_TIMEOUT_MS = 1500;
export const TEST_OVERALL_TIMEOUT_MS = 4000;
/** The safety second opinion's deadline in these tests. */
export const TEST_SAFETY_TIMEOUT_MS = 1000;

export interface FakeProvider {
  /** Keys this test's traffic on the fake server. */
  tag: string;
  /** The Worker's bindings with the companion pointed at the fake server. */
  env: Env;
}

/** The companion configured with one of the fake server's scripted behaviours (`normal`, `fail-2`, …). */
export function fakeProvider(behaviour: string, overrides: Record<string, string> = {}): FakeProvider {
  const tag = crypto.randomUUID();
  return {
    tag,
    env: {
      ...env,
      COMPANION_BASE_URL: `${FAKE_URL}/v1`,
      COMPANION_MODEL: `${behaviour}:${tag}`,
      COMPANION_API_KEY: "test-key-not-secret",
      COMPANION_FIRST_TOKEN_TIMEOUT_MS: String(TEST_FIRST_TOKEN_TIMEOUT_MS),
      COMPANION_TIMEOUT_MS: String(TEST_OVERALL_TIMEOUT_MS),
      COMPANION_SAFETY_TIMEOUT_MS: String(TEST_SAFETY_TIMEOUT_MS),
      ...overrides,
    } as Env,
  };
}

export interface RecordedRequest {
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
  authorization: string | null;
}

/** What the fake server received for a tag: the replies asked for, or the safety classifications. */
export async function providerRequests(
  tag: string,
  kind: "reply" | "classify" = "reply",
): Promise<{ count: number; requests: RecordedRequest[] }> {
  const res = await fetch(`${FAKE_URL}/requests?tag=${encodeURIComponent(tag)}&kind=${kind}`);
  return (await res.json()) as { count: number; requests: RecordedRequest[] };
}

/** A patient (time zone UTC unless told) who has turned the companion on. */
export async function consentingPatient(timezone = "UTC"): Promise<{ userId: string; accessToken: string }> {
  const p = await fastPatient();
  await env.DB.prepare("UPDATE users SET consent_companion = 1, timezone = ? WHERE id = ?")
    .bind(timezone, p.userId)
    .run();
  return p;
}

/** Calls the companion's routes through the real app with the given bindings (default: the test's). */
export function companionCall(
  path: string,
  options: { token: string; method?: string; body?: unknown; env?: Env },
): Promise<Response> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${options.token}`,
    "CF-Connecting-IP": randomIp(),
  };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  return Promise.resolve(
    app.request(
      `/api/v1/companion${path}`,
      {
        method: options.method ?? (options.body === undefined ? "GET" : "POST"),
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      },
      options.env ?? env,
    ),
  );
}

export function chat(token: string, body: unknown, withEnv?: Env): Promise<Response> {
  return companionCall("/chat", { token, body, env: withEnv });
}

export interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
  /** Milliseconds since the reading began. */
  at: number;
}

/**
 * The events of a `text/event-stream` answer, read as they arrive (an independent, simple
 * parser: the Worker writes `event:` and one `data:` line per event, LF line endings).
 */
export async function readEvents(res: Response): Promise<StreamEvent[]> {
  const started = Date.now();
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const out: StreamEvent[] = [];
  let buffer = "";
  while (true) {
    const { done, value } = await reader.read();
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "null";
      out.push({ event, data: JSON.parse(data) as Record<string, unknown>, at: Date.now() - started });
      end = buffer.indexOf("\n\n");
    }
    if (done) return out;
  }
}

/** The data of the `done` event that ends a complete reply (fails the test when there is none). */
export function doneOf(events: StreamEvent[]): { conversationId: string; messageId: string; userMessageId: string } {
  const done = events.find((e) => e.event === "done");
  if (!done) throw new Error(`no done event in ${JSON.stringify(events.map((e) => e.event))}`);
  return done.data as { conversationId: string; messageId: string; userMessageId: string };
}

/** The text of every `delta` event, joined. */
export const deltaText = (events: StreamEvent[]) =>
  events
    .filter((e) => e.event === "delta")
    .map((e) => e.data.text)
    .join("");

/** Rows of a table for a user, for "nothing was stored" checks. */
export async function countRows(
  table: "companion_conversations" | "companion_messages" | "risk_flags",
  userId: string,
) {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`)
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
