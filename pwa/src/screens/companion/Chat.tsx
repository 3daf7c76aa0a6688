import { useRef, useState } from "preact/hooks";
import type { CrisisResource } from "../../../../shared/domain/risk";
import { crisisResourcesFor } from "../../../../shared/domain/risk";
import type { CssrsCategory } from "../../../../shared/domain/risk-flags";
import { crisisCheckConversation } from "../../../../shared/safety/crisis-check";
import { CONVERSATION_TURNS } from "../../../../shared/safety/crisis-risk";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api, errorOf } from "../../api/session";
import { write } from "../../data/write";
import { CrisisResourceList } from "../../ui/CrisisResourceList";
import { Link } from "../../ui/Link";
import { readEvents } from "./sse";

interface Turn {
  id: string;
  role: "me" | "companion";
  text: string;
  /** The reply is still arriving. */
  streaming?: boolean;
}

const MAX = 10_000;

/** Why the companion cannot answer right now, in words a patient can act on. */
function explain(code: string, message: string): string {
  switch (code) {
    case "COMPANION_NOT_CONFIGURED":
      return "The AI companion is not set up on this Haven. The exercises below work any time.";
    case "COMPANION_CONSENT_REQUIRED":
      return "Turn on the AI companion above to chat. The exercises below work without it.";
    case "COMPANION_UNAVAILABLE":
      return "The AI companion cannot be reached right now. Try again in a little while, or use the exercises below.";
    default:
      return message;
  }
}

/**
 * The chat. Every message passes the crisis check on this device first, so help shows at once,
 * offline too; the server checks again before any model sees it. The check reads the patient's
 * last few turns on screen together (a plan split over two messages is still a plan). A crisis
 * found while the message cannot reach the server queues a risk flag (no words, only its level and
 * C-SSRS category) for the care team.
 */
