/**
 * The development mailbox: a local email capture server speaking the two HTTP email APIs Haven can send through
 * (worker/notify/email.ts): Resend (`POST /emails`, `Authorization: Bearer <key>`) and Postmark
 * (`POST /email`, `X-Postmark-Server-Token: <key>`). It checks the key and the body's shape as the
 * providers do (401 for a wrong key, 422 for a malformed message), records what it accepts, and
 * answers as they do. Nothing leaves the machine. `npm start` runs one and points the Worker at it
 * (worker/scripts/start.ts), so every account email can be read in the browser; the worker tests
 * start one too (a vitest globalSetup: tests/worker/setup/fake-email.ts).
 *
 * Inspecting and scripting it:
 * - `GET /` a page for people listing what arrived, newest first (development only)
 * - `GET /messages?to=<address>`  `{ messages: CapturedEmail[] }`, oldest first (every message without `to`)
 * - `DELETE /messages?to=<address>` forgets them
 * - `POST /failures` `{ to, status, count }` answers the next `count` messages to `to` with
 *   `status` (e.g. 500, 503) instead of accepting them; keyed by recipient, so tests running at
 *   once never script each other's traffic.
 *
 * @example
 * const capture = await startEmailCapture({ apiKey: "test-key" });
 * // EMAIL_PROVIDER=resend EMAIL_API_URL=capture.url EMAIL_API_KEY=test-key …
 * capture.messages("staff@example.org"); await capture.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface CapturedEmail {
  id: string;
  provider: "resend" | "postmark";
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** When it was accepted (ms since the epoch). */
  at: number;
}

export interface EmailCapture {
  /** The base URL (`http://127.0.0.1:<port>`), for EMAIL_API_URL. */
  url: string;
  /** The key both APIs require. */
  apiKey: string;
  /** What was accepted, oldest first; only the messages to `to` when given. */
  messages(to?: string): CapturedEmail[];
  /** Fails the next `count` messages to `to` with `status`. */
  failNext(to: string, status: number, count?: number): void;
  close(): Promise<void>;
}

export interface EmailCaptureOptions {
  apiKey?: string;
  host?: string;
  /** 0 (the default) takes any free port. */
  port?: number;
}

const MAX_BODY = 256 * 1024;
const normalise = (address: string) => address.trim().toLowerCase();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[ch]};`);

/** A message's text as HTML: escaped, with its http(s) links clickable. */
function textHtml(text: string): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    const at = match.index ?? 0;
    html += escapeHtml(text.slice(last, at));
    const href = escapeHtml(match[0]);
    html += `<a href="${href}" rel="noreferrer">${href}</a>`;
    last = at + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** The mailbox page: every captured message, newest first, escaped; no script, no remote content. */
export function mailboxPage(messages: readonly CapturedEmail[]): string {
  const items = [...messages]
    .sort((a, b) => b.at - a.at)
    .map(
      (m) => `<article>
