/**
 * A pet's growth toward its next stage, for the Pet screen's "XP to the next stage" bar.
 */
import { type PetStage, petStage } from "./pet";

/**
 * The pet XP at which each stage begins (the thresholds {@link petStage} applies; a test keeps
 * the two in step).
 *
 * @example
 * PET_STAGE_XP.adult // 1500
 */
export const PET_STAGE_XP: Readonly<Record<PetStage, number>> = Object.freeze({ baby: 0, child: 500, adult: 1500 });

const ORDER: readonly PetStage[] = ["baby", "child", "adult"];

/** Where a pet stands in its growth: the next stage is null once it is grown up. */
export interface PetGrowth {
  stage: PetStage;
  next: PetStage | null;
  /** Pet XP earned since the current stage began. */
  xpIntoStage: number;
  /** Pet XP the current stage spans (0 for the last stage). */
  stageSpan: number;
  /** Pet XP still needed for the next stage (0 for the last stage). */
  xpToNext: number;
}

/**
 * The growth view of a pet XP total. XP below 0, NaN or infinite counts as 0; fractions are floored.
 *
 * @example
 * petGrowth(620) // { stage: "child", next: "adult", xpIntoStage: 120, stageSpan: 1000, xpToNext: 880 }
 * petGrowth(2000) // { stage: "adult", next: null, xpIntoStage: 500, stageSpan: 0, xpToNext: 0 }
 */
export function petGrowth(petXp: number): PetGrowth {
  const xp = Number.isFinite(petXp) && petXp > 0 ? Math.floor(petXp) : 0;
  const stage = petStage(xp);
  const next = ORDER[ORDER.indexOf(stage) + 1] ?? null;
  const begins = PET_STAGE_XP[stage];
  if (next === null) return { stage, next, xpIntoStage: xp - begins, stageSpan: 0, xpToNext: 0 };
  return {
    stage,
    next,
    xpIntoStage: xp - begins,
    stageSpan: PET_STAGE_XP[next] - begins,
    xpToNext: PET_STAGE_XP[next] - xp,
  };
}
