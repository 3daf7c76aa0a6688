import { useState } from "preact/hooks";
import type { FlagView } from "../../../shared/schemas/staff";
import { api } from "../api/session";
import { careWrite, invalidate } from "./care-data";
import { dateTime } from "./labels";

/** The cache keys a flag's handling changes: the inbox, the caseload, the patient's screens. */
export function flagKeys(patientId: string): string[] {
  return ["inbox", "caseload", `patient:${patientId}`, `flags:${patientId}`, `summary:${patientId}`];
}

/** Who handled a flag, when, and what they wrote. */
export function FlagHistory({ flag }: { flag: FlagView }) {
  const steps = [
    ["Acknowledged", flag.acknowledged],
    ["Resolved", flag.resolved],
  ] as const;
  return (
    <>
      {steps.map(([what, step]) =>
        step ? (
          <p key={what} class="flag-step">
            {what} by {step.by?.displayName ?? "a former staff member"}, {dateTime(step.at)}
            {step.note ? <>: “{step.note}”</> : null}
          </p>
        ) : null,
      )}
    </>
  );
}

/**
 * Acknowledge (with an optional note) and resolve (with a note of what was done) one flag:
 * clinicians only, online only. The forms open one at a time; a refusal is said in place.
 */
export function FlagActions({ flag, patientId }: { flag: FlagView; patientId: string }) {
  const [open, setOpen] = useState<"acknowledge" | "resolve" | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (flag.status === "resolved") return null;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy || !open) return;
    const trimmed = note.trim();
    if (open === "resolve" && !trimmed) {
      setError("Say what was done: resolving a flag needs a note.");
      return;
    }
    setBusy(true);
    setError(null);
    const param = { id: patientId, flagId: flag.id };
    const outcome = await careWrite(() =>
      open === "acknowledge"
        ? api.staff.patients[":id"].flags[":flagId"].acknowledge.$post({
            param,
            json: trimmed ? { note: trimmed } : {},
          })
        : api.staff.patients[":id"].flags[":flagId"].resolve.$post({ param, json: { note: trimmed } }),
    );
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setOpen(null);
    setNote("");
    invalidate(...flagKeys(patientId));
  }

  const noteId = `note-${flag.id}`;
  return (
    <div class="flag-actions">
      {open === null ? (
        <>
          {flag.status === "open" ? (
            <button type="button" onClick={() => setOpen("acknowledge")}>
              Acknowledge
            </button>
          ) : null}
          <button type="button" class="secondary" onClick={() => setOpen("resolve")}>
            Resolve
          </button>
        </>
      ) : (
        <form onSubmit={submit} aria-label={open === "acknowledge" ? "Acknowledge the flag" : "Resolve the flag"}>
          <label for={noteId}>{open === "acknowledge" ? "Note (optional)" : "What was done (needed to resolve)"}</label>
          <textarea
            id={noteId}
            rows={2}
            maxLength={2000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
            aria-required={open === "resolve"}
          />
          <div class="row">
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : open === "acknowledge" ? "Acknowledge" : "Resolve"}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setOpen(null);
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
