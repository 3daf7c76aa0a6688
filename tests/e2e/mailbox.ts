/**
 * The e2e stack's development mailbox (`npm start` runs it: worker/scripts/mailbox.ts; the global
 * setup passes its URL as inject("mailboxUrl")). Every email the stack sends lands there.
 *
 * @example
 * const since = Date.now();
 * // … something that sends an email to `address` …
 * const [mail] = await mailTo(address, { since });
 */
import { inject } from "vitest";
import type { CapturedEmail } from "../../worker/scripts/mailbox";

export type { CapturedEmail };

/** The mailbox's base URL (its page for people is at `/`). */
export const mailboxUrl = (): string => inject("mailboxUrl");

/** What the mailbox holds for `address` now (oldest first), optionally only what arrived at or after `since` (ms). */
export async function mailboxMessages(address: string, since = 0): Promise<CapturedEmail[]> {
  const res = await fetch(`${mailboxUrl()}/messages?to=${encodeURIComponent(address)}`);
  if (!res.ok) throw new Error(`mailbox answered ${res.status}`);
  const { messages } = (await res.json()) as { messages: CapturedEmail[] };
  return messages.filter((m) => m.at >= since);
}

/**
 * Polls the mailbox until at least one email to `address` (arrived at or after `since`, ms since
 * the epoch, real clock) is there, and returns them oldest first; throws after `timeoutMs`.
 * The worker sends after answering (waitUntil), so a mail can arrive a moment after the response.
 */
export async function mailTo(
  address: string,
  options: { since?: number; timeoutMs?: number; subject?: string | RegExp } = {},
): Promise<CapturedEmail[]> {
  const { since = 0, timeoutMs = 15_000, subject } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = (await mailboxMessages(address, since)).filter(
      (m) => subject === undefined || (typeof subject === "string" ? m.subject === subject : subject.test(m.subject)),
    );
    if (messages.length > 0) return messages;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first http(s) link in a message's text that starts with `prefix` (e.g. `${base}/reset-password`). */
export function linkIn(mail: CapturedEmail, prefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.startsWith(prefix));
  if (!link) throw new Error(`no link starting ${prefix} in "${mail.subject}"`);
  return link;
}
