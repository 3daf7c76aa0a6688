/** A word for each mood on the 1–10 scale, lowest first: what the scale and the history say. */
export const MOOD_WORDS = [
  "awful",
  "very low",
  "low",
  "down",
  "so-so",
  "okay",
  "good",
  "very good",
  "great",
  "amazing",
] as const;

/**
 * The word for a mood (1–10); an out-of-range mood gets the nearest end's.
 *
 * @example
 * moodWord(7) // "good"
 */
export function moodWord(mood: number): string {
  const i = Math.min(MOOD_WORDS.length, Math.max(1, Math.round(mood))) - 1;
  return MOOD_WORDS[i] ?? "";
}
