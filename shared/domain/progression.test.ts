import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COINS_PER_XP_ACTION,
  DAILY_HABIT_XP_CAP,
  FIRST_MOOD_OF_DAY_XP,
  HABIT_XP,
  levelForXp,
  progressView,
  QUEST_XP,
  TIERS,
  tierForLevel,
  xpForLevel,
} from "./progression";

const MAX_XP = Number.MAX_SAFE_INTEGER; // 2^53 − 1
/** The highest level an XP total up to 2^53 − 1 can reach, worked out by hand with BigInt. */
const TOP_LEVEL = 13_421_773;
const exact = (level: bigint) => 50n * level * (level - 1n);

describe("progression constants", () => {
  it("match PRODUCT.md", () => {
    expect(HABIT_XP).toEqual({ easy: 10, medium: 15, hard: 20 });
    expect(QUEST_XP).toEqual({ easy: 50, medium: 100, hard: 200 });
    expect([FIRST_MOOD_OF_DAY_XP, COINS_PER_XP_ACTION, DAILY_HABIT_XP_CAP]).toEqual([5, 5, 1000]);
    expect(TIERS).toEqual(["Seedling", "Sprout", "Bloom", "Grove", "Ancient"]);
  });
});

describe("xpForLevel", () => {
  it.each([
    [1, 0],
    [2, 100],
    [3, 300],
    [4, 600],
    [10, 4500],
  ])("needs a total of 50·L·(L−1) XP for level %i (%i)", (level, xp) => {
    expect(xpForLevel(level)).toBe(xp);
  });

  it("needs 0 XP for levels below 1 and NaN, and floors fractional levels", () => {
    expect([xpForLevel(0), xpForLevel(-5), xpForLevel(Number.NaN)]).toEqual([0, 0, 0]);
    expect(xpForLevel(3.9)).toBe(300);
  });

  it("needs infinite XP for an infinite level", () => {
    expect(xpForLevel(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("is exact for every level reachable with XP up to 2^53 − 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: TOP_LEVEL }), (level) => {
        expect(BigInt(xpForLevel(level))).toBe(exact(BigInt(level)));
      }),
    );
    expect(xpForLevel(TOP_LEVEL)).toBe(9_007_198_852_087_800);
  });

  it("places the level after the top above every safe XP total", () => {
    expect(exact(BigInt(TOP_LEVEL + 1))).toBeGreaterThan(BigInt(MAX_XP));
    expect(xpForLevel(TOP_LEVEL + 1)).toBeGreaterThan(MAX_XP);
  });
});

describe("levelForXp", () => {
  it.each([
    [0, 1],
    [99, 1],
    [100, 2],
    [299, 2],
    [300, 3],
    [4499, 9],
    [4500, 10],
  ])("puts %i XP at level %i", (xp, level) => {
    expect(levelForXp(xp)).toBe(level);
  });

  it.each([
    ["negative XP", -1],
    ["NaN", Number.NaN],
    ["+Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ])("answers level 1 for %s", (_label, xp) => {
    expect(levelForXp(xp)).toBe(1);
  });

  it("floors fractional XP", () => {
    expect(levelForXp(299.99)).toBe(2);
  });

  it("puts 2^53 − 1 and 2^53 XP at the top level", () => {
    expect(levelForXp(MAX_XP)).toBe(TOP_LEVEL);
    expect(levelForXp(MAX_XP + 1)).toBe(TOP_LEVEL);
  });

  it("finds the largest level whose threshold does not exceed any integer XP up to 2^53 − 1", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: BigInt(MAX_XP) }), (xp) => {
        const level = BigInt(levelForXp(Number(xp)));
        expect(exact(level)).toBeLessThanOrEqual(xp);
        expect(exact(level + 1n)).toBeGreaterThan(xp);
      }),
      { numRuns: 2000 },
    );
  });

  it("changes level exactly at each threshold, with no float drift near the top", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: TOP_LEVEL }), (level) => {
        const threshold = xpForLevel(level);
        expect(levelForXp(threshold)).toBe(level);
        expect(levelForXp(threshold - 1)).toBe(level - 1);
      }),
      { numRuns: 2000 },
    );
    for (let level = TOP_LEVEL - 50; level <= TOP_LEVEL; level++) {
      expect(levelForXp(xpForLevel(level))).toBe(level);
      expect(levelForXp(xpForLevel(level) - 1)).toBe(level - 1);
    }
  });

  it("gives a level within rounding of the real root for finite XP beyond 2^53", () => {
    for (const xp of [2 ** 60, 1e20, 1e300, Number.MAX_VALUE]) {
      const root = (1 + Math.sqrt(1 + xp / 12.5)) / 2;
      expect(Math.abs(levelForXp(xp) - root)).toBeLessThanOrEqual(1 + root * 1e-12);
    }
  });

  it("never decreases as XP grows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_XP }), fc.integer({ min: 0, max: MAX_XP }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(levelForXp(low)).toBeLessThanOrEqual(levelForXp(high));
      }),
    );
  });
});

