import { useEffect, useState } from "preact/hooks";
import { api, errorOf } from "../../api/session";

interface BlockSenderProps {
  partnerId: string;
  partnerName: string;
  online: boolean;
}

/**
 * Block or unblock another patient's messages (issue 13, item 6). Shown only in a conversation
 * with a patient who is not on my care team; care staff cannot be blocked (the server refuses).
 * Blocking needs a connection; the answer is the server's.
 */
export function BlockSender({ partnerId, partnerName, online }: BlockSenderProps) {
  const [blocked, setBlocked] = useState<boolean | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (!online) return;
    let live = true;
    void api.messages.blocks
      .$get()
      .then(async (res) => {
        if (live && res.ok) setBlocked((await res.json()).items.some((b) => b.userId === partnerId));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [partnerId, online]);

  async function change(block: boolean) {
    setConfirming(false);
    if (busy) return;
    const offline = "Blocking needs a connection. Try again when you're online.";
    if (!navigator.onLine) return setStatus(offline);
    setBusy(true);
    try {
      const param = { param: { userId: partnerId } };
      const res = block
        ? await api.messages.blocks[":userId"].$put(param)
        : await api.messages.blocks[":userId"].$delete(param);
      if (!res.ok) return setStatus((await errorOf(res)).message);
      setBlocked(block);
      setStatus(
        block
          ? `You won't get new messages from ${partnerName}. Messages already here stay until you delete them.`
          : `${partnerName} can message you again.`,
      );
    } catch {
      setStatus(offline);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="block-sender" data-testid="block-sender">
      {blocked ? (
        <button type="button" class="secondary" disabled={busy} onClick={() => void change(false)}>
          Unblock {partnerName}
        </button>
      ) : confirming ? (
        <p class="confirm">
          Block messages from {partnerName}? If they try to write, Haven tells them you are not taking their messages.{" "}
          <button type="button" disabled={busy} onClick={() => void change(true)}>
            Block
          </button>{" "}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </p>
      ) : (
        <button
          type="button"
          class="secondary"
          disabled={blocked === null && online}
          onClick={() => setConfirming(true)}
        >
          Block messages from {partnerName}
        </button>
      )}
      <p role="status" class="muted" data-testid="block-status">
        {status ?? ""}
      </p>
    </div>
  );
}
