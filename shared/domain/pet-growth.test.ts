import { describe, expect, it } from "vitest";
import { petStage } from "./pet";
import { PET_STAGE_XP, petGrowth } from "./pet-growth";

describe("PET_STAGE_XP", () => {
  it("holds the thresholds petStage applies, so the bar and the stage never disagree", () => {
    for (const [stage, xp] of Object.entries(PET_STAGE_XP)) {
      expect(petStage(xp)).toBe(stage);
      if (xp > 0) expect(petStage(xp - 1)).not.toBe(stage);
    }
  });
});

describe("petGrowth", () => {
  it("shows a new pet at the start of the way to child", () => {
    expect(petGrowth(0)).toEqual({ stage: "baby", next: "child", xpIntoStage: 0, stageSpan: 500, xpToNext: 500 });
  });

  it("counts from the stage's start to the next stage", () => {
    expect(petGrowth(499)).toEqual({ stage: "baby", next: "child", xpIntoStage: 499, stageSpan: 500, xpToNext: 1 });
    expect(petGrowth(500)).toEqual({ stage: "child", next: "adult", xpIntoStage: 0, stageSpan: 1000, xpToNext: 1000 });
    expect(petGrowth(620)).toEqual({ stage: "child", next: "adult", xpIntoStage: 120, stageSpan: 1000, xpToNext: 880 });
  });

  it("has no next stage once grown up", () => {
    expect(petGrowth(1500)).toEqual({ stage: "adult", next: null, xpIntoStage: 0, stageSpan: 0, xpToNext: 0 });
    expect(petGrowth(2000).xpIntoStage).toBe(500);
  });

  it("treats negative, NaN and infinite XP as none and floors fractions", () => {
    expect(petGrowth(-5)).toEqual(petGrowth(0));
    expect(petGrowth(Number.NaN)).toEqual(petGrowth(0));
    expect(petGrowth(Number.POSITIVE_INFINITY)).toEqual(petGrowth(0));
    expect(petGrowth(499.9)).toEqual(petGrowth(499));
  });
});
