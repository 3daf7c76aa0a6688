import { useRef, useState } from "preact/hooks";
import { MESSAGE_MAX_LENGTH } from "../../../../shared/messaging-policy";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { clock } from "../../data/sync";
import type { MessageView } from "../../data/types";
import { write } from "../../data/write";

interface ComposeProps {
  user: PublicUser;
  onWrite: () => void;
  recipientId: string;
  recipientName: string;
}

const MAX = MESSAGE_MAX_LENGTH.toLocaleString("en");

/**
 * The reply box. Sending is a `message.send` command through the outbox with the message shown
 * at once ("waiting to sync" until the server has it); the client picks the id, so a retried
 * push can never send it twice. The server's policy and limits decide; a refusal is marked.
 * One tap, one message (issue 11, defect 14): a second tap while the first is being saved (even
 * in the same frame, before the box has emptied) is ignored, and Send is disabled meanwhile.
 */
export function Compose({ user, onWrite, recipientId, recipientName }: ComposeProps) {
  const [body, setBody] = useState("");
  const text = body.trim();
  // Set before the first await: the state below only disables the button from the next render.
  const busy = useRef(false);
  const [sending, setSending] = useState(false);

  async function send(event: Event) {
    event.preventDefault();
    if (busy.current || text.length === 0 || text.length > MESSAGE_MAX_LENGTH) return;
    busy.current = true;
    setSending(true);
    try {
      const id = crypto.randomUUID();
      const message: MessageView = {
        id,
        senderId: user.id,
        recipientId,
        body: text,
        sentAt: new Date(clock.now()).toISOString(),
        readAt: null,
      };
      await write("message.send", { id, recipientId, body: text }, { entity: "message", id, data: message });
      setBody("");
      onWrite();
    } finally {
      busy.current = false;
      setSending(false);
    }
  }

  const near = body.length > MESSAGE_MAX_LENGTH * 0.9;
  return (
    <form class="compose" onSubmit={send}>
      <label for="compose-body">Message to {recipientName}</label>
      <textarea
        id="compose-body"
        rows={3}
        maxLength={MESSAGE_MAX_LENGTH}
        value={body}
        aria-describedby="compose-count"
        onInput={(e) => setBody(e.currentTarget.value)}
      />
      <p id="compose-count" class={near ? "count near" : "count muted"} data-testid="compose-count">
        {body.length.toLocaleString("en")} / {MAX} characters
      </p>
      <button type="submit" disabled={text.length === 0 || sending}>
        Send
      </button>
    </form>
  );
}