export function Chat({
  user,
  onWrite,
  onReplied,
  notReady,
}: {
  user: PublicUser;
  onWrite: () => void;
  /** A reply was stored in the history. */
  onReplied: () => void;
  /** Why the companion cannot reply (no model set up, or consent off), said before anything is typed. */
  notReady: string | null;
}) {
  const [text, setText] = useState("");
  const [turns, setTurns] = useState<Turn[]>([]);
  const [resources, setResources] = useState<readonly CrisisResource[] | null>(null);
  const [flagQueued, setFlagQueued] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const conversationId = useRef<string | undefined>(undefined);
  const abort = useRef<AbortController | null>(null);

  async function queueFlag(level: "high" | "medium", category: CssrsCategory | null) {
    const id = crypto.randomUUID();
    await write("risk.flag", { id, source: "companion", level, ...(category ? { category } : {}) }, null);
    setFlagQueued(true);
    onWrite();
  }

  function updateReply(id: string, change: (turn: Turn) => Turn) {
    setTurns((all) => all.map((t) => (t.id === id ? change(t) : t)));
  }

  async function send(event: Event) {
    event.preventDefault();
    const message = text.trim();
    if (!message || busy) return;
    setText("");
    setStatus(null);
    const mine = turns.filter((turn) => turn.role === "me").map((turn) => turn.text);
    setTurns((all) => [...all, { id: crypto.randomUUID(), role: "me", text: message }]);
    // Risk language (medium or high) in the patient's recent turns shows help at once; only high
    // also keeps it from the model (the server decides that with its own check).
    const risk = crisisCheckConversation([...mine.slice(-(CONVERSATION_TURNS - 1)), message]);
    const level = risk.level;
    const risky = level === "high" || level === "medium";
    if (risky) setResources(crisisResourcesFor(user.timezone));
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    const replyId = crypto.randomUUID();
    try {
      const res = await api.companion.chat.$post(
        { json: { text: message, ...(conversationId.current ? { conversationId: conversationId.current } : {}) } },
        { init: { signal: controller.signal } },
      );
      if (!res.ok) {
        const error = await errorOf(res);
        setStatus(explain(error.code, error.message));
        return;
      }
      if (!res.headers.get("content-type")?.includes("text/event-stream")) {
        // The server's own check found a crisis: resources, and the care team has been told.
        const body = (await res.json()) as { safety?: { resources: CrisisResource[]; flagged: boolean } };
        if (body.safety) {
          setResources(body.safety.resources);
          // The server could not raise the flag: this device queues it instead.
          if (!body.safety.flagged) await queueFlag("high", risk.level === "high" ? risk.category : null);
        }
        return;
      }
      setTurns((all) => [...all, { id: replyId, role: "companion", text: "", streaming: true }]);
      if (!res.body) return;
      for await (const ev of readEvents(res.body)) {
        const data = JSON.parse(ev.data) as {
          text?: string;
          conversationId?: string;
          code?: string;
          message?: string;
          resources?: CrisisResource[];
          level?: string;
          flagged?: boolean;
        };
        if (ev.event === "delta" && data.text) updateReply(replyId, (t) => ({ ...t, text: t.text + data.text }));
        else if (ev.event === "replace") {
          // The model's reply failed the safety check: a safe message replaces it.
          updateReply(replyId, (t) => ({ ...t, text: data.text ?? "" }));
          if (data.resources) setResources(data.resources);
        } else if (ev.event === "safety") {
          // The server's second opinion found risk this device's check did not: the resources now,
          // and the flag from here if the server could not raise it.
          if (data.resources) setResources(data.resources);
          if (data.flagged === false && (data.level === "high" || data.level === "medium")) {
            await queueFlag(data.level, null);
          }
        } else if (ev.event === "done" && data.conversationId) {
          conversationId.current = data.conversationId;
          onReplied();
        } else if (ev.event === "error") setStatus(explain(data.code ?? "", data.message ?? "The reply stopped."));
      }
    } catch (err) {
      if ((err as { name?: string }).name === "AbortError") {
        setStatus("Stopped.");
      } else {
        setStatus("You're offline, so the AI companion can't reply. The exercises below work without a connection.");
        if (level === "high" || level === "medium") await queueFlag(level, risk.category);
      }
    } finally {
      updateReply(replyId, (t) => ({ ...t, streaming: false }));
      abort.current = null;
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="chat-title">
      <h3 id="chat-title">Chat</h3>
      {resources ? (
        <div class="crisis-panel" role="alert" data-testid="chat-crisis">
          <p>
            <strong>
              It sounds like you are going through something really painful. You deserve support right now.
            </strong>
          </p>
          <CrisisResourceList resources={resources} />
          <p>
            {flagQueued
              ? "Your care team will be told as soon as this phone is back online."
              : "Your care team can now see this, so they can reach out."}{" "}
            Your <Link href="/safety-plan">safety plan</Link> is here too.
          </p>
        </div>
      ) : null}
      {notReady ? (
        <p class="gentle" data-testid="chat-not-ready">
          {notReady}
        </p>
      ) : null}
      <ol class="chat" data-testid="chat" aria-live="polite">
        {turns.map((t) => (
          <li key={t.id} class={t.role}>
            <span class="visually-hidden">{t.role === "me" ? "You said:" : "Companion said:"}</span> {t.text}
            {t.streaming ? <span class="muted"> …</span> : null}
          </li>
        ))}
      </ol>
      {status ? (
        <p class="gentle" role="status" data-testid="chat-status">
          {status}
        </p>
      ) : null}
      <form onSubmit={send}>
        <label>
          Message to the companion
          <textarea
            rows={3}
            maxLength={MAX}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            aria-describedby="chat-count"
          />
        </label>
        <p id="chat-count" class="muted">
          {text.length.toLocaleString("en")} / {MAX.toLocaleString("en")} characters
        </p>
        <div class="actions">
          <button type="submit" disabled={busy || text.trim().length === 0}>
            Send
          </button>
          {busy ? (
            <button type="button" class="secondary" onClick={() => abort.current?.abort()}>
              Stop
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
