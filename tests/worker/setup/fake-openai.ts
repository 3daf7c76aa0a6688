/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI-compatible chat-completions protocol
 * (`POST /v1/chat/completions` with `stream: true` → server-sent events), started once for the
 * worker project (vitest globalSetup) because workerd cannot open a listening socket. Tests get
 * its URL through `inject("fakeOpenAiUrl")`.
 *
 * The model name scripts the behaviour: `<behaviour>:<tag>`, e.g. `fail-2:3f9c…`. The tag keys
 * the attempt counters and the recorded requests, so test files running at once never see each
 * other's traffic: `GET /requests?tag=…` answers `{ count, requests: [{ body, authorization }] }`.
 *
 * Behaviours:
 * - `normal`   a reply in many deltas, the bytes cut at awkward places (inside `data:`, inside a
 *              multi-byte character, between `\r` and `\n`), with a comment line and a role-only
 *              first delta, ending in `data: [DONE]`
 * - `slow`     one token every 60 ms
 * - `gentle`   one token every 400 ms (reading pace), with a 4 s pause before the last: for the
 *              browser test to watch and to press Stop before the reply ends, even on a busy machine
 * - `ratelimit-N` 429 with `Retry-After: 1` N times, then `normal`
 * - `fail-N`   500 N times, then `normal`
 * - `down`     always 503
 * - `hang`     accepts the request and never answers (first-token timeout)
 * - `stall`    answers two deltas, then nothing (a stream that dies after it began)
 * - `unsafe`   a reply that turns harmful in its last delta (the output check must stop it)
 * - `empty`    a stream with no content at all
 *
 * A request without `stream: true` is the companion's safety second opinion (a classification):
 * it is recorded apart (`GET /requests?tag=…&kind=classify`), and answered as one
 * `chat.completion` whose content is set by the model name: `label-<text>:<tag>` answers `<text>`
 * (`label-preparation`, `label-none`, `label-gibberish`…), `hang` never answers, `down` is 503,
 * anything else answers `none` — or `wish-to-be-dead` when the patient's turns mention dandelions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { TestProject } from "vitest/node";
import { FAKE_REPLY_DELTAS, FAKE_UNSAFE_DELTAS } from "./fake-openai-script";

declare module "vitest" {
  export interface ProvidedContext {
    fakeOpenAiUrl: string;
  }
}

interface Recorded {
  body: unknown;
  authorization: string | null;
}

const recorded = new Map<string, Recorded[]>();
const classifications = new Map<string, Recorded[]>();
const attempts = new Map<string, number>();
const sockets = new Set<Socket>();

/** `gentle`'s pause before its last token: a window to press Stop in, however slow the browser. */
const GENTLE_PAUSE_MS = 4_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sseEvent(content: string | null, extra: Record<string, unknown> = {}): string {
  const delta = content === null ? { role: "assistant" } : { content };
  return `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", choices: [{ index: 0, delta, ...extra }] })}\n\n`;
}

/** The whole normal reply as SSE bytes: a comment, a role-only delta, CRLF on some events. */
function normalBytes(deltas: string[]): Buffer {
  const parts = [": keep-alive\n\n", sseEvent(null)];
  deltas.forEach((d, i) => {
    const event = sseEvent(d);
    parts.push(i % 2 === 0 ? event : event.replaceAll("\n", "\r\n"));
  });
  parts.push(sseEvent("", { finish_reason: "stop" }), "data: [DONE]\n\n");
  return Buffer.from(parts.join(""), "utf8");
}

