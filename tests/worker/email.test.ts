import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { sendEmail } from "../../worker/notify/email";
import type { CapturedEmail } from "../../worker/scripts/mailbox";

const CAPTURE = inject("emailCaptureUrl");
const KEY = inject("emailCaptureKey");

function configured(provider: string, overrides: Record<string, string> = {}) {
  return {
    ...env,
    EMAIL_PROVIDER: provider,
    EMAIL_FROM: "Haven <alerts@haven.test>",
    EMAIL_API_URL: CAPTURE,
    EMAIL_API_KEY: KEY,
    ...overrides,
  };
}

const address = () => `staff-${crypto.randomUUID().slice(0, 8)}@example.org`;

async function captured(to: string): Promise<CapturedEmail[]> {
  const res = await fetch(`${CAPTURE}/messages?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { messages: CapturedEmail[] }).messages;
}

const message = (to: string) => ({ to, subject: "A patient needs attention", text: "Open the risk inbox in Haven." });

describe("sendEmail", () => {
  it("sends through Resend's API: the bearer key, from, to as a list, subject and text", async () => {
    const to = address();
    expect(await sendEmail(configured("resend"), message(to))).toBe("sent");
    const [mail, ...more] = await captured(to);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({
      provider: "resend",
      from: "Haven <alerts@haven.test>",
      to: [to],
      subject: "A patient needs attention",
      text: "Open the risk inbox in Haven.",
    });
  });

  it("sends through Postmark's API: the server token and its field names, on the outbound stream", async () => {
    const to = address();
    expect(await sendEmail(configured("postmark"), message(to))).toBe("sent");
    const [mail, ...more] = await captured(to);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ provider: "postmark", from: "Haven <alerts@haven.test>", to: [to] });
    expect(mail?.subject).toBe("A patient needs attention");
  });

  it("sends nothing when no provider is configured (development), or no sender address", async () => {
    const to = address();
    expect(await sendEmail(env, message(to))).toBe("not-configured");
    expect(await sendEmail(configured(""), message(to))).toBe("not-configured");
    expect(await sendEmail(configured("resend", { EMAIL_FROM: "" }), message(to))).toBe("not-configured");
    expect(await sendEmail(configured("sendgrid"), message(to))).toBe("not-configured");
    expect(await captured(to)).toEqual([]);
  });

  it("answers failed, without throwing, when the provider refuses the key, errors, or cannot be reached", async () => {
    const to = address();
    for (const provider of ["resend", "postmark"]) {
      expect(await sendEmail(configured(provider, { EMAIL_API_KEY: "wrong" }), message(to))).toBe("failed");
    }
    await fetch(`${CAPTURE}/failures`, { method: "POST", body: JSON.stringify({ to, status: 503, count: 2 }) });
    expect(await sendEmail(configured("resend"), message(to))).toBe("failed");
    expect(await sendEmail(configured("postmark"), message(to))).toBe("failed");
    expect(await captured(to)).toEqual([]);
    // The failures were scripted for two messages: the third is accepted.
    expect(await sendEmail(configured("resend"), message(to))).toBe("sent");
    expect(await captured(to)).toHaveLength(1);
    // A closed port: the connection is refused.
    expect(await sendEmail(configured("resend", { EMAIL_API_URL: "http://127.0.0.1:9" }), message(to))).toBe("failed");
  });
});