<h2>${escapeHtml(m.subject)}</h2>
<p class="meta">To <strong>${escapeHtml(m.to.join(", "))}</strong> · from ${escapeHtml(m.from)} · <time datetime="${new Date(m.at).toISOString()}">${escapeHtml(new Date(m.at).toLocaleString("en-GB"))}</time></p>
<pre>${textHtml(m.text)}</pre>
</article>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development mailbox — Haven</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1rem; color: #1a1a1a; background: #fff; }
article { border: 1px solid #767676; border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 1rem 0; }
h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
.meta { margin: 0; color: #444; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: 0.75rem 0 0; }
a { color: #0645ad; }
</style>
</head>
<body>
<main>
<h1>Development mailbox — nothing here was sent</h1>
<p>Every email the local Haven sends arrives here instead of going out (newest first). Reload the page to see new mail.</p>
${items || "<p>No mail yet.</p>"}
</main>
</body>
</html>
`;
}

const isText = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0;

/** A Resend message (`POST /emails`): from, to (an address or a list), subject, and text or html. */
function parseResend(body: Record<string, unknown>): Omit<CapturedEmail, "id" | "provider" | "at"> | string {
  const to = typeof body.to === "string" ? [body.to] : body.to;
  if (!isText(body.from)) return "The `from` field is missing.";
  if (!Array.isArray(to) || to.length === 0 || !to.every(isText)) return "The `to` field is missing.";
  if (!isText(body.subject)) return "The `subject` field is missing.";
  if (!isText(body.text) && !isText(body.html)) return "Either `text` or `html` is required.";
  return { from: body.from, to: to.map(String), subject: body.subject, text: isText(body.text) ? body.text : "" };
}

/** A Postmark message (`POST /email`): From, To (comma-separated), Subject, and TextBody or HtmlBody. */
function parsePostmark(body: Record<string, unknown>): Omit<CapturedEmail, "id" | "provider" | "at"> | string {
  if (!isText(body.From)) return "Invalid 'From' address.";
  if (!isText(body.To)) return "Invalid 'To' address.";
  if (!isText(body.Subject)) return "Subject is required.";
  if (!isText(body.TextBody) && !isText(body.HtmlBody)) return "Provide either email TextBody or HtmlBody or both.";
  if (body.MessageStream !== undefined && !isText(body.MessageStream)) return "Invalid MessageStream.";
  return {
    from: body.From,
    to: body.To.split(",").map((a) => a.trim()),
    subject: body.Subject,
    text: isText(body.TextBody) ? body.TextBody : "",
  };
}

export async function startEmailCapture(options: EmailCaptureOptions = {}): Promise<EmailCapture> {
  const apiKey = options.apiKey ?? "email-capture-key";
  const accepted: CapturedEmail[] = [];
  const failures = new Map<string, { status: number; count: number }>();
  const sockets = new Set<Socket>();

  /** The scripted failure status for this message, consumed; null to accept it. */
  const scriptedFailure = (to: string[]): number | null => {
    for (const address of to) {
      const f = failures.get(normalise(address));
      if (f && f.count > 0) {
        f.count--;
        return f.status;
      }
    }
    return null;
  };

  const accept = async (req: IncomingMessage, res: ServerResponse, provider: CapturedEmail["provider"]) => {
    const key =
      provider === "resend"
        ? /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1]
        : req.headers["x-postmark-server-token"];
    if (key !== apiKey) {
      if (provider === "resend") {
        send(res, 401, { statusCode: 401, name: "invalid_api_key", message: "API key is invalid" });
      } else {
        send(res, 401, {
          ErrorCode: 10,
          Message: "The Server Token you provided in the X-Postmark-Server-Token request header was invalid.",
        });
      }
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      send(
        res,
        400,
        provider === "resend"
          ? { statusCode: 400, name: "invalid_body", message: "Invalid JSON" }
          : { ErrorCode: 402, Message: "Received invalid JSON input." },
      );
      return;
    }
    const parsed =
      body && typeof body === "object" && !Array.isArray(body)
        ? (provider === "resend" ? parseResend : parsePostmark)(body as Record<string, unknown>)
        : "The body must be a JSON object.";
    if (typeof parsed === "string") {
      send(
        res,
        422,
        provider === "resend"
          ? { statusCode: 422, name: "validation_error", message: parsed }
          : { ErrorCode: 300, Message: parsed },
      );
      return;
    }
    const failure = scriptedFailure(parsed.to);
    if (failure !== null) {
      send(
        res,
        failure,
        provider === "resend"
          ? { statusCode: failure, name: "application_error", message: "Scripted failure" }
          : { ErrorCode: 1000, Message: "Scripted failure" },
      );
      return;
    }
    const message: CapturedEmail = { id: crypto.randomUUID(), provider, ...parsed, at: Date.now() };
    accepted.push(message);
    if (provider === "resend") send(res, 200, { id: message.id });
    else {
      send(res, 200, {
        To: parsed.to.join(", "),
        SubmittedAt: new Date(message.at).toISOString(),
        MessageID: message.id,
        ErrorCode: 0,
        Message: "OK",
      });
    }
  };

  const messagesTo = (to?: string) =>
    to === undefined ? [...accepted] : accepted.filter((m) => m.to.some((a) => normalise(a) === normalise(to)));

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://capture");
    const route = `${req.method} ${url.pathname}`;
    const handle = async () => {
      if (route === "POST /emails") return accept(req, res, "resend");
      if (route === "POST /email") return accept(req, res, "postmark");
      if (route === "GET /") {
        res.writeHead(200, {
          "Content-Type": "text/html; charset=utf-8",
          "Content-Security-Policy":
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
          "Referrer-Policy": "no-referrer",
        });
        res.end(mailboxPage(messagesTo()));
        return;
      }
      if (route === "GET /messages") {
        return send(res, 200, { messages: messagesTo(url.searchParams.get("to") ?? undefined) });
      }
      if (route === "DELETE /messages") {
        const to = url.searchParams.get("to");
        for (let i = accepted.length - 1; i >= 0; i--) {
          const m = accepted[i];
          if (m && (to === null || m.to.some((a) => normalise(a) === normalise(to)))) accepted.splice(i, 1);
        }
        return send(res, 200, { ok: true });
      }
      if (route === "POST /failures") {
        const body = JSON.parse(await readBody(req)) as { to?: unknown; status?: unknown; count?: unknown };
        if (!isText(body.to) || typeof body.status !== "number") return send(res, 400, { error: "to and status" });
        failures.set(normalise(body.to), {
          status: body.status,
          count: typeof body.count === "number" ? body.count : 1,
        });
        return send(res, 200, { ok: true });
      }
      send(res, 404, { error: "not found" });
    };
    handle().catch((err: unknown) => send(res, 500, { error: String(err) }));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    apiKey,
    messages: messagesTo,
    failNext(to, status, count = 1) {
      failures.set(normalise(to), { status, count });
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
