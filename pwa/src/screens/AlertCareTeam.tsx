import { useRef, useState } from "preact/hooks";
import type { CrisisResource } from "../../../shared/domain/risk";
import { db } from "../data/db";
import { useMeta } from "../data/meta";
import { useOpStatus } from "../data/op-status";
import { write } from "../data/write";
import { FlagStatus } from "../ui/FlagStatus";

/**
 * "Alert my care team": an SOS the patient raises themselves, a high flag (`risk.flag` with
 * source `sos`) that goes through the outbox like any write, so it is queued offline and sent at
 * the next sync, never lost and never sent twice (its flag id makes a replay one flag). The last
 * alert's operation is kept in meta (`sos`), so whether it is pending, delivered or refused
 * still shows after a reload or another screen. One alert at a time: while one waits to send,
 * another would add nothing, so the button rests until it is delivered (or refused).
 */
export function AlertCareTeam({
  resources,
  timeZone,
  onWrite,
}: {
  resources: readonly CrisisResource[];
  timeZone: string;
  onWrite: () => void;
}) {
  const last = useMeta<{ opId: string }>("sos");
  // The alert sent from this screen, known at once (the kept one is read back a moment later).
  const [sent, setSent] = useState<string | null>(null);
  const opId = sent ?? last?.opId ?? null;
  const status = useOpStatus(opId);
  // Set before the first await: a second tap in the same frame finds it and does nothing.
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);
  // Until its status is first read, an alert just sent is as good as pending: a double tap's
  // second half lands here and sends nothing.
  const waiting = status ? status.state === "pending" : opId !== null && opId === sent;
  const emergency = resources.find((r) => r.kind === "emergency");

  async function alert() {
    if (busy.current || waiting) return;
    busy.current = true;
    setSaving(true);
    try {
      const written = await write("risk.flag", { id: crypto.randomUUID(), source: "sos" }, null);
      setSent(written);
      await db.meta.put({ key: "sos", value: JSON.stringify({ opId: written }) });
      onWrite();
    } finally {
      busy.current = false;
      setSaving(false);
    }
  }

  return (
    <section class="sos" aria-labelledby="sos-title">
      <h3 id="sos-title">Alert my care team</h3>
      <p>
        Your care team will see an urgent alert.
        {emergency ? (
          <>
            {" "}
            If you are in danger now, call{" "}
            <a href={`tel:${emergency.contact.replace(/\s/g, "")}`}>{emergency.contact}</a>.
          </>
        ) : null}
      </p>
      {/* aria-disabled, not disabled: the button keeps keyboard focus while it rests (the handler ignores it). */}
      <button
        type="button"
        class="sos-button"
        aria-disabled={saving || waiting}
        aria-describedby="sos-state"
        onClick={() => void alert()}
        data-testid="sos-button"
      >
        {status?.state === "delivered" ? "Alert my care team again" : "Alert my care team"}
      </button>
      <div id="sos-state">
        <FlagStatus status={status} kind="sos" timeZone={timeZone} />
      </div>
    </section>
  );
}
