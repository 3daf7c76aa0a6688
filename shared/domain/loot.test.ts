import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOOT_TABLE, pickRarity, RARITY_WEIGHTS, type Rarity, rollAdventureReward } from "./loot";

/** mulberry32: a tiny seeded PRNG, so the frequency test is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A `random` that returns the given draws in order, then repeats the last. */
function sequence(...draws: number[]): () => number {
  let i = 0;
  return () => draws[Math.min(i++, draws.length - 1)] ?? 0;
}

/** The largest double below a positive `x`, so a boundary test sits exactly one step under it. */
function below(x: number): number {
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] = (bits[0] ?? 0n) - 1n;
  return new Float64Array(bits.buffer)[0] ?? Number.NaN;
}

const RARITIES: readonly Rarity[] = ["common", "uncommon", "rare", "legendary"];
const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe("LOOT_TABLE", () => {
  it("holds exactly 12 items with unique ids and names", () => {
    expect(LOOT_TABLE).toHaveLength(12);
    expect(new Set(LOOT_TABLE.map((item) => item.id)).size).toBe(12);
    expect(new Set(LOOT_TABLE.map((item) => item.name)).size).toBe(12);
  });

  it("has at least one item of every rarity", () => {
    for (const rarity of RARITIES)
      expect(
        LOOT_TABLE.some((item) => item.rarity === rarity),
        rarity,
      ).toBe(true);
  });

  it("uses snake_case ids, safe to store and to put in a URL", () => {
    for (const { id } of LOOT_TABLE) expect(id).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
  });

  it("weighs the rarities 50 / 30 / 15 / 5", () => {
    expect(RARITY_WEIGHTS).toEqual({ common: 50, uncommon: 30, rare: 15, legendary: 5 });
  });
});

describe("pickRarity", () => {
  it("maps each boundary of [0, 1) to the rarity that starts there", () => {
    expect(pickRarity(0)).toBe("common");
    expect(pickRarity(below(0.5))).toBe("common");
    expect(pickRarity(0.5)).toBe("uncommon");
    expect(pickRarity(below(0.8))).toBe("uncommon");
    expect(pickRarity(0.8)).toBe("rare");
    expect(pickRarity(below(0.95))).toBe("rare");
    expect(pickRarity(0.95)).toBe("legendary");
    expect(pickRarity(below(1))).toBe("legendary");
  });

  it("clamps a draw below 0 to common and a draw of 1 or more to legendary", () => {
    expect(pickRarity(-0.5)).toBe("common");
    expect(pickRarity(Number.NEGATIVE_INFINITY)).toBe("common");
    expect(pickRarity(1)).toBe("legendary");
    expect(pickRarity(42)).toBe("legendary");
    expect(pickRarity(Number.POSITIVE_INFINITY)).toBe("legendary");
  });

  it("treats a NaN draw as 0 rather than failing", () => {
    expect(pickRarity(Number.NaN)).toBe("common");
  });

  it("never gives a more common rarity for a larger draw (property)", () => {
    fc.assert(
      fc.property(draw, draw, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(RARITIES.indexOf(pickRarity(lo))).toBeLessThanOrEqual(RARITIES.indexOf(pickRarity(hi)));
      }),
    );
  });
});

describe("rollAdventureReward", () => {
  it("draws rarities within 1.5 percentage points of their weights over 100,000 seeded rolls", () => {
    const random = mulberry32(0x5eed);
    const counts: Record<Rarity, number> = { common: 0, uncommon: 0, rare: 0, legendary: 0 };
    const rolls = 100_000;
    for (let i = 0; i < rolls; i++) counts[rollAdventureReward(random).loot.rarity]++;
    for (const rarity of RARITIES) {
      expect(Math.abs((counts[rarity] / rolls) * 100 - RARITY_WEIGHTS[rarity]), rarity).toBeLessThanOrEqual(1.5);
    }
  });

  it("finds every one of the 12 items given enough seeded rolls", () => {
    const random = mulberry32(7);
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(rollAdventureReward(random).loot.id);
    expect(seen.size).toBe(12);
  });

  it("uses the first draw for the rarity, the second for the item and the third for the coins", () => {
    const legendary = LOOT_TABLE.filter((item) => item.rarity === "legendary");
    const reward = rollAdventureReward(sequence(below(1), below(1), below(1)));
    expect(reward).toEqual({ coins: 50, petXp: 20, loot: legendary.at(-1) });
    expect(rollAdventureReward(sequence(0, 0, 0))).toEqual({ coins: 10, petXp: 20, loot: LOOT_TABLE[0] });
  });

  it("calls random exactly three times per roll", () => {
    let calls = 0;
    rollAdventureReward(() => {
      calls++;
      return 0.5;
    });
    expect(calls).toBe(3);
  });

  it("gives 10 coins for a coin draw of 0 and 50 for the largest draw below 1", () => {
    expect(rollAdventureReward(sequence(0, 0, 0)).coins).toBe(10);
    expect(rollAdventureReward(sequence(0, 0, 1 / 41)).coins).toBe(11);
    expect(rollAdventureReward(sequence(0, 0, below(1))).coins).toBe(50);
  });

  it("still returns a valid reward when random misbehaves (out of range or NaN)", () => {
    for (const bad of [-1, 1, 7, Number.NaN, Number.POSITIVE_INFINITY]) {
      const reward = rollAdventureReward(() => bad);
      expect(reward.coins).toBeGreaterThanOrEqual(10);
      expect(reward.coins).toBeLessThanOrEqual(50);
      expect(LOOT_TABLE).toContainEqual(reward.loot);
    }
  });

  it("always gives integer coins in 10..50, 20 pet XP and an item from the table (property)", () => {
    fc.assert(
      fc.property(draw, draw, draw, (a, b, c) => {
        const reward = rollAdventureReward(sequence(a, b, c));
        expect(Number.isInteger(reward.coins)).toBe(true);
        expect(reward.coins).toBeGreaterThanOrEqual(10);
        expect(reward.coins).toBeLessThanOrEqual(50);
        expect(reward.petXp).toBe(20);
        expect(LOOT_TABLE).toContainEqual(reward.loot);
        expect(reward.loot.rarity).toBe(pickRarity(a));
      }),
    );
  });

  it("gives the same reward for the same sequence of draws (property)", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const fiveRolls = (random: () => number) => Array.from({ length: 5 }, () => rollAdventureReward(random));
        expect(fiveRolls(mulberry32(seed))).toEqual(fiveRolls(mulberry32(seed)));
      }),
    );
  });

  it("returns a copy, so changing a reward cannot change the loot table", () => {
    const reward = rollAdventureReward(sequence(0, 0, 0));
    reward.loot.name = "changed";
    expect(LOOT_TABLE[0]?.name).not.toBe("changed");
  });
});
