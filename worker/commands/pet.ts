import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { localDay } from "../../shared/domain/local-day";
import { rollAdventureReward } from "../../shared/domain/loot";
import {
  ADVENTURE,
  applyEffects,
  canReturn,
  canStartAdventure,
  DECLUTTER,
  declutterReady,
  FEED,
  isShopItemId,
  PET_START,
  SHOP_ITEMS,
} from "../../shared/domain/pet";
import type { petAdopt } from "../../shared/schemas/wellbeing";
import { pets } from "../db/schema";
import { findPet, type PetRow, petView, totals } from "../db/wellbeing";
import { currentPetStats, progressAnswer, rewardStatements } from "./rewards";
import { type Command, type CommandContext, type Decision, reject } from "./types";

/**
 * The pet: a kindness mechanic. It never dies or runs away, stats never decay below a floor,
 * and every price and reward is decided here, never taken from the request (the seed let the
 * client set the price of food, and rewarded whichever pet row came first).
 */
const wherePet = (ctx: CommandContext) => eq(pets.userId, ctx.userId);

export async function adoptPet(ctx: CommandContext, p: z.infer<typeof petAdopt>): Promise<Decision> {
  if (await findPet(ctx.db, ctx.userId)) return reject("PET_ALREADY_ADOPTED");
  const row: PetRow = {
    userId: ctx.userId,
    name: p.name,
    species: p.species,
    ...PET_START,
    statsAt: ctx.now,
    xp: 0,
    adventureStartedAt: null,
    lastDeclutterAt: null,
    cosmetics: "[]",
    loot: "[]",
    adoptedAt: ctx.now,
  };
  return { ok: true, status: 201, body: { pet: petView(row, ctx.now) }, statements: [ctx.db.insert(pets).values(row)] };
}

/** Loads the pet for an action, or the rejection every action shares. */
async function petFor(ctx: CommandContext, options: { mustBeHome: boolean }) {
  const pet = await findPet(ctx.db, ctx.userId);
  if (!pet) return { rejection: reject("PET_NOT_ADOPTED") };
  if (options.mustBeHome && pet.adventureStartedAt !== null) return { rejection: reject("PET_AWAY") };
  return { pet };
}

/** Spends coins on the pet: the price comes from the server's tables only. */
async function spend(
  ctx: CommandContext,
  cmd: Command,
  price: number,
  pet: PetRow,
  changes: Partial<PetRow>,
  refId: string,
): Promise<Decision> {
  const before = await totals(ctx.db, ctx.userId);
  if (before.coins < price) return reject("NOT_ENOUGH_COINS");
  const updated = { ...pet, ...changes, statsAt: ctx.now };
  const delta = { xp: 0, coins: -price };
  const day = localDay(ctx.now, ctx.timezone, ctx.dayStartHour);
  return {
    ok: true,
    status: 200,
    body: { pet: petView(updated, ctx.now), progress: progressAnswer(before, delta) },
    statements: [
      ctx.db
        .update(pets)
        .set({ ...changes, statsAt: ctx.now })
        .where(wherePet(ctx)),
      ...rewardStatements(ctx, { opId: cmd.opId, source: "shop", refId, localDay: day, ...delta }),
    ],
  };
}

export async function feedPet(ctx: CommandContext, _p: unknown, cmd: Command): Promise<Decision> {
  const { pet, rejection } = await petFor(ctx, { mustBeHome: true });
  if (!pet) return rejection;
  const stats = applyEffects(currentPetStats(pet, ctx.now), { hunger: FEED.hunger });
  return spend(ctx, cmd, FEED.price, pet, stats, "feed");
}

export async function buyItem(ctx: CommandContext, p: { itemId: string }, cmd: Command): Promise<Decision> {
  if (!isShopItemId(p.itemId)) return reject("NOT_FOUND");
  const item = SHOP_ITEMS[p.itemId];
  const { pet, rejection } = await petFor(ctx, { mustBeHome: item.kind === "food" });
  if (!pet) return rejection;
  if (item.kind === "food") {
    return spend(ctx, cmd, item.price, pet, applyEffects(currentPetStats(pet, ctx.now), item.effects), item.id);
  }
  const owned = JSON.parse(pet.cosmetics) as string[];
  if (owned.includes(item.id)) return reject("ITEM_ALREADY_OWNED");
  return spend(
    ctx,
    cmd,
    item.price,
    pet,
    { ...currentPetStats(pet, ctx.now), cosmetics: JSON.stringify([...owned, item.id]) },
    item.id,
  );
}

