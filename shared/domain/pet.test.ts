import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ADVENTURE,
  applyEffects,
  applyWellbeingBonus,
  canReturn,
  canStartAdventure,
  DECLUTTER,
  decayPet,
  declutterReady,
  FEED,
  isShopItemId,
  PET_SPECIES,
  PET_START,
  PET_STAT_FLOOR,
  PET_STATS,
  type PetStats,
  petMood,
  petStage,
  SHOP_ITEMS,
  WELLBEING_BONUS,
} from "./pet";

const HOUR = 3_600_000;
const stat = fc.integer({ min: 0, max: 100 });
const stats = fc.record({ hunger: stat, happiness: stat, energy: stat, hygiene: stat });
const full: PetStats = { hunger: 100, happiness: 100, energy: 100, hygiene: 100 };

describe("pet constants", () => {
  it("starts a new pet at 70 / 70 / 70 / 80 as a baby", () => {
    expect(PET_START).toEqual({ hunger: 70, happiness: 70, energy: 70, hygiene: 80 });
    expect(petStage(0)).toBe("baby");
  });

  it("offers the seed's default species, dog, among a handful of unique species", () => {
    expect(PET_SPECIES).toContain("dog");
    expect(new Set(PET_SPECIES).size).toBe(PET_SPECIES.length);
  });

  it("keeps the seed's numbers for feeding, the wellbeing bonus, declutter and adventures", () => {
    expect(FEED).toEqual({ price: 10, hunger: 30 });
    expect(WELLBEING_BONUS).toEqual({ stats: 3, petXp: 15 });
    expect(DECLUTTER).toEqual({ hygiene: 40, happiness: 5, petXp: 15, coins: 5, cooldownMs: 4 * HOUR });
    expect(ADVENTURE).toEqual({
      minEnergy: 20,
      energyCost: 20,
      durationMs: 30 * 60_000,
      petXp: 20,
      minCoins: 10,
      maxCoins: 50,
    });
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(PET_START)).toBe(true);
    expect(Object.isFrozen(SHOP_ITEMS)).toBe(true);
    expect(Object.isFrozen(ADVENTURE)).toBe(true);
  });
});

describe("petStage", () => {
  it("becomes a child at exactly 500 pet XP and an adult at exactly 1,500", () => {
    expect(petStage(499)).toBe("baby");
    expect(petStage(500)).toBe("child");
    expect(petStage(1499)).toBe("child");
    expect(petStage(1500)).toBe("adult");
    expect(petStage(2 ** 53)).toBe("adult");
  });

  it("treats negative or non-numeric XP as a baby", () => {
    expect(petStage(-1)).toBe("baby");
    expect(petStage(Number.NaN)).toBe("baby");
  });
});