describe("tierForLevel", () => {
  it.each([
    [1, "Seedling"],
    [9, "Seedling"],
    [10, "Sprout"],
    [19, "Sprout"],
    [20, "Bloom"],
    [29, "Bloom"],
    [30, "Grove"],
    [49, "Grove"],
    [50, "Ancient"],
    [TOP_LEVEL, "Ancient"],
  ])("puts level %i in tier %s", (level, tier) => {
    expect(tierForLevel(level)).toBe(tier);
  });

  it("puts levels below 1 and NaN in Seedling", () => {
    expect([tierForLevel(0), tierForLevel(-3), tierForLevel(Number.NaN)]).toEqual(["Seedling", "Seedling", "Seedling"]);
  });

  it("never goes down a tier as the level rises", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (level) => {
        expect(TIERS.indexOf(tierForLevel(level + 1))).toBeGreaterThanOrEqual(TIERS.indexOf(tierForLevel(level)));
      }),
    );
  });
});

describe("progressView", () => {
  it("shows zero XP as level 1 Seedling with 100 XP to go", () => {
    expect(progressView(0, 0)).toEqual({
      level: 1,
      tier: "Seedling",
      xp: 0,
      coins: 0,
      xpForNextLevel: 100,
      xpIntoLevel: 0,
    });
  });

  it("splits XP into the part earned in this level and the part still needed", () => {
    expect(progressView(350, 40)).toEqual({
      level: 3,
      tier: "Seedling",
      xp: 350,
      coins: 40,
      xpForNextLevel: 250,
      xpIntoLevel: 50,
    });
  });

  it("reaches Ancient and stays exact at 2^53 − 1 XP", () => {
    const view = progressView(MAX_XP, 5);
    expect(view.level).toBe(TOP_LEVEL);
    expect(view.tier).toBe("Ancient");
    expect(BigInt(view.xpIntoLevel)).toBe(BigInt(MAX_XP) - exact(BigInt(TOP_LEVEL)));
    expect(BigInt(view.xpForNextLevel)).toBe(exact(BigInt(TOP_LEVEL + 1)) - BigInt(MAX_XP));
  });

  it("shows negative, NaN and infinite balances as 0 and floors fractions", () => {
    expect(progressView(-10, Number.NaN)).toEqual(progressView(0, 0));
    expect(progressView(Number.POSITIVE_INFINITY, -1)).toEqual(progressView(0, 0));
    expect(progressView(150.7, 3.2)).toEqual(progressView(150, 3));
  });

  it("always adds up: xpIntoLevel + xpForNextLevel spans exactly one level", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_XP }), (xp) => {
        const view = progressView(xp, 0);
        expect(view.xpIntoLevel).toBeGreaterThanOrEqual(0);
        expect(view.xpForNextLevel).toBeGreaterThan(0);
        expect(view.xpIntoLevel + view.xpForNextLevel).toBe(100 * view.level);
        expect(view.tier).toBe(tierForLevel(view.level));
      }),
    );
  });
});