/** Cuts bytes into pieces of 1, 2, 3, 5, 8, 13… bytes: boundaries land everywhere. */
function awkwardPieces(bytes: Buffer): Buffer[] {
  const sizes = [1, 2, 3, 5, 8, 13, 21, 34];
  const out: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

function streamHeaders(res: ServerResponse): void {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  res.flushHeaders();
}

async function writePieces(res: ServerResponse, pieces: Buffer[], gapMs: number): Promise<void> {
  for (const piece of pieces) {
    if (res.destroyed) return;
    res.write(piece);
    await sleep(gapMs);
  }
}

function error(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify({ error: { message: `scripted ${status}`, type: "server_error" } }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function completions(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const body = JSON.parse(raw) as { model?: string; stream?: boolean };
  const [behaviour = "normal", tag = "untagged"] = String(body.model ?? "").split(":");
  if (body.stream !== true) return classify(req, res, body, behaviour, tag);
  const list = recorded.get(tag) ?? [];
  list.push({ body, authorization: req.headers.authorization ?? null });
  recorded.set(tag, list);
  const attempt = (attempts.get(tag) ?? 0) + 1;
  attempts.set(tag, attempt);

  const times = Number(behaviour.split("-")[1] ?? "0");
  if (behaviour.startsWith("ratelimit-") && attempt <= times) return error(res, 429, { "Retry-After": "1" });
  if (behaviour.startsWith("fail-") && attempt <= times) return error(res, 500);
  switch (behaviour) {
    case "down":
      return error(res, 503);
    case "hang":
      return; // never answers; the socket is destroyed when the client gives up or the server closes
    case "stall":
      streamHeaders(res);
      res.write(sseEvent("I am here "));
      res.write(sseEvent("with you, "));
      return; // then silence
    case "empty":
      streamHeaders(res);
      res.end(`${sseEvent(null)}data: [DONE]\n\n`);
      return;
    case "slow":
    case "gentle": {
      streamHeaders(res);
      for (const [i, d] of FAKE_REPLY_DELTAS.entries()) {
        if (res.destroyed) return;
        res.write(sseEvent(d));
        const beforeLast = i === FAKE_REPLY_DELTAS.length - 2;
        await sleep(behaviour === "slow" ? 60 : beforeLast ? GENTLE_PAUSE_MS : 400);
      }
      res.end("data: [DONE]\n\n");
      return;
    }
    case "unsafe":
      streamHeaders(res);
      await writePieces(res, awkwardPieces(normalBytes(FAKE_UNSAFE_DELTAS)), 2);
      res.end();
      return;
    default:
      streamHeaders(res);
      await writePieces(res, awkwardPieces(normalBytes(FAKE_REPLY_DELTAS)), 1);
      res.end();
  }
}

/** The safety second opinion: one non-streamed completion, its content scripted by the model name. */
function classify(req: IncomingMessage, res: ServerResponse, body: unknown, behaviour: string, tag: string): void {
  const list = classifications.get(tag) ?? [];
  list.push({ body, authorization: req.headers.authorization ?? null });
  classifications.set(tag, list);
  if (behaviour === "hang") return;
  if (behaviour === "down") {
    error(res, 503);
    return;
  }
  // Any other model reads a mention of dandelions as a wish to be dead: words the rules pass,
  // so a browser test can watch the second opinion find what the device's check did not.
  const content = behaviour.startsWith("label-")
    ? behaviour.slice("label-".length)
    : JSON.stringify(body).toLowerCase().includes("dandelion")
      ? "wish-to-be-dead"
      : "none";
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(
    JSON.stringify({
      id: "chatcmpl-fake",
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    }),
  );
}

function requests(url: URL, res: ServerResponse): void {
  const from = url.searchParams.get("kind") === "classify" ? classifications : recorded;
  const list = from.get(url.searchParams.get("tag") ?? "") ?? [];
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ count: list.length, requests: list }));
}

/** Starts the fake server on a free port of 127.0.0.1 (the e2e setup uses it too). */
export async function startFakeOpenAi(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handle =
      req.method === "POST" && url.pathname === "/v1/chat/completions"
        ? completions(req, res)
        : req.method === "GET" && url.pathname === "/requests"
          ? Promise.resolve(requests(url, res))
          : Promise.resolve(error(res, 404));
    handle.catch(() => {
      if (!res.headersSent) error(res, 500);
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the fake OpenAI server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fake = await startFakeOpenAi();
  project.provide("fakeOpenAiUrl", fake.url);
  return fake.close;
}