describe("decayPet", () => {
  it("takes ⌊hours × 0.3⌋ from hunger and energy and ⌊hours × 0.1⌋ from hygiene after 10 hours", () => {
    expect(decayPet(PET_START, 0, 10 * HOUR)).toEqual({ hunger: 67, happiness: 70, energy: 67, hygiene: 79 });
  });

  it("takes nothing before the first whole point is due", () => {
    expect(decayPet(PET_START, 0, 12_000_000 - 1)).toEqual(PET_START);
    expect(decayPet(PET_START, 0, 12_000_000).hunger).toBe(69);
    expect(decayPet(PET_START, 0, 10 * HOUR - 1).hygiene).toBe(80);
  });

  it("takes 7 points after 23 h 20 min, where floating-point hours × 0.3 would floor to 6", () => {
    expect(Math.floor(((7 * 12_000_000) / HOUR) * 0.3)).toBe(6);
    expect(decayPet(full, 0, 7 * 12_000_000).hunger).toBe(93);
  });

  it("never decays happiness", () => {
    expect(decayPet(PET_START, 0, 1000 * HOUR).happiness).toBe(70);
  });

  it("stops at the floor of 20 however long the pet is left", () => {
    expect(decayPet(full, 0, 365 * 24 * HOUR)).toEqual({ hunger: 20, happiness: 100, energy: 20, hygiene: 20 });
  });

  it("leaves a stat that is already below the floor where it is rather than raising it", () => {
    const low = { hunger: 5, happiness: 0, energy: 19, hygiene: 20 };
    expect(decayPet(low, 0, 100 * HOUR)).toEqual(low);
  });

  it("leaves the stats unchanged when no time, negative time or a non-finite time has passed", () => {
    expect(decayPet(PET_START, 5 * HOUR, 5 * HOUR)).toEqual(PET_START);
    expect(decayPet(PET_START, 50 * HOUR, 0)).toEqual(PET_START);
    expect(decayPet(PET_START, 0, Number.NaN)).toEqual(PET_START);
    expect(decayPet(PET_START, 0, Number.POSITIVE_INFINITY)).toEqual(PET_START);
  });

  it("does not mutate its input", () => {
    const input = { ...full };
    decayPet(input, 0, 100 * HOUR);
    expect(input).toEqual(full);
  });

  it("never raises a stat and never takes one below the floor (property)", () => {
    fc.assert(
      fc.property(stats, fc.integer({ min: 0, max: 10 * 365 * 24 * HOUR }), (before, elapsed) => {
        const after = decayPet(before, 0, elapsed);
        for (const key of PET_STATS) {
          expect(after[key]).toBeLessThanOrEqual(before[key]);
          expect(after[key]).toBeGreaterThanOrEqual(Math.min(before[key], PET_STAT_FLOOR));
          expect(Number.isInteger(after[key])).toBe(true);
        }
      }),
    );
  });

  it("gives the same result decayed in one step as in the same elapsed time from a later start (property)", () => {
    fc.assert(
      fc.property(stats, fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 36 }), (s, from, d) => {
        expect(decayPet(s, from, from + d)).toEqual(decayPet(s, 0, d));
      }),
    );
  });
});

