/**
 * Levels, tiers and the XP and coin amounts of PRODUCT.md "Progression rules". Pure arithmetic:
 * the server decides with it and the client predicts with the same code.
 *
 * XP totals may reach 2^53 − 1, where `50·L·(L−1)` for the next level no longer fits a double
 * exactly, so the level arithmetic runs on BigInt and only small results come back as numbers.
 */

/** How hard a habit or quest is; sets its XP. */
export type Difficulty = "easy" | "medium" | "hard";

/** Every difficulty, easiest first (the order forms list them in). */
export const DIFFICULTIES: readonly Difficulty[] = ["easy", "medium", "hard"];

/**
 * XP for one habit completion.
 *
 * @example
 * HABIT_XP.hard // 20
 */
export const HABIT_XP: Record<Difficulty, number> = { easy: 10, medium: 15, hard: 20 };

/**
 * XP for completing a quest (awarded once, ever).
 *
 * @example
 * QUEST_XP.medium // 100
 */
export const QUEST_XP: Record<Difficulty, number> = { easy: 50, medium: 100, hard: 200 };

/**
 * XP for the first mood check-in of the user's local day; later ones that day earn 0.
 *
 * @example
 * FIRST_MOOD_OF_DAY_XP // 5
 */
export const FIRST_MOOD_OF_DAY_XP = 5;

/**
 * Coins for every action that earns XP (> 0); an undo takes them back.
 *
 * @example
 * COINS_PER_XP_ACTION // 5
 */
export const COINS_PER_XP_ACTION = 5;

/**
 * Most XP habit completions can earn on one local day.
 *
 * @example
 * DAILY_HABIT_XP_CAP // 1000
 */
export const DAILY_HABIT_XP_CAP = 1000;

/**
 * The tiers, lowest first.
 *
 * @example
 * TIERS[0] // "Seedling"
 */
export const TIERS = ["Seedling", "Sprout", "Bloom", "Grove", "Ancient"] as const;

/** One of {@link TIERS}. */
export type Tier = (typeof TIERS)[number];

function xpForLevelBig(level: bigint): bigint {
  return 50n * level * (level - 1n);
}

/** floor(√n), exact for any size: Math.sqrt gives the start, integer Newton steps correct it. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let r = BigInt(Math.floor(Math.sqrt(Number(n))));
  // One Newton step from below lands at or above floor(√n); from above, Newton only descends.
  if ((r + 1n) * (r + 1n) <= n) r = (r + n / r) / 2n;
  while (r * r > n) r = (r + n / r) / 2n;
  return r;
}

/** The level for a whole, non-negative XP total. */
function levelForXpBig(xp: bigint): bigint {
  // 50·L·(L−1) ≤ xp  ⇔  L·(L−1) ≤ q where q = ⌊xp/50⌋  ⇔  (2L−1)² ≤ 4q+1.
  const q = xp / 50n;
  return (isqrt(4n * q + 1n) + 1n) / 2n;
}

/** A finite XP total as a whole non-negative BigInt; anything else counts as 0. */
function wholeXp(xp: number): bigint {
  return Number.isFinite(xp) && xp > 0 ? BigInt(Math.floor(xp)) : 0n;
}

/**
 * Total XP needed to reach `level`: 50·L·(L−1). Fractional levels are floored; levels below 1
 * and NaN need 0; +Infinity needs Infinity. Exact for every level reachable with XP up to 2^53;
 * past Number.MAX_SAFE_INTEGER the result is the nearest double, still above every safe XP total.
 *
 * @example
 * xpForLevel(1) // 0
 * xpForLevel(3) // 300
 */
export function xpForLevel(level: number): number {
  if (Number.isNaN(level) || level < 1) return 0;
  if (level === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return Number(xpForLevelBig(BigInt(Math.floor(level))));
}

/**
 * The largest level L with xpForLevel(L) ≤ xp. Exact for every integer XP up to 2^53 − 1 (and
 * beyond); negative, NaN or infinite XP is level 1.
 *
 * @example
 * levelForXp(0) // 1
 * levelForXp(299) // 2
 * levelForXp(300) // 3
 */
export function levelForXp(xp: number): number {
  return Number(levelForXpBig(wholeXp(xp)));
}

/**
 * The tier of a level: Seedling 1–9, Sprout 10–19, Bloom 20–29, Grove 30–49, Ancient 50+.
 * Levels below 1 and NaN are Seedling.
 *
 * @example
 * tierForLevel(9) // "Seedling"
 * tierForLevel(50) // "Ancient"
 */
export function tierForLevel(level: number): Tier {
  if (level >= 50) return "Ancient";
  if (level >= 30) return "Grove";
  if (level >= 20) return "Bloom";
  if (level >= 10) return "Sprout";
  return "Seedling";
}

/** Everything the Spirit screen shows about progress. */
export interface ProgressView {
  level: number;
  tier: Tier;
  xp: number;
  coins: number;
  /** XP still needed to reach the next level. */
  xpForNextLevel: number;
  /** XP earned since reaching the current level. */
  xpIntoLevel: number;
}

/**
 * The progress summary for an XP total and coin balance. Both are integers in the ledger;
 * negative, NaN or infinite values are shown as 0 and fractions are floored, so the view
 * always satisfies xpIntoLevel ≥ 0 and xpForNextLevel > 0.
 *
 * @example
 * progressView(350, 40)
 * // { level: 3, tier: "Seedling", xp: 350, coins: 40, xpForNextLevel: 250, xpIntoLevel: 50 }
 */
export function progressView(xp: number, coins: number): ProgressView {
  const total = wholeXp(xp);
  const level = levelForXpBig(total);
  return {
    level: Number(level),
    tier: tierForLevel(Number(level)),
    xp: Number(total),
    coins: Number(wholeXp(coins)),
    xpForNextLevel: Number(xpForLevelBig(level + 1n) - total),
    xpIntoLevel: Number(total - xpForLevelBig(level)),
  };
}
