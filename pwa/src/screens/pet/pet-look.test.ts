import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PET_SPECIES, PET_START, type PetStats } from "../../../../shared/domain/pet";
import { daysTogether, outfitFor, petLook, statWord, togetherLine, withArticle } from "./pet-look";

const pet = (over: Partial<Parameters<typeof petLook>[0]> = {}) => ({
  name: "Pip",
  species: "fox" as const,
  stage: "child" as const,
  stats: { ...PET_START },
  away: false,
  cosmetics: [] as string[],
  ...over,
});

describe("withArticle", () => {
  it("says an adult and a child", () => {
    expect(withArticle("adult")).toBe("an adult");
    expect(withArticle("child")).toBe("a child");
  });
});

describe("outfitFor", () => {
  it("wears nothing when nothing was bought", () => {
    expect(outfitFor([])).toEqual({ head: null, neck: null, beside: [] });
  });
  it("wears the newest head piece and keeps the other on a peg, with the bow at the neck", () => {
    expect(outfitFor(["crown", "bow", "top_hat"])).toEqual({ head: "top_hat", neck: "bow", beside: ["crown"] });
  });
  it("ignores food and unknown ids", () => {
    expect(outfitFor(["apple", "toString", "crown"])).toEqual({ head: "crown", neck: null, beside: [] });
  });
  it("shows every owned cosmetic exactly once, on the pet or beside it", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("top_hat", "bow", "crown", "apple", "x")), (ids) => {
        const o = outfitFor(ids);
        const shown = [o.head, o.neck, ...o.beside].filter((id) => id !== null).sort();
        expect(shown).toEqual([...new Set(ids.filter((id) => ["top_hat", "bow", "crown"].includes(id)))].sort());
      }),
    );
  });
});

describe("petLook", () => {
  it("describes the pet, its stage, its mood and what it wears", () => {
    expect(petLook(pet({ cosmetics: ["bow"] })).label).toBe("Pip the fox, a child, looks joyful, wearing a bow");
    expect(petLook(pet({ cosmetics: ["crown", "top_hat", "bow"], stage: "adult" })).label).toBe(
      "Pip the fox, grown up, looks joyful, wearing a top hat and a bow, with a crown on a peg nearby",
    );
  });
  it("follows the mood: sleepy when the stats are low", () => {
    const low: PetStats = { hunger: 20, happiness: 20, energy: 20, hygiene: 20 };
    expect(petLook(pet({ stats: low })).mood).toBe("sleepy");
    expect(petLook(pet({ stats: { hunger: 50, happiness: 50, energy: 50, hygiene: 50 } })).mood).toBe("content");
  });
  it("shows the empty cushion while the pet is away", () => {
    const look = petLook(pet({ away: true }));
    expect(look.away).toBe(true);
    expect(look.label).toBe("Pip's cushion, empty while Pip is out exploring");
  });
  it("has a look for every species", () => {
    for (const species of PET_SPECIES) expect(petLook(pet({ species })).label).toContain(`the ${species}`);
  });
});

describe("statWord", () => {
  it("has a word for every band, kind even at the floor", () => {
    expect(statWord("hunger", 100)).toBe("Full");
    expect(statWord("hunger", 79)).toBe("Satisfied");
    expect(statWord("hunger", 40)).toBe("Peckish");
    expect(statWord("energy", 20)).toBe("Sleepy");
  });
});

describe("daysTogether", () => {
  it("counts calendar days on the device", () => {
    const adopted = new Date(2026, 10, 1, 23, 30).toISOString();
    expect(daysTogether(adopted, new Date(2026, 10, 2, 0, 10).getTime())).toBe(1);
    expect(daysTogether(adopted, new Date(2026, 10, 24, 9).getTime())).toBe(23);
  });
  it("is never negative, and 0 for a broken date", () => {
    expect(daysTogether(new Date(2026, 10, 5).toISOString(), new Date(2026, 10, 1).getTime())).toBe(0);
    expect(daysTogether("not a date", 0)).toBe(0);
  });
  it("reads kindly", () => {
    expect(togetherLine(0)).toBe("Adopted today");
    expect(togetherLine(1)).toBe("Together for 1 day");
    expect(togetherLine(23)).toBe("Together for 23 days");
  });
});
