import type { Local } from "../../data/entities";
import type { MessageView } from "../../data/types";

export type LocalMessage = Local<MessageView>;

/** One conversation: everything between me and one other person, oldest first. */
export interface Thread {
  partnerId: string;
  messages: LocalMessage[];
  last: LocalMessage;
  /** Messages to me the device has not seen marked read. */
  unread: number;
}

export const partnerOf = (m: MessageView, me: string): string => (m.senderId === me ? m.recipientId : m.senderId);

const byTime = (a: MessageView, b: MessageView) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id);

export const isUnreadFor = (m: MessageView, me: string): boolean => m.recipientId === me && m.readAt === null;

/** The inbox: my cached messages grouped by the other person, the latest conversation first. */
export function threadsOf(messages: LocalMessage[], me: string): Thread[] {
  const groups = new Map<string, LocalMessage[]>();
  for (const m of messages) {
    const partner = partnerOf(m, me);
    groups.set(partner, [...(groups.get(partner) ?? []), m]);
  }
  const threads: Thread[] = [];
  for (const [partnerId, list] of groups) {
    list.sort(byTime);
    const last = list.at(-1);
    if (!last) continue;
    threads.push({ partnerId, messages: list, last, unread: list.filter((m) => isUnreadFor(m, me)).length });
  }
  return threads.sort((a, b) => byTime(b.last, a.last));
}

/** The words of a search, lower-cased the way bodies are compared. */
function wordsOf(query: string): string[] {
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 10);
}

/**
 * Searches the device's copy of my messages (every message reaches it through sync, so this
 * works offline): a message matches when its body contains every word typed, in any case.
 */
export function searchMessages(messages: LocalMessage[], query: string, limit = 50): LocalMessage[] {
  const words = wordsOf(query);
  if (words.length === 0) return [];
  return messages
    .filter((m) => {
      const body = m.body.toLocaleLowerCase();
      return words.every((w) => body.includes(w));
    })
    .sort((a, b) => byTime(b, a))
    .slice(0, limit);
}

/** A one-line preview of a message body. */
export function preview(body: string, length = 80): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

/** A stretch of the body around the first word found, for a search result. */
export function snippet(body: string, query: string, length = 160): string {
  const line = body.replace(/\s+/g, " ").trim();
  const at = Math.max(0, line.toLocaleLowerCase().indexOf(wordsOf(query)[0] ?? ""));
  if (line.length <= length || at < length / 2) return preview(line, length);
  const start = Math.min(at - Math.floor(length / 3), line.length - length + 1);
  return `…${preview(line.slice(start), length - 1)}`;
}
