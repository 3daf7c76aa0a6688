import type { FlagLevel } from "../../../shared/domain/risk-flags";

const LEVELS: readonly FlagLevel[] = ["high", "medium", "low"];

/** Unresolved flags by level, most urgent first; nothing when there are none. */
export function FlagBadges({ byLevel }: { byLevel: Record<FlagLevel, number> }) {
  const shown = LEVELS.filter((level) => byLevel[level] > 0);
  if (shown.length === 0) return <span class="muted">None</span>;
  return (
    <span class="flag-badges">
      {shown.map((level) => (
        <span key={level} class={`flag-badge ${level}`} data-level={level}>
          {byLevel[level]} {level}
        </span>
      ))}
    </span>
  );
}

/** One flag's level, as a badge. */
export function FlagLevelBadge({ level }: { level: FlagLevel }) {
  return (
    <span class={`flag-badge ${level}`} data-level={level}>
      {level}
    </span>
  );
}
