import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { applyWellbeingBonus, decayPet, WELLBEING_BONUS } from "../../shared/domain/pet";
import { progressView } from "../../shared/domain/progression";
import { pets, progress, rewards } from "../db/schema";
import { type PetRow, petStats } from "../db/wellbeing";
import type { CommandContext } from "./types";

export interface Reward {
  opId: string;
  source: "habit" | "quest" | "mood" | "pet" | "shop";
  refId: string | null;
  localDay: string;
  xp: number;
  coins: number;
}

/**
 * The ledger row and the running-total update for one movement of XP and coins, to go in the
 * command's batch. The totals are maintained by SQL arithmetic, not by a value read earlier,
 * so even a write outside the user's object could not lose an update.
 */
export function rewardStatements(ctx: CommandContext, reward: Reward): BatchItem<"sqlite">[] {
  if (reward.xp === 0 && reward.coins === 0) return [];
  return [
    ctx.db.insert(rewards).values({ userId: ctx.userId, ...reward, at: ctx.now }),
    ctx.db
      .insert(progress)
      .values({ userId: ctx.userId, xp: reward.xp, coins: reward.coins, updatedAt: ctx.now })
      .onConflictDoUpdate({
        target: progress.userId,
        set: {
          xp: sql`${progress.xp} + ${reward.xp}`,
          coins: sql`${progress.coins} + ${reward.coins}`,
          updatedAt: ctx.now,
        },
      }),
  ];
}

/** A pet's stats brought up to `now` (decay applied), ready to change and store with statsAt = now. */
export function currentPetStats(pet: PetRow, now: number) {
  return decayPet(petStats(pet), pet.statsAt, now);
}

/** Every action that earns XP also cheers the pet: +3 on every stat and +15 pet XP. */
export function petBonusStatement(ctx: CommandContext, pet: PetRow | undefined): BatchItem<"sqlite">[] {
  if (!pet) return [];
  const stats = applyWellbeingBonus(currentPetStats(pet, ctx.now));
  return [
    ctx.db
      .update(pets)
      .set({ ...stats, statsAt: ctx.now, xp: sql`${pets.xp} + ${WELLBEING_BONUS.petXp}` })
      .where(sql`${pets.userId} = ${ctx.userId}`),
  ];
}

/** The progression part of an answer: the new state and what this command changed. */
export function progressAnswer(before: { xp: number; coins: number }, delta: { xp: number; coins: number }) {
  const after = progressView(before.xp + delta.xp, before.coins + delta.coins);
  return { ...after, delta, leveledUp: after.level > progressView(before.xp, before.coins).level };
}
