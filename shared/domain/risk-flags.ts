/**
 * Risk flags: what staff need to act on one (issue 12, item 4). A flag has a level, a source, the
 * C-SSRS category matched (never the patient's words) and a status that moves
 * open → acknowledged → resolved, each step with who, when and (to resolve, required) a note.
 * One place for the rules; the Worker stores and serves them, the PWA shows them.
 */

/**
 * How urgent a flag is. `high`: help now (the crisis answer was shown; staff are told at once).
 * `medium`: suicidal or self-harm content without acute signs. `low`: a concern (a low mood).
 * @example const level: FlagLevel = "high";
 */
export type FlagLevel = "high" | "medium" | "low";

/** Every level, most urgent first. */
export const FLAG_LEVELS: readonly FlagLevel[] = ["high", "medium", "low"];

/**
 * What raised a flag: risk language in the companion, a low mood check-in, PHQ-9 item 9, a
 * C-SSRS screen, or the patient's own "Alert my care team" (SOS).
 * @example const source: FlagSource = "sos";
 */
export type FlagSource = "companion" | "low_mood" | "phq9_item9" | "cssrs" | "sos";

/** Every source. */
export const FLAG_SOURCES: readonly FlagSource[] = ["companion", "low_mood", "phq9_item9", "cssrs", "sos"];

/**
 * The C-SSRS screener's categories (and the two the screener leaves to clinical judgement,
 * self-harm and hopelessness), in order of severity, most severe first. A flag names the most
 * severe category its source matched; a low mood or an SOS names none.
 *
 * - `behaviour`: an attempt, an interrupted or aborted attempt, or an ingestion already done;
 * - `preparation`: acts towards an attempt (saving tablets, a will, goodbyes, a date set);
 * - `imminence`: it is about to happen ("tonight", "this is goodbye", on the way to a place);
 * - `plan`: worked-out details (how, where, when);
 * - `intent`: intends to act;
 * - `method`: thinks of how (a named method with the writer as its object);
 * - `self-harm`: non-suicidal self-injury, urges or acts;
 * - `suicidal-thoughts`: active but non-specific thoughts of killing oneself;
 * - `wish-to-be-dead`: passive ideation (wishing not to wake up, to be dead);
 * - `hopelessness`: no point in living, a burden to others.
 * @example const category: CssrsCategory = "preparation";
 */
export type CssrsCategory =
  | "behaviour"
  | "preparation"
  | "imminence"
  | "plan"
  | "intent"
  | "method"
  | "self-harm"
  | "suicidal-thoughts"
  | "wish-to-be-dead"
  | "hopelessness";

/** Every category, most severe first. */
export const CSSRS_CATEGORIES: readonly CssrsCategory[] = [
  "behaviour",
  "preparation",
  "imminence",
  "plan",
  "intent",
  "method",
  "self-harm",
  "suicidal-thoughts",
  "wish-to-be-dead",
  "hopelessness",
];

/** Categories that are acute by the C-SSRS triage: the patient needs help now. */
export const ACUTE_CATEGORIES: ReadonlySet<CssrsCategory> = new Set([
  "behaviour",
  "preparation",
  "imminence",
  "plan",
  "intent",
  "method",
]);

/**
 * The more severe of two categories (either may be absent).
 * @example moreSevere("wish-to-be-dead", "plan") // "plan"
 */
export function moreSevere(a: CssrsCategory | null, b: CssrsCategory | null): CssrsCategory | null {
  if (a === null) return b;
  if (b === null) return a;
  return CSSRS_CATEGORIES.indexOf(a) <= CSSRS_CATEGORIES.indexOf(b) ? a : b;
}

/**
 * Where a flag is in its handling.
 * @example const status: FlagStatus = "acknowledged";
 */
export type FlagStatus = "open" | "acknowledged" | "resolved";

/** Every status, in the order a flag moves through them. */
export const FLAG_STATUSES: readonly FlagStatus[] = ["open", "acknowledged", "resolved"];

/** What staff do to a flag. */
export type FlagAction = "acknowledge" | "resolve";

/**
 * The status a flag moves to, or null when the action does not apply. Acknowledging an
 * acknowledged flag is a no-op (null: nothing to write); resolving an open flag acknowledges it
 * too (whoever resolves it has seen it); a resolved flag stays resolved.
 * @example nextFlagStatus("open", "acknowledge") // "acknowledged"
 * @example nextFlagStatus("resolved", "acknowledge") // null
 */
export function nextFlagStatus(current: FlagStatus, action: FlagAction): FlagStatus | null {
  if (current === "resolved") return null;
  if (action === "resolve") return "resolved";
  return current === "open" ? "acknowledged" : null;
}

/** A note on acknowledging or resolving: 1–2,000 characters. */
export const FLAG_NOTE_MAX = 2_000;

/**
 * The level each rule raises. PHQ-9 item 9 (thoughts of being better off dead or of hurting
 * oneself) is ideation: medium. A mood of 3 or less is a concern, not a crisis: low. An SOS is
 * always high. The companion and the C-SSRS screen carry their own level.
 * @example RULE_LEVELS.sos // "high"
 */
export const RULE_LEVELS = { low_mood: "low", phq9_item9: "medium", sos: "high" } as const satisfies Partial<
  Record<FlagSource, FlagLevel>
>;

/**
 * The category each fixed rule names: PHQ-9 item 9 asks about wishing to be dead or hurting
 * oneself, so `wish-to-be-dead`; a low mood and an SOS name none.
 * @example RULE_CATEGORIES.phq9_item9 // "wish-to-be-dead"
 */
export const RULE_CATEGORIES = { low_mood: null, phq9_item9: "wish-to-be-dead", sos: null } as const satisfies Partial<
  Record<FlagSource, CssrsCategory | null>
>;

const LEVEL_RANK: Readonly<Record<FlagLevel, number>> = { high: 0, medium: 1, low: 2 };
const STATUS_RANK: Readonly<Record<FlagStatus, number>> = { open: 0, acknowledged: 1, resolved: 2 };

/**
 * Staff order: unresolved before resolved, then by level (high first), then open before
 * acknowledged, then newest first. A high flag is never listed below a medium one that is
 * equally unresolved.
 * @example [medium, high].sort(compareFlags) // [high, medium]
 */
export function compareFlags(
  a: { level: FlagLevel; status: FlagStatus; createdAt: number },
  b: { level: FlagLevel; status: FlagStatus; createdAt: number },
): number {
  const resolved = Number(a.status === "resolved") - Number(b.status === "resolved");
  if (resolved !== 0) return resolved;
  const level = LEVEL_RANK[a.level] - LEVEL_RANK[b.level];
  if (level !== 0) return level;
  const status = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (status !== 0) return status;
  return b.createdAt - a.createdAt;
}

/**
 * The most urgent of some levels, or null for none.
 * @example highestLevel(["low", "high"]) // "high"
 */
export function highestLevel(levels: Iterable<FlagLevel>): FlagLevel | null {
  let best: FlagLevel | null = null;
  for (const level of levels) if (best === null || LEVEL_RANK[level] < LEVEL_RANK[best]) best = level;
  return best;
}
