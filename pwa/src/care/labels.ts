import type { CssrsCategory, FlagSource, FlagStatus } from "../../../shared/domain/risk-flags";

/** Where a risk flag came from, in words staff use. */
export const FLAG_SOURCE_NAMES: Record<FlagSource, string> = {
  companion: "AI companion conversation",
  low_mood: "Low mood check-in",
  phq9_item9: "PHQ-9 item 9",
  cssrs: "C-SSRS screener",
  sos: "Patient alerted the care team",
};

/** The C-SSRS category a flag falls in (the most serious answer). */
export const CATEGORY_NAMES: Record<CssrsCategory, string> = {
  behaviour: "Suicidal behaviour",
  preparation: "Preparation",
  imminence: "Imminent",
  plan: "Plan",
  intent: "Intent",
  method: "Method",
  "self-harm": "Self-harm",
  "suicidal-thoughts": "Suicidal thoughts",
  "wish-to-be-dead": "Wish to be dead",
  hopelessness: "Hopelessness",
};

export const FLAG_STATUS_NAMES: Record<FlagStatus, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
};

/** A date and time as a clinician reads it, in this browser's locale and zone. */
export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** "3 hours ago"-style distance, or the date beyond a week. */
export function sinceText(iso: string | null, now = Date.now()): string {
  if (!iso) return "Never";
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return "Just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days <= 7) return `${days} day${days === 1 ? "" : "s"} ago`;
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** A week's mood against the week before: an arrow to show and the words it stands for. */
export function trendText(trend: number | null): { arrow: string; words: string } {
  if (trend === null) return { arrow: "", words: "" };
  if (Math.abs(trend) < 0.5) return { arrow: "→", words: "steady on the week before" };
  return trend > 0
    ? { arrow: "↑", words: `up ${trend.toFixed(1)} on the week before` }
    : { arrow: "↓", words: `down ${Math.abs(trend).toFixed(1)} on the week before` };
}
