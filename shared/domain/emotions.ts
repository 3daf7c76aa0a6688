/**
 * The emotion words a check-in offers, organised like a mood meter (How We Feel, the Yale mood
 * meter): energy (high or low) × pleasantness. A chosen word is stored as one of the check-in's
 * optional tags, lower-case, so a care team reads it as the patient picked it.
 */

export type Energy = "high" | "low";
export type Pleasantness = "pleasant" | "unpleasant";

export interface EmotionQuadrant {
  energy: Energy;
  pleasantness: Pleasantness;
  /** A short plain-English heading for the group. */
  label: string;
  words: readonly string[];
}

/**
 * Six words per quadrant, no word in two quadrants.
 *
 * @example
 * EMOTION_QUADRANTS[0].words[0] // "anxious"
 */
export const EMOTION_QUADRANTS: readonly EmotionQuadrant[] = [
  {
    energy: "high",
    pleasantness: "unpleasant",
    label: "Wound up",
    words: ["anxious", "stressed", "angry", "frustrated", "overwhelmed", "restless"],
  },
  {
    energy: "low",
    pleasantness: "unpleasant",
    label: "Low",
    words: ["sad", "tired", "lonely", "numb", "disappointed", "hopeless"],
  },
  {
    energy: "high",
    pleasantness: "pleasant",
    label: "Bright",
    words: ["excited", "proud", "joyful", "hopeful", "energised", "motivated"],
  },
  {
    energy: "low",
    pleasantness: "pleasant",
    label: "Settled",
    words: ["calm", "content", "grateful", "relaxed", "peaceful", "safe"],
  },
];

/** Everyday topics offered as tags beside the emotion words. */
export const TOPIC_TAGS: readonly string[] = ["work", "family", "friends", "health", "exercise", "sleep"];

/**
 * The contract's limits on a check-in's tags (shared/schemas/wellbeing.ts TAG_MAX, TAGS_MAX; a
 * test keeps them equal). Kept here so the Today screen does not load the schemas.
 */
export const TAG_LIMITS = { tagMax: 40, tagsMax: 20 } as const;

const QUADRANT_OF = new Map(EMOTION_QUADRANTS.flatMap((q) => q.words.map((w) => [w, q] as const)));

/**
 * The quadrant an emotion word belongs to, or null for any other tag.
 *
 * @example
 * quadrantOf("Calm")?.pleasantness // "pleasant"
 * quadrantOf("work") // null
 */
export function quadrantOf(tag: string): EmotionQuadrant | null {
  return QUADRANT_OF.get(tag.trim().toLowerCase()) ?? null;
}

/**
 * A typed tag as it is stored: trimmed, inner spaces collapsed, lower-case; null when empty or
 * longer than the contract allows.
 *
 * @example
 * normaliseTag("  Long   Walk ") // "long walk"
 */
export function normaliseTag(raw: string): string | null {
  const tag = raw.trim().replace(/\s+/g, " ").toLowerCase();
  if (tag.length === 0 || tag.length > TAG_LIMITS.tagMax) return null;
  return tag;
}

/**
 * The tags with `raw` switched on or off: removed if present, else added at the end while there
 * is room. Never mutates `tags`; an invalid tag, or one past the limit, leaves them as they were.
 *
 * @example
 * toggleTag(["calm"], "Calm") // []
 * toggleTag([], "work") // ["work"]
 */
export function toggleTag(tags: readonly string[], raw: string): string[] {
  const tag = normaliseTag(raw);
  if (tag === null) return [...tags];
  if (tags.includes(tag)) return tags.filter((t) => t !== tag);
  if (tags.length >= TAG_LIMITS.tagsMax) return [...tags];
  return [...tags, tag];
}
