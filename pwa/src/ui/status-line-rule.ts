/**
 * Which one note the status line shows (issue 19): one compact line instead of stacked banners.
 * Notes come in priority order — a storage problem, then offline/syncing, then the clock, then
 * the one-time storage note — and the first one the patient has not dismissed wins. A note's key
 * carries what it says, so dismissing hides it only until it changes (a new pending count, a
 * different problem); a problem or offline state that persists with the same words stays hidden
 * only for this page.
 */
export type StatusKind = "storage-problem" | "sync" | "clock" | "storage-note";

export interface StatusNote {
  kind: StatusKind;
  /** What identifies this note's content, for dismissal. */
  key: string;
  text: string;
  /** The test id the note has always had (sync-banner, storage-warning, clock-warning). */
  testId: string;
}

const ORDER: readonly StatusKind[] = ["storage-problem", "sync", "clock", "storage-note"];

export interface StatusInputs {
  storageProblem: string | null;
  reachable: boolean;
  pending: number;
  clock: string | null;
  storageNote: string | null;
}

export function pendingText(pending: number): string {
  return pending > 0 ? `${pending} change${pending === 1 ? "" : "s"} waiting to sync.` : "";
}

/** Every note the current state calls for, in priority order. */
export function statusNotes(s: StatusInputs): StatusNote[] {
  const notes: StatusNote[] = [];
  if (s.storageProblem)
    notes.push({
      kind: "storage-problem",
      key: `problem:${s.storageProblem}`,
      text: s.storageProblem,
      testId: "storage-warning",
    });
  if (!s.reachable || s.pending > 0) {
    const head = s.reachable ? "Syncing…" : "You're offline. Your changes are saved on this device.";
    const text = [head, pendingText(s.pending)].filter(Boolean).join(" ");
    notes.push({ kind: "sync", key: `sync:${s.reachable}:${s.pending}`, text, testId: "sync-banner" });
  }
  if (s.clock) notes.push({ kind: "clock", key: `clock:${s.clock}`, text: s.clock, testId: "clock-warning" });
  if (s.storageNote && !s.storageProblem)
    notes.push({ kind: "storage-note", key: "storage-note", text: s.storageNote, testId: "storage-warning" });
  return notes.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

/** The note to show: the first not dismissed, or none. */
export function pickStatus(notes: readonly StatusNote[], dismissed: ReadonlySet<string>): StatusNote | null {
  return notes.find((n) => !dismissed.has(n.key)) ?? null;
}
