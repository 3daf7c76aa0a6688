import { useEffect, useRef, useState } from "preact/hooks";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api, errorOf } from "../../api/session";
import { db } from "../../data/db";
import type { CareTeamCache, MessageView } from "../../data/types";
import { refreshNotificationSummary } from "../../notify/use-notification-summary";
import { friendlyDateTime } from "../../ui/dates";
import { BlockSender } from "./BlockSender";
import { Compose } from "./Compose";
import { personOf, roleWord, whyNotMessageable } from "./care-team";
import { isUnreadFor, type LocalMessage, preview, type Thread } from "./threads";

interface ConversationProps {
  user: PublicUser;
  onWrite: () => void;
  partnerId: string;
  thread: Thread | null;
  team: CareTeamCache | null;
  online: boolean;
  onBack: () => void;
}

/** Keeps the server's answer in the cache at once (the change log brings the same later). */
async function cacheMessage(message: MessageView): Promise<void> {
  const key = `message:${message.id}`;
  await db.transaction("rw", db.entities, async () => {
    const local = await db.entities.get(key);
    if (local && !local.pending) await db.entities.put({ ...local, data: message });
  });
}

/**
 * Marks the partner's unread messages read while the conversation is open and there is a
 * connection, including ones that arrive while it is open. Best effort: a failure leaves them
 * unread, to be tried again the next time.
 */
function useMarkRead(thread: Thread | null, me: string, online: boolean): void {
  const inFlight = useRef(new Set<string>());
  const unread = (thread?.messages ?? []).filter((m) => isUnreadFor(m, me) && !m.pending).map((m) => m.id);
  const key = unread.join(",");
  useEffect(() => {
    if (!online) return;
    for (const id of unread) {
      if (inFlight.current.has(id)) continue;
      inFlight.current.add(id);
      void api.messages[":id"].read
        .$post({ param: { id } })
        .then(async (res) => {
          if (res.ok) await cacheMessage((await res.json()).message);
        })
        .then(refreshNotificationSummary)
        .catch(() => undefined)
        .finally(() => inFlight.current.delete(id));
    }
  }, [key, online]);
}

/** One conversation, oldest first, with the reply box (or why there is none). */
export function Conversation({ user, onWrite, partnerId, thread, team, online, onBack }: ConversationProps) {
  const person = personOf(team, partnerId);
  const why = whyNotMessageable(team, partnerId, user.role);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  useMarkRead(thread, user.id, online);

  async function remove(m: LocalMessage) {
    setConfirming(null);
    const offline = "Deleting needs a connection. Try again when you're online.";
    if (!navigator.onLine) return setStatus(offline);
    try {
      const res = await api.messages[":id"].$delete({ param: { id: m.id } });
      if (!res.ok) return setStatus((await errorOf(res)).message);
      // Gone from this device now; the change log says the same on the next pull.
      await db.entities.delete(`message:${m.id}`);
      setStatus("Message deleted for you. The other person still has their copy.");
    } catch {
      setStatus(offline);
    }
  }

  return (
    <section class="card conversation" aria-labelledby="conversation-title">
      <button type="button" class="secondary back" onClick={onBack}>
        ← All conversations
      </button>
      <h3 id="conversation-title" tabIndex={-1}>
        {person.displayName}
        {person.role ? <span class="muted role"> · {roleWord(person.role)}</span> : null}
      </h3>
      {thread === null ? (
        <p>No messages yet.</p>
      ) : (
        <ol class="bubbles" data-testid="conversation">
          {thread.messages.map((m) => {
            const mine = m.senderId === user.id;
            return (
              <li key={m.id} class={mine ? "mine" : "theirs"} data-testid="message">
                <p class="who">
                  <strong>{mine ? "You" : person.displayName}</strong>{" "}
                  <span class="muted">{friendlyDateTime(m.sentAt, user.timezone)}</span>
                  {mine && m.readAt && !m.pending ? <span class="muted"> · read</span> : null}
                  {m.pending ? <span class="pending"> · waiting to sync</span> : null}
                  {m.rejected ? <span class="refused"> · not sent: {m.rejected.message}</span> : null}
                </p>
                <p class="body">{m.body}</p>
                {m.pending || m.rejected ? null : confirming === m.id ? (
                  <p class="confirm">
                    Delete this message for you? {mine ? person.displayName : "The sender"} keeps their copy.{" "}
                    <button type="button" onClick={() => void remove(m)}>
                      Delete
                    </button>{" "}
                    <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </p>
                ) : (
                  <button
                    type="button"
                    class="secondary small"
                    aria-label={`Delete for me: “${preview(m.body, 40)}”`}
                    onClick={() => setConfirming(m.id)}
                  >
                    Delete for me
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <p role="status" class="muted" data-testid="conversation-status">
        {status ?? (online ? "" : "You're offline: messages you send wait on this device and go when you're back.")}
      </p>
      {why ? (
        <p class="why" data-testid="cannot-message">
          {why}
        </p>
      ) : (
        <Compose user={user} onWrite={onWrite} recipientId={partnerId} recipientName={person.displayName} />
      )}
      {user.role === "patient" && person.member === null && person.role === "patient" ? (
        <BlockSender partnerId={partnerId} partnerName={person.displayName} online={online} />
      ) : null}
    </section>
  );
}
