import { useState } from "preact/hooks";
import { pickStatus, type StatusNote } from "./status-line-rule";
import "./status-line.css";

/**
 * One compact, dismissible line for the most important note (offline, a storage problem, the
 * clock, the one-time storage note). The line shows one row; tapping it shows the whole text.
 */
export function StatusLine({
  notes,
  onDismiss,
}: {
  notes: readonly StatusNote[];
  onDismiss?: (n: StatusNote) => void;
}) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState(false);
  const note = pickStatus(notes, dismissed);
  if (!note) return null;
  return (
    <div class={`status-line ${note.kind}`} role="status">
      <button
        type="button"
        class={`status-text${open ? " open" : ""}`}
        aria-expanded={open}
        data-testid={note.testId}
        onClick={() => setOpen((o) => !o)}
      >
        {note.text}
      </button>
      <button
        type="button"
        class="status-close"
        aria-label="Hide this note"
        onClick={() => {
          setDismissed(new Set([...dismissed, note.key]));
          setOpen(false);
          onDismiss?.(note);
        }}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
