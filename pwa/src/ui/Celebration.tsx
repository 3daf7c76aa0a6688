import { useEffect } from "preact/hooks";
import "./celebration.css";

/** How long a celebration stays before it goes by itself. */
export const CELEBRATION_MS = 4500;

/**
 * A gentle celebration: a few sparkles around a short line ("Level 4 — well done"), announced
 * politely (role=status), silent, gone by itself after a few seconds or at a tap. Under
 * prefers-reduced-motion only the line shows (celebration.css).
 */
export function Celebration({ message, onDone }: { message: string; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, CELEBRATION_MS);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div class="celebration" role="status" data-testid="celebration">
      <span class="sparkles" aria-hidden="true">
        {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => (
          <span key={i} class={`sparkle s${i}`} />
        ))}
      </span>
      <span class="celebration-text">{message}</span>
      <button type="button" class="celebration-close" aria-label="Close" onClick={onDone}>
        ×
      </button>
    </div>
  );
}
