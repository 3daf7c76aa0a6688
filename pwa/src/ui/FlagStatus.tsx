import type { OpStatus } from "../data/op-status";
import { friendlyDateTime } from "./dates";

/** Whether the server's answer to a check-in says it raised a flag for the care team. */
function flagRaised(result: unknown): boolean {
  return (result as { safety?: { flagRaised?: boolean } } | null)?.safety?.flagRaised === true;
}

/**
 * Where a flag for the care team stands, in one plain line: pending (saved here, sent at the
 * next sync), delivered (the server has it: it is on the care team's list, which is all the
 * patient is told, since nobody is paged yet), or refused (with the reason and what to do).
 * `sos`: the patient's own "Alert my care team"; `check-in`: a flag a check-in raises (a low
 * mood, PHQ-9 item 9), whose delivery is the check-in's own.
 */
export function FlagStatus({
  status,
  kind,
  timeZone,
}: {
  status: OpStatus | null;
  kind: "sos" | "check-in";
  timeZone?: string;
}) {
  if (!status) return null;
  const at = friendlyDateTime(status.at, timeZone);
  let text: string;
  if (status.state === "pending") {
    text =
      kind === "sos"
        ? `Pending: your alert is saved on this device (${at}) and is waiting to send. It goes to your care team as soon as there is a connection.`
        : `Your care team will be told, so they can check in with you. Pending: saved on this device (${at}); it will reach them at the next sync.`;
  } else if (status.state === "delivered") {
    text =
      kind === "sos"
        ? `Delivered at ${at}: your care team can now see your alert, marked urgent. If you are in danger now, do not wait for them: call a number here.`
        : flagRaised(status.result)
          ? `Delivered at ${at}: your care team can now see this, so they can check in with you.`
          : `Saved at ${at}. Your care team can see your check-ins.`;
  } else {
    const reason = `${status.error.message.replace(/[.\s]+$/, "")}.`;
    text =
      kind === "sos"
        ? `Not sent (${at}): ${reason} Please call one of the numbers here, or try again.`
        : `Not saved (${at}): ${reason} Your care team has not been told through it. If you would like them to know, you can tell them directly.`;
  }
  return (
    <p class={`flag-status ${status.state}`} role="status" data-testid="flag-status" data-state={status.state}>
      {text}
    </p>
  );
}
