/**
 * What the drawn pet looks like for a pet view: its face for its mood, what it wears where, and
 * the words a screen reader hears. Pure, so the art component only draws what this decides.
 */
import {
  type PetMood,
  type PetSpecies,
  type PetStage,
  type PetStats,
  petMood,
  type ShopItemId,
} from "../../../../shared/domain/pet";

/** Where a cosmetic goes: hats and crowns on the head (one at a time), the bow at the neck. */
export type Wearable = Extract<ShopItemId, "top_hat" | "bow" | "crown">;

export interface Outfit {
  /** The newest head piece bought is worn. */
  head: "top_hat" | "crown" | null;
  neck: "bow" | null;
  /** Head pieces not on the head wait on a peg beside the pet, so everything bought shows. */
  beside: ("top_hat" | "crown")[];
}

export interface PetLook {
  species: PetSpecies;
  stage: PetStage;
  mood: PetMood;
  away: boolean;
  outfit: Outfit;
  label: string;
}

const WORN_NAMES: Record<Wearable, string> = { top_hat: "a top hat", bow: "a bow", crown: "a crown" };
const STAGE_WORDS: Record<PetStage, string> = { baby: "a baby", child: "a child", adult: "grown up" };

/**
 * "a" or "an" before a word, by its first sound as spelled (vowel letters; enough for our own words).
 * @example withArticle("adult") // "an adult"
 * @example withArticle("child") // "a child"
 */
export function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/**
 * Which owned cosmetics go where. Unknown ids are ignored; a head piece bought later is worn and
 * the earlier one waits beside the pet.
 * @example outfitFor(["crown", "bow", "top_hat"]) // { head: "top_hat", neck: "bow", beside: ["crown"] }
 */
export function outfitFor(cosmetics: readonly string[]): Outfit {
  const heads = cosmetics.filter((id): id is "top_hat" | "crown" => id === "top_hat" || id === "crown");
  const unique = [...new Set(heads)];
  const head = unique.at(-1) ?? null;
  return { head, neck: cosmetics.includes("bow") ? "bow" : null, beside: unique.filter((id) => id !== head) };
}

/** A list read as English: "a, b and c". */
function joined(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** What the pet wears, read as English ("a top hat and a bow"); "" when nothing. */
export function wornPhrase(outfit: Outfit): string {
  return joined([outfit.head, outfit.neck].filter((id) => id !== null).map((id) => WORN_NAMES[id]));
}

/**
 * Everything the art needs for a pet, with its description.
 * @example petLook({ name: "Pip", species: "fox", stage: "child", stats, away: false, cosmetics: ["bow"] }).label
 * // "Pip the fox, a child, looks joyful, wearing a bow"
 */
export function petLook(pet: {
  name: string;
  species: PetSpecies;
  stage: PetStage;
  stats: PetStats;
  away: boolean;
  cosmetics: readonly string[];
}): PetLook {
  const mood = petMood(pet.stats);
  const outfit = outfitFor(pet.cosmetics);
  const who = `${pet.name} the ${pet.species}, ${STAGE_WORDS[pet.stage]}`;
  if (pet.away) {
    return {
      species: pet.species,
      stage: pet.stage,
      mood,
      away: true,
      outfit,
      label: `${pet.name}'s cushion, empty while ${pet.name} is out exploring`,
    };
  }
  const worn = wornPhrase(outfit);
  const beside = outfit.beside.map((id) => WORN_NAMES[id]);
  let label = `${who}, looks ${mood}`;
  if (worn) label += `, wearing ${worn}`;
  if (beside.length > 0) label += `, with ${joined(beside)} on a peg nearby`;
  return { species: pet.species, stage: pet.stage, mood, away: false, outfit, label };
}

/** Words for a stat's value, high to low; every stat stays at 20 or more, so the lowest word is still kind. */
const STAT_WORDS: Record<keyof PetStats, [string, string, string, string]> = {
  hunger: ["Full", "Satisfied", "Peckish", "Ready for a meal"],
  happiness: ["Delighted", "Cheerful", "Calm", "Quiet"],
  energy: ["Bouncy", "Lively", "Relaxed", "Sleepy"],
  hygiene: ["Sparkling", "Clean", "A bit scruffy", "Ready for a tidy"],
};

/**
 * A word for a stat's value: 80 and up, 55 and up, 35 and up, below.
 * @example statWord("hunger", 100) // "Full"
 * @example statWord("energy", 20) // "Sleepy"
 */
export function statWord(stat: keyof PetStats, value: number): string {
  const [high, good, middle, low] = STAT_WORDS[stat];
  if (value >= 80) return high;
  if (value >= 55) return good;
  if (value >= 35) return middle;
  return low;
}

/**
 * Whole days since adoption, by the device's calendar; never negative.
 * @example daysTogether("2026-11-01T10:00:00Z", Date.parse("2026-11-24T09:00:00Z")) // 23 (in UTC)
 */
export function daysTogether(adoptedAt: string, nowMs: number): number {
  const from = new Date(adoptedAt);
  const to = new Date(nowMs);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return 0;
  const dayOf = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.max(0, Math.round((dayOf(to) - dayOf(from)) / 86_400_000));
}

/**
 * The line about time together: "Adopted today", "Together for 1 day", "Together for 23 days".
 * @example togetherLine(0) // "Adopted today"
 */
export function togetherLine(days: number): string {
  if (days <= 0) return "Adopted today";
  return `Together for ${days} day${days === 1 ? "" : "s"}`;
}
