/**
 * Pet rules, numbers from the Healing Space seed (`shadowWolf88/python-chat-bot`, api.py 11828–12452).
 * A kindness mechanic: the pet never dies, never runs away, and decay stops at a floor.
 * Prices and effects live here and on the server only; the client never sends a price.
 */

/** Object.freeze without TypeScript 5's literal inference, so `FEED.price` is a number, not the type `10`. */
function frozen<T extends object>(value: T): Readonly<T> {
  return Object.freeze(value);
}

/**
 * The four pet stats, in display order.
 * @example PET_STATS.includes("hygiene") // true
 */
export const PET_STATS = ["hunger", "happiness", "energy", "hygiene"] as const;

/** @example const stat: PetStat = "energy"; */
export type PetStat = (typeof PET_STATS)[number];

/**
 * Integer stats in 0..100.
 * @example const stats: PetStats = { hunger: 70, happiness: 70, energy: 70, hygiene: 80 };
 */
export type PetStats = Record<PetStat, number>;

/**
 * A newly adopted pet's stats.
 * @example PET_START.hygiene // 80
 */
export const PET_START: Readonly<PetStats> = frozen({ hunger: 70, happiness: 70, energy: 70, hygiene: 80 });

/**
 * Decay never takes a stat below this; a stat already below it stays where it is.
 * @example decayPet({ ...PET_START, hunger: 21 }, 0, 100 * 3_600_000).hunger // 20
 */
export const PET_STAT_FLOOR = 20;

const STAT_MAX = 100;

/**
 * Species a patient can adopt; "dog" first because it is the seed's default.
 * @example PET_SPECIES[0] // "dog"
 */
export const PET_SPECIES = ["dog", "cat", "fox", "owl", "rabbit", "dragon"] as const;

/** @example const species: PetSpecies = "fox"; */
export type PetSpecies = (typeof PET_SPECIES)[number];

/** @example const stage: PetStage = petStage(0); // "baby" */
export type PetStage = "baby" | "child" | "adult";

/**
 * Growth stage for a pet's XP: child from 500, adult from 1,500. Anything not a number ≥ 0 is a baby.
 * @example petStage(499) // "baby"
 * @example petStage(1500) // "adult"
 */
export function petStage(petXp: number): PetStage {
  if (petXp >= 1500) return "adult";
  if (petXp >= 500) return "child";
  return "baby";
}

/** Hunger and energy lose a point every 10/3 h (0.3 per hour); hygiene one every 10 h (0.1 per hour). */
const MS_PER_FAST_POINT = 12_000_000;
const MS_PER_SLOW_POINT = 36_000_000;

/**
 * Stats after the time between two instants, computed on read so it is deterministic for a given clock.
 * Hunger and energy lose ⌊hours × 0.3⌋, hygiene ⌊hours × 0.1⌋, happiness nothing; none falls below
 * {@link PET_STAT_FLOOR}. No time, negative time or a non-finite instant leaves the stats unchanged.
 * @example decayPet(PET_START, 0, 10 * 3_600_000) // { hunger: 67, happiness: 70, energy: 67, hygiene: 79 }
 */
export function decayPet(stats: PetStats, fromMs: number, toMs: number): PetStats {
  const elapsedMs = toMs - fromMs;
  if (!Number.isFinite(elapsedMs) || elapsedMs <= 0) return { ...stats };
  // hours × 0.3 = ms / 12e6 and hours × 0.1 = ms / 36e6: one division of exact integers, so a whole
  // number of points is never floored one short (after 23 h 20 min, hours × 0.3 is 6.999999999999999).
  const fast = Math.floor(elapsedMs / MS_PER_FAST_POINT);
  const slow = Math.floor(elapsedMs / MS_PER_SLOW_POINT);
  return {
    hunger: decayStat(stats.hunger, fast),
    happiness: stats.happiness,
    energy: decayStat(stats.energy, fast),
    hygiene: decayStat(stats.hygiene, slow),
  };
}

function decayStat(value: number, loss: number): number {
  return Math.min(value, Math.max(PET_STAT_FLOOR, value - loss));
}

/**
 * What every XP-earning wellbeing action gives the pet: +3 on every stat (max 100) and +15 pet XP.
 * @example WELLBEING_BONUS.petXp // 15
 */
export const WELLBEING_BONUS = frozen({ stats: 3, petXp: 15 });

/**
 * Adds the wellbeing bonus to every stat, capped at 100.
 * @example applyWellbeingBonus({ hunger: 99, happiness: 50, energy: 20, hygiene: 100 })
 * // { hunger: 100, happiness: 53, energy: 23, hygiene: 100 }
 */
export function applyWellbeingBonus(stats: PetStats): PetStats {
  const n = WELLBEING_BONUS.stats;
  return applyEffects(stats, { hunger: n, happiness: n, energy: n, hygiene: n });
}

/**
 * Feeding: hunger +30 for 10 coins.
 * @example FEED.price // 10
 */
export const FEED = frozen({ price: 10, hunger: 30 });

/** @example const id: ShopItemId = "crown"; */
export type ShopItemId = "apple" | "cupcake" | "top_hat" | "bow" | "crown";

/**
 * A shop item. Cosmetics have no stat effects.
 * @example const item: ShopItem = SHOP_ITEMS.apple;
 */
