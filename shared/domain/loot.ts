/**
 * What a pet brings back from an adventure. Drawn on the server with randomness passed in, so a test
 * (or a replay) with the same sequence of draws gets the same reward.
 */
import { ADVENTURE } from "./pet";

/** @example const rarity: Rarity = "rare"; */
export type Rarity = "common" | "uncommon" | "rare" | "legendary";

/**
 * Relative weights of each rarity (the seed's 50 / 30 / 15 / 5, which sum to 100).
 * @example RARITY_WEIGHTS.legendary // 5
 */
export const RARITY_WEIGHTS: Readonly<Record<Rarity, number>> = Object.freeze({
  common: 50,
  uncommon: 30,
  rare: 15,
  legendary: 5,
});

export const RARITIES = ["common", "uncommon", "rare", "legendary"] as const satisfies readonly Rarity[];

/** @example const item: LootItem = { id: "acorn", name: "Acorn", rarity: "common" }; */
export interface LootItem {
  id: string;
  name: string;
  rarity: Rarity;
}

const SMOOTH_PEBBLE: LootItem = { id: "smooth_pebble", name: "Smooth Pebble", rarity: "common" };

/**
 * The 12 things a pet can find: four common, four uncommon, two rare, two legendary. The seed's own item
 * names are not recorded in our research, so these are gentle nature finds. Ids are stored in inventories:
 * never rename one.
 * @example LOOT_TABLE.filter((item) => item.rarity === "legendary").length // 2
 */
export const LOOT_TABLE: readonly LootItem[] = Object.freeze([
  SMOOTH_PEBBLE,
  { id: "acorn", name: "Acorn", rarity: "common" },
  { id: "pine_cone", name: "Pine Cone", rarity: "common" },
  { id: "soft_feather", name: "Soft Feather", rarity: "common" },
  { id: "four_leaf_clover", name: "Four-Leaf Clover", rarity: "uncommon" },
  { id: "spiral_seashell", name: "Spiral Seashell", rarity: "uncommon" },
  { id: "wildflower_posy", name: "Wildflower Posy", rarity: "uncommon" },
  { id: "mossy_stone", name: "Mossy Stone", rarity: "uncommon" },
  { id: "amber_drop", name: "Amber Drop", rarity: "rare" },
  { id: "moonlit_crystal", name: "Moonlit Crystal", rarity: "rare" },
  { id: "golden_leaf", name: "Golden Leaf", rarity: "legendary" },
  { id: "fallen_star", name: "Fallen Star", rarity: "legendary" },
]);

const ITEMS_BY_RARITY: Readonly<Record<Rarity, readonly LootItem[]>> = Object.freeze({
  common: LOOT_TABLE.filter((item) => item.rarity === "common"),
  uncommon: LOOT_TABLE.filter((item) => item.rarity === "uncommon"),
  rare: LOOT_TABLE.filter((item) => item.rarity === "rare"),
  legendary: LOOT_TABLE.filter((item) => item.rarity === "legendary"),
});

/**
 * Coins, pet XP and one loot item from one adventure.
 * @example const reward: AdventureReward = { coins: 10, petXp: 20, loot: LOOT_TABLE[0] };
 */
export interface AdventureReward {
  coins: number;
  petXp: number;
  loot: LootItem;
}

/** Clamps a draw into [0, 1); NaN counts as 0 so a broken generator still yields a valid reward. */
function unit(u: number): number {
  if (!(u > 0)) return 0;
  return u < 1 ? u : 1 - Number.EPSILON / 2;
}

/**
 * The rarity for a uniform draw `u` in [0, 1): [0, .5) common, [.5, .8) uncommon, [.8, .95) rare,
 * [.95, 1) legendary. A draw outside [0, 1) is clamped into it.
 * @example pickRarity(0.49) // "common"
 * @example pickRarity(0.95) // "legendary"
 */
export function pickRarity(u: number): Rarity {
  const x = unit(u);
  const total = RARITIES.reduce((sum, rarity) => sum + RARITY_WEIGHTS[rarity], 0);
  let upTo = 0;
  for (const rarity of RARITIES) {
    upTo += RARITY_WEIGHTS[rarity];
    // upTo / total is the correctly rounded quotient, so 80 / 100 is the same double as the literal 0.8.
    if (x < upTo / total) return rarity;
  }
  return "legendary";
}

/** Index in 0..count−1 for a draw; `unit` keeps it below `count`. */
function pickIndex(u: number, count: number): number {
  return Math.floor(unit(u) * count);
}

/**
 * Draws an adventure's reward with three calls to `random` (each expected in [0, 1)): the first picks the
 * rarity by weight, the second an item uniformly within that rarity, the third the coins uniformly in
 * 10..50 inclusive. Pet XP is always 20.
 * @example rollAdventureReward(() => 0) // { coins: 10, petXp: 20, loot: { id: "smooth_pebble", … } }
 */
export function rollAdventureReward(random: () => number): AdventureReward {
  const items = ITEMS_BY_RARITY[pickRarity(random())];
  // Every rarity has items (tested), so the fallback is only there to satisfy the index type.
  const loot = items[pickIndex(random(), items.length)] ?? SMOOTH_PEBBLE;
  const span = ADVENTURE.maxCoins - ADVENTURE.minCoins + 1;
  const coins = ADVENTURE.minCoins + pickIndex(random(), span);
  return { coins, petXp: ADVENTURE.petXp, loot: { ...loot } };
}
