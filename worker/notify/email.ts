/**
 * Email, a second channel for staff alerts (and later account recovery): one small interface over
 * an HTTP email API chosen by configuration (wrangler.toml, README "Email"):
 *
 * - `EMAIL_PROVIDER = ""`        nothing is sent ("not-configured"): development sends no email
 *                                unless configured
 * - `EMAIL_PROVIDER = "resend"`   POST {EMAIL_API_URL || https://api.resend.com}/emails
 * - `EMAIL_PROVIDER = "postmark"` POST {EMAIL_API_URL || https://api.postmarkapp.com}/email
 *
 * from `EMAIL_FROM`, with the secret `EMAIL_API_KEY`. `EMAIL_API_URL` points at a local capture
 * server in development and tests (worker/scripts/mailbox.ts). Never throws: a provider that
 * fails or does not answer in time is "failed", logged without the message. Callers pass no health
 * content: an alert says that something needs attention and where, never what.
 */

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export type EmailOutcome = "sent" | "not-configured" | "failed";

export type EmailEnv = Pick<Env, "EMAIL_PROVIDER" | "EMAIL_FROM" | "EMAIL_API_URL"> & { EMAIL_API_KEY?: string };

/** How long a provider may take to accept one message. */
export const EMAIL_TIMEOUT_MS = 10_000;

const DEFAULT_BASE = {
  resend: "https://api.resend.com",
  postmark: "https://api.postmarkapp.com",
} as const;

type Provider = keyof typeof DEFAULT_BASE;

function providerOf(env: EmailEnv): Provider | null {
  const name = (env.EMAIL_PROVIDER ?? "").trim().toLowerCase();
  return name === "resend" || name === "postmark" ? name : null;
}

/** The provider's request for one message: its URL, headers and JSON body. */
function requestFor(provider: Provider, env: EmailEnv, email: Email): { url: string; init: RequestInit } {
  const base = (env.EMAIL_API_URL?.trim() || DEFAULT_BASE[provider]).replace(/\/+$/, "");
  const key = env.EMAIL_API_KEY?.trim() ?? "";
  const from = env.EMAIL_FROM.trim();
  if (provider === "resend") {
    return {
      url: `${base}/emails`,
      init: {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
        body: JSON.stringify({ from, to: [email.to], subject: email.subject, text: email.text }),
      },
    };
  }
  return {
    url: `${base}/email`,
    init: {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Postmark-Server-Token": key },
      body: JSON.stringify({
        From: from,
        To: email.to,
        Subject: email.subject,
        TextBody: email.text,
        MessageStream: "outbound",
      }),
    },
  };
}

/** Sends one email through the configured provider; "not-configured" sends nothing. Never throws. */
export async function sendEmail(env: EmailEnv, email: Email): Promise<EmailOutcome> {
  const provider = providerOf(env);
  if (!provider || !env.EMAIL_FROM?.trim()) return "not-configured";
  const { url, init } = requestFor(provider, env, email);
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(EMAIL_TIMEOUT_MS) });
    // The answer's body is not needed; read it so the connection is released.
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return "sent";
    console.error(JSON.stringify({ level: "error", event: "email_failed", provider, status: res.status }));
    return "failed";
  } catch (err) {
    console.error(
      JSON.stringify({
        level: "error",
        event: "email_failed",
        provider,
        message: err instanceof Error ? err.name : "unknown",
      }),
    );
    return "failed";
  }
}