/** "Throw away worries": the worries are read, counted and discarded — never stored. */
export async function declutter(ctx: CommandContext, _p: { worries: string[] }, cmd: Command): Promise<Decision> {
  const { pet, rejection } = await petFor(ctx, { mustBeHome: false });
  if (!pet) return rejection;
  if (!declutterReady(pet.lastDeclutterAt, ctx.now)) return reject("DECLUTTER_COOLDOWN");
  const stats = applyEffects(currentPetStats(pet, ctx.now), {
    hygiene: DECLUTTER.hygiene,
    happiness: DECLUTTER.happiness,
  });
  const changes = { ...stats, statsAt: ctx.now, lastDeclutterAt: ctx.now };
  const before = await totals(ctx.db, ctx.userId);
  const delta = { xp: 0, coins: DECLUTTER.coins };
  const day = localDay(ctx.now, ctx.timezone, ctx.dayStartHour);
  return {
    ok: true,
    status: 200,
    body: {
      pet: petView({ ...pet, ...changes, xp: pet.xp + DECLUTTER.petXp }, ctx.now),
      progress: progressAnswer(before, delta),
    },
    statements: [
      ctx.db
        .update(pets)
        .set({ ...changes, xp: sql`${pets.xp} + ${DECLUTTER.petXp}` })
        .where(wherePet(ctx)),
      ...rewardStatements(ctx, { opId: cmd.opId, source: "pet", refId: "declutter", localDay: day, ...delta }),
    ],
  };
}

export async function startAdventure(ctx: CommandContext): Promise<Decision> {
  const pet = await findPet(ctx.db, ctx.userId);
  if (!pet) return reject("PET_NOT_ADOPTED");
  const current = currentPetStats(pet, ctx.now);
  const refusal = canStartAdventure(current, pet.adventureStartedAt);
  if (refusal) return reject(refusal);
  const changes = {
    ...current,
    energy: current.energy - ADVENTURE.energyCost,
    statsAt: ctx.now,
    adventureStartedAt: ctx.now,
  };
  return {
    ok: true,
    status: 200,
    body: {
      pet: petView({ ...pet, ...changes }, ctx.now),
      returnsAt: new Date(ctx.now + ADVENTURE.durationMs).toISOString(),
    },
    statements: [ctx.db.update(pets).set(changes).where(wherePet(ctx))],
  };
}

/** Welcome back: coins, pet XP and one loot item, all drawn here with the server's randomness. */
export async function returnFromAdventure(ctx: CommandContext, _p: unknown, cmd: Command): Promise<Decision> {
  const pet = await findPet(ctx.db, ctx.userId);
  if (!pet) return reject("PET_NOT_ADOPTED");
  const refusal = canReturn(pet.adventureStartedAt, ctx.now);
  if (refusal) return reject(refusal);
  const reward = rollAdventureReward(ctx.random);
  const loot = [...(JSON.parse(pet.loot) as unknown[]), reward.loot];
  const changes = { adventureStartedAt: null, loot: JSON.stringify(loot) };
  const before = await totals(ctx.db, ctx.userId);
  const delta = { xp: 0, coins: reward.coins };
  const day = localDay(ctx.now, ctx.timezone, ctx.dayStartHour);
  return {
    ok: true,
    status: 200,
    body: {
      pet: petView({ ...pet, ...changes, xp: pet.xp + reward.petXp }, ctx.now),
      reward,
      progress: progressAnswer(before, delta),
    },
    statements: [
      ctx.db
        .update(pets)
        .set({ ...changes, xp: sql`${pets.xp} + ${reward.petXp}` })
        .where(wherePet(ctx)),
      ...rewardStatements(ctx, { opId: cmd.opId, source: "pet", refId: "adventure", localDay: day, ...delta }),
    ],
  };
}