describe("applyEffects and applyWellbeingBonus", () => {
  it("adds 3 to every stat, capped at 100", () => {
    expect(applyWellbeingBonus({ hunger: 99, happiness: 50, energy: 0, hygiene: 100 })).toEqual({
      hunger: 100,
      happiness: 53,
      energy: 3,
      hygiene: 100,
    });
  });

  it("clamps every stat to 0..100 and leaves stats without an effect alone", () => {
    const before = { hunger: 90, happiness: 5, energy: 50, hygiene: 50 };
    expect(applyEffects(before, { hunger: 20, happiness: -10 })).toEqual({
      hunger: 100,
      happiness: 0,
      energy: 50,
      hygiene: 50,
    });
  });

  it("ignores a non-finite effect instead of corrupting the stat", () => {
    expect(applyEffects(PET_START, { hunger: Number.NaN, energy: Number.POSITIVE_INFINITY })).toEqual(PET_START);
  });

  it("does not mutate its input", () => {
    const input = { ...PET_START };
    applyEffects(input, { hunger: 30 });
    applyWellbeingBonus(input);
    expect(input).toEqual(PET_START);
  });

  it("keeps every stat within 0..100 (property)", () => {
    fc.assert(
      fc.property(stats, fc.integer({ min: -500, max: 500 }), (before, delta) => {
        const after = applyEffects(before, { hunger: delta, hygiene: -delta });
        for (const key of PET_STATS) expect(after[key]).toBeGreaterThanOrEqual(0);
        for (const key of PET_STATS) expect(after[key]).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("shop", () => {
  it("prices apple 10, cupcake 25, top hat 100, bow 100 and crown 500", () => {
    const prices = Object.fromEntries(Object.values(SHOP_ITEMS).map((item) => [item.id, item.price]));
    expect(prices).toEqual({ apple: 10, cupcake: 25, top_hat: 100, bow: 100, crown: 500 });
  });

  it("feeds with apple (+20 hunger) and cupcake (+40 hunger, +10 happiness); cosmetics change no stat", () => {
    expect(SHOP_ITEMS.apple).toMatchObject({ kind: "food", effects: { hunger: 20 } });
    expect(SHOP_ITEMS.cupcake).toMatchObject({ kind: "food", effects: { hunger: 40, happiness: 10 } });
    for (const id of ["top_hat", "bow", "crown"] as const) {
      expect(SHOP_ITEMS[id]).toMatchObject({ kind: "cosmetic", effects: {} });
    }
  });

  it("files every item under its own id", () => {
    for (const [key, item] of Object.entries(SHOP_ITEMS)) expect(item.id).toBe(key);
  });

  it("recognises shop item ids and refuses anything else, including inherited keys", () => {
    for (const id of Object.keys(SHOP_ITEMS)) expect(isShopItemId(id)).toBe(true);
    for (const id of ["", "Apple", "top hat", "toString", "__proto__", "constructor", "pizza"]) {
      expect(isShopItemId(id)).toBe(false);
    }
  });
});

describe("declutterReady", () => {
  it("allows the first declutter ever", () => {
    expect(declutterReady(null, 0)).toBe(true);
  });

  it("refuses a declutter until exactly 4 hours after the last one", () => {
    expect(declutterReady(1000, 1000)).toBe(false);
    expect(declutterReady(1000, 1000 + 4 * HOUR - 1)).toBe(false);
    expect(declutterReady(1000, 1000 + 4 * HOUR)).toBe(true);
  });

  it("refuses a declutter when the clock reads earlier than the last one", () => {
    expect(declutterReady(10 * HOUR, 9 * HOUR)).toBe(false);
  });
});

describe("canStartAdventure", () => {
  it("lets a rested pet at home set off", () => {
    expect(canStartAdventure(PET_START, null)).toBeNull();
    expect(canStartAdventure({ ...PET_START, energy: 20 }, null)).toBeNull();
  });

  it("refuses a pet with energy below 20", () => {
    expect(canStartAdventure({ ...PET_START, energy: 19 }, null)).toBe("PET_TOO_TIRED");
  });

  it("refuses a pet that is already away, before looking at its energy", () => {
    expect(canStartAdventure(PET_START, 0)).toBe("PET_AWAY");
    expect(canStartAdventure({ ...PET_START, energy: 0 }, 0)).toBe("PET_AWAY");
  });
});

describe("canReturn", () => {
  it("refuses to welcome back a pet that is not away", () => {
    expect(canReturn(null, 10 * HOUR)).toBe("NOT_ON_ADVENTURE");
  });

  it("welcomes the pet back from exactly 30 minutes after it set off", () => {
    expect(canReturn(1000, 1000 + 30 * 60_000 - 1)).toBe("ADVENTURE_NOT_OVER");
    expect(canReturn(1000, 1000 + 30 * 60_000)).toBeNull();
    expect(canReturn(1000, 1000 + 30 * HOUR)).toBeNull();
  });

  it("keeps the adventure going when the clock reads earlier than its start or is not a number", () => {
    expect(canReturn(10 * HOUR, 0)).toBe("ADVENTURE_NOT_OVER");
    expect(canReturn(0, Number.NaN)).toBe("ADVENTURE_NOT_OVER");
  });
});

describe("petMood", () => {
  it("is joyful at a mean of 70, content from 45, sleepy below", () => {
    expect(petMood(PET_START)).toBe("joyful");
    expect(petMood({ hunger: 70, happiness: 70, energy: 70, hygiene: 69 })).toBe("content");
    expect(petMood({ hunger: 45, happiness: 45, energy: 45, hygiene: 45 })).toBe("content");
    expect(petMood({ hunger: 44, happiness: 45, energy: 45, hygiene: 45 })).toBe("sleepy");
    expect(petMood({ hunger: 20, happiness: 20, energy: 20, hygiene: 20 })).toBe("sleepy");
  });
});
