import { useEffect, useRef, useState } from "preact/hooks";
import { MESSAGE_MAX_LENGTH } from "../../../../shared/messaging-policy";
import type { PublicUser } from "../../../../shared/schemas/auth";
import type { MessageView } from "../../../../shared/schemas/views";
import { api } from "../../api/session";
import { bodyOf, careWrite, invalidate, isUnreachable, useCareData } from "../care-data";
import { DataState } from "../DataState";
import { dateTime } from "../labels";
import "./sections.css";

interface SectionProps {
  patientId: string;
  patientName: string;
  user: PublicUser;
}

interface Page {
  items: MessageView[];
  cursor: string | null;
  hasMore: boolean;
}

const PAGE = 30;
const MAX = MESSAGE_MAX_LENGTH.toLocaleString("en");
const messagesKey = (patientId: string) => `messages:${patientId}`;

function loadPage(patientId: string, cursor?: string): Promise<Page> {
  return api.messages.with[":userId"]
    .$get({ param: { userId: patientId }, query: { limit: String(PAGE), ...(cursor ? { cursor } : {}) } })
    .then((res) => bodyOf<Page>(res));
}

const byTime = (a: MessageView, b: MessageView) =>
  a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Marks the patient's unread messages to me read while the conversation is on screen with live
 * data. Best effort: a failure leaves them unread, tried again on the next load.
 */
function useMarkRead(messages: MessageView[], me: string, live: boolean): void {
  const inFlight = useRef(new Set<string>());
  const unread = messages.filter((m) => m.recipientId === me && m.readAt === null).map((m) => m.id);
  const key = unread.join(",");
  useEffect(() => {
    if (!live) return;
    for (const id of unread) {
      if (inFlight.current.has(id)) continue;
      inFlight.current.add(id);
      void careWrite(() => api.messages[":id"].read.$post({ param: { id } })).finally(() =>
        inFlight.current.delete(id),
      );
    }
  }, [key, live]);
}

/**
 * The conversation with this patient (therapists and clinicians), oldest to newest with older
 * pages on request, and the reply box. Online only: a message is sent at once or not at all
 * (the patient's outbox is not the care team's); the messaging policy and a live assignment are
 * the server's to check, and its refusal is said here as it gives it.
 */
export function PatientMessages(props: SectionProps) {
  if (props.user.role !== "therapist" && props.user.role !== "clinician") return null;
  return <MessagesSection {...props} />;
}

function MessagesSection({ patientId, patientName, user }: SectionProps) {
  const first = useCareData(messagesKey(patientId), () => loadPage(patientId));
  // Older pages, fetched on request (kept for this visit only; the first page is the saved one).
  const [older, setOlder] = useState<{ items: MessageView[]; cursor: string | null; hasMore: boolean } | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const live = first.source === "live";

  // A different patient starts again.
  useEffect(() => setOlder(null), [patientId]);

  const seen = new Map<string, MessageView>();
  for (const m of [...(older?.items ?? []), ...(first.data?.items ?? [])]) seen.set(m.id, m);
  const messages = [...seen.values()].sort(byTime);
  const hasMore = older ? older.hasMore : (first.data?.hasMore ?? false);
  const cursor = older ? older.cursor : (first.data?.cursor ?? null);
  useMarkRead(messages, user.id, live);

  async function loadOlder() {
    if (!cursor || loadingOlder) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await loadPage(patientId, cursor);
      setOlder((prev) => ({
        items: [...(prev?.items ?? []), ...page.items],
        cursor: page.cursor,
        hasMore: page.hasMore,
      }));
    } catch (error) {
      setOlderError(
        isUnreachable(error)
          ? "Older messages need a connection to Haven. Try again when you're back online."
          : (error as Error).message,
      );
    } finally {
      setLoadingOlder(false);
    }
  }

  return (
    <section class="card care-section" aria-labelledby="messages-title" data-testid="patient-messages">
      <h3 id="messages-title">Messages with {patientName}</h3>
      {user.role === "clinician" ? (
        <p class="muted">
          {patientName} reads what you send here but cannot reply to you: in Haven, patients write to their therapist,
          not to clinicians.
        </p>
      ) : null}
      <DataState data={first} what="the conversation" />
      {first.data ? (
        <>
          {hasMore ? (
            <p>
              <button type="button" class="secondary" disabled={loadingOlder || !live} onClick={() => void loadOlder()}>
                {loadingOlder ? "Loading older messages…" : "Load older messages"}
              </button>
            </p>
          ) : null}
          {olderError ? (
            <p role="alert" class="error">
              {olderError}
            </p>
          ) : null}
          {messages.length === 0 ? (
            <p data-testid="messages-empty">No messages with {patientName} yet.</p>
          ) : (
            <ol class="care-thread" aria-label={`Conversation with ${patientName}, oldest first`}>
              {messages.map((m) => {
                const mine = m.senderId === user.id;
                const sender = mine ? "You" : m.senderId === patientId ? patientName : "Someone else";
                return (
                  <li key={m.id} class={mine ? "mine" : "theirs"} data-testid="message">
                    <p class="who">
                      <strong>{sender}</strong>{" "}
                      <span class="muted">
                        <time dateTime={m.sentAt}>{dateTime(m.sentAt)}</time>
                        {mine && m.readAt ? " · read" : ""}
                      </span>
                    </p>
                    <p class="care-text">{m.body}</p>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      ) : null}
      {live ? <Compose patientId={patientId} patientName={patientName} /> : null}
    </section>
  );
}

function Compose({ patientId, patientName }: { patientId: string; patientName: string }) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  // Set before the first await: a double click sends once.
  const busy = useRef(false);
  const [sending, setSending] = useState(false);
  // One idempotency key per message: a retry after a lost answer cannot send it twice.
  const opId = useRef<string | null>(null);
  const text = body.trim();

  async function send(event: Event) {
    event.preventDefault();
    if (busy.current) return;
    if (text.length === 0) {
      setError("Write something first.");
      return;
    }
    busy.current = true;
    setSending(true);
    setError(null);
    setSent(null);
    opId.current ??= crypto.randomUUID();
    const key = opId.current;
    const outcome = await careWrite(() =>
      api.messages.$post({ json: { opId: key, recipientId: patientId, body: text } }),
    );
    busy.current = false;
    setSending(false);
    if (!outcome.ok) {
      // Refused by the service: the next attempt is a new message. Unreachable: the same one.
      if (outcome.code !== null) opId.current = null;
      setError(outcome.error);
      return;
    }
    opId.current = null;
    setBody("");
    setSent("Sent.");
    invalidate(messagesKey(patientId));
  }

  const near = body.length > MESSAGE_MAX_LENGTH * 0.9;
  return (
    <form class="care-form" onSubmit={send}>
      <label for="care-compose">Message to {patientName}</label>
      <textarea
        id="care-compose"
        rows={3}
        maxLength={MESSAGE_MAX_LENGTH}
        value={body}
        aria-describedby="care-compose-count"
        onInput={(e) => {
          setBody(e.currentTarget.value);
          setSent(null);
          opId.current = null;
        }}
      />
      <p id="care-compose-count" class={near ? "care-count near" : "care-count muted"}>
        {body.length.toLocaleString("en")} / {MAX} characters
      </p>
      <div class="care-actions">
        <button type="submit" disabled={sending}>
          {sending ? "Sending…" : "Send"}
        </button>
        <span role="status" class="muted" data-testid="message-sent">
          {sent}
        </span>
      </div>
      {error ? (
        <p role="alert" class="error" data-testid="message-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