export interface ShopItem {
  id: ShopItemId;
  name: string;
  price: number;
  kind: "food" | "cosmetic";
  effects: Partial<PetStats>;
}

/**
 * The shop, priced in coins.
 * @example SHOP_ITEMS.cupcake.effects // { hunger: 40, happiness: 10 }
 */
export const SHOP_ITEMS: Readonly<Record<ShopItemId, ShopItem>> = frozen({
  apple: { id: "apple", name: "Apple", price: 10, kind: "food", effects: { hunger: 20 } },
  cupcake: { id: "cupcake", name: "Cupcake", price: 25, kind: "food", effects: { hunger: 40, happiness: 10 } },
  top_hat: { id: "top_hat", name: "Top hat", price: 100, kind: "cosmetic", effects: {} },
  bow: { id: "bow", name: "Bow", price: 100, kind: "cosmetic", effects: {} },
  crown: { id: "crown", name: "Crown", price: 500, kind: "cosmetic", effects: {} },
});

/**
 * Whether a string (say a route parameter) names a shop item; inherited keys such as "toString" do not.
 * @example isShopItemId("bow") // true
 * @example isShopItemId("toString") // false
 */
export function isShopItemId(id: string): id is ShopItemId {
  return Object.hasOwn(SHOP_ITEMS, id);
}

/**
 * Adds each effect to its stat and clamps the result to 0..100; a missing or non-finite effect changes nothing.
 * @example applyEffects({ hunger: 90, happiness: 5, energy: 50, hygiene: 50 }, { hunger: 20, happiness: -10 })
 * // { hunger: 100, happiness: 0, energy: 50, hygiene: 50 }
 */
export function applyEffects(stats: PetStats, effects: Partial<PetStats>): PetStats {
  const next = { ...stats };
  for (const stat of PET_STATS) {
    const delta = effects[stat];
    if (delta === undefined || !Number.isFinite(delta)) continue;
    next[stat] = Math.min(STAT_MAX, Math.max(0, stats[stat] + delta));
  }
  return next;
}

/**
 * Declutter ("throw away worries"): its rewards and how long until it can be done again.
 * @example DECLUTTER.cooldownMs // 14_400_000
 */
export const DECLUTTER = frozen({ hygiene: 40, happiness: 5, petXp: 15, coins: 5, cooldownMs: 4 * 3600_000 });

/**
 * Whether a declutter is allowed: never done before, or at least 4 h since the last one.
 * @example declutterReady(null, 0) // true
 * @example declutterReady(0, 4 * 3_600_000 - 1) // false
 */
export function declutterReady(lastDeclutterMs: number | null, nowMs: number): boolean {
  if (lastDeclutterMs === null) return true;
  return nowMs - lastDeclutterMs >= DECLUTTER.cooldownMs;
}

/**
 * Adventure: the energy it needs and costs, how long it lasts, and what it brings back.
 * @example ADVENTURE.durationMs // 1_800_000
 */
export const ADVENTURE = frozen({
  minEnergy: 20,
  energyCost: 20,
  durationMs: 30 * 60_000,
  petXp: 20,
  minCoins: 10,
  maxCoins: 50,
});

/**
 * Why a pet action was refused; stable codes for the API and the outbox.
 * @example const why: PetRejection = "PET_TOO_TIRED";
 */
export type PetRejection =
  | "PET_AWAY"
  | "PET_TOO_TIRED"
  | "ADVENTURE_NOT_OVER"
  | "NOT_ON_ADVENTURE"
  | "DECLUTTER_COOLDOWN"
  | "NOT_ENOUGH_COINS";

/**
 * Whether the pet may set off: not already away, and energy of at least 20. `null` means it may.
 * @example canStartAdventure(PET_START, null) // null
 * @example canStartAdventure({ ...PET_START, energy: 19 }, null) // "PET_TOO_TIRED"
 */
export function canStartAdventure(stats: PetStats, adventureStartedMs: number | null): PetRejection | null {
  if (adventureStartedMs !== null) return "PET_AWAY";
  if (!(stats.energy >= ADVENTURE.minEnergy)) return "PET_TOO_TIRED";
  return null;
}

/**
 * Whether the pet may be welcomed back: it is away and 30 minutes have passed. `null` means it may.
 * @example canReturn(null, 0) // "NOT_ON_ADVENTURE"
 * @example canReturn(0, 30 * 60_000) // null
 */
export function canReturn(adventureStartedMs: number | null, nowMs: number): PetRejection | null {
  if (adventureStartedMs === null) return "NOT_ON_ADVENTURE";
  if (!(nowMs - adventureStartedMs >= ADVENTURE.durationMs)) return "ADVENTURE_NOT_OVER";
  return null;
}

/** How the pet seems, in kind words (never guilt): from the mean of its four stats. */
export type PetMood = "joyful" | "content" | "sleepy";

/**
 * The pet's mood for the Sanctum: joyful at a mean of 70 or more, content from 45, otherwise
 * sleepy (stats never fall below the floor, so the pet is never shown suffering).
 * @example petMood(PET_START) // "joyful"
 * @example petMood({ hunger: 20, happiness: 20, energy: 20, hygiene: 20 }) // "sleepy"
 */
export function petMood(stats: PetStats): PetMood {
  const mean = (stats.hunger + stats.happiness + stats.energy + stats.hygiene) / 4;
  if (mean >= 70) return "joyful";
  if (mean >= 45) return "content";
  return "sleepy";
}
