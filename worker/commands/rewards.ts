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
 * Records one movement of XP and coins (no gain for a late command): the ledger row and the running totals in D1 (by SQL
 * arithmetic, so the stored totals can never drift from the sum of the ledger), and the same
 * change to the in-memory state. Returns the progression part of the answer.
 */
export function applyReward(ctx: CommandContext, earned: Reward, statements: BatchItem<"sqlite">[]) {
  // A late write earns nothing; what it spends or takes back still counts.
  const reward = ctx.late ? { ...earned, xp: Math.min(0, earned.xp), coins: Math.min(0, earned.coins) } : earned;
  const before = { ...ctx.state.totals };
  if (reward.xp !== 0 || reward.coins !== 0) {
    statements.push(
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
    );
    ctx.state.totals = { xp: before.xp + reward.xp, coins: before.coins + reward.coins };
  }
  return progressAnswer(before, { xp: reward.xp, coins: reward.coins });
}

/** A pet's stats brought up to `now` (decay applied), ready to change and store with statsAt = now. */
export function currentPetStats(pet: PetRow, now: number) {
  return decayPet(petStats(pet), pet.statsAt, now);
}

/** Stores new values for the pet (stats as of now) in D1 and in the state. */
export function updatePet(ctx: CommandContext, changes: Partial<PetRow>, statements: BatchItem<"sqlite">[]): PetRow {
  const pet = ctx.state.pet as PetRow;
  const updated = { ...pet, ...changes };
  const { userId: _userId, ...columns } = updated;
  statements.push(ctx.db.update(pets).set(columns).where(sql`${pets.userId} = ${ctx.userId}`));
  ctx.state.pet = updated;
  return updated;
}

/** Every action that earns XP also cheers the pet (if there is one): +3 on every stat, +15 pet XP. */
export function cheerPet(ctx: CommandContext, statements: BatchItem<"sqlite">[]): void {
  const pet = ctx.state.pet;
  if (!pet || ctx.late) return;
  const stats = applyWellbeingBonus(currentPetStats(pet, ctx.now));
  updatePet(ctx, { ...stats, statsAt: ctx.now, xp: pet.xp + WELLBEING_BONUS.petXp }, statements);
}

/** The progression part of an answer: the new state and what this command changed. */
export function progressAnswer(before: { xp: number; coins: number }, delta: { xp: number; coins: number }) {
  const after = progressView(before.xp + delta.xp, before.coins + delta.coins);
  return { ...after, delta, leveledUp: after.level > progressView(before.xp, before.coins).level };
}
