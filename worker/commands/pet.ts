import type { BatchItem } from "drizzle-orm/batch";
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
  type PetStats,
  SHOP_ITEMS,
} from "../../shared/domain/pet";
import type { petAdopt } from "../../shared/schemas/wellbeing";
import { pets } from "../db/schema";
import { type PetRow, petView } from "../db/wellbeing";
import { applyReward, currentPetStats, updatePet } from "./rewards";
import { type Command, type CommandContext, type Decision, reject } from "./types";

/*
 * The pet: a kindness mechanic. It never dies or runs away, stats never decay below a floor,
 * and every price and reward is decided here, never taken from the request (the seed let the
 * client set the price of food, and rewarded whichever pet row came first).
 */

export function adoptPet(ctx: CommandContext, p: z.infer<typeof petAdopt>): Decision {
  if (ctx.state.pet) return reject("PET_ALREADY_ADOPTED");
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
  ctx.state.pet = row;
  return { ok: true, status: 201, body: { pet: petView(row, ctx.now) }, statements: [ctx.db.insert(pets).values(row)] };
}

const today = (ctx: CommandContext) => localDay(ctx.now, ctx.state.timezone, ctx.state.dayStartHour);

/** Spends coins on the pet: the price comes from the server's tables only. */
function spend(ctx: CommandContext, cmd: Command, price: number, changes: Partial<PetRow>, refId: string): Decision {
  if (ctx.state.totals.coins < price) return reject("NOT_ENOUGH_COINS");
  const statements: BatchItem<"sqlite">[] = [];
  const pet = updatePet(ctx, { ...changes, statsAt: ctx.now }, statements);
  const progress = applyReward(
    ctx,
    { opId: cmd.opId, source: "shop", refId, localDay: today(ctx), xp: 0, coins: -price },
    statements,
  );
  return { ok: true, status: 200, body: { pet: petView(pet, ctx.now), progress }, statements };
}

function stats(ctx: CommandContext, pet: PetRow): PetStats {
  return currentPetStats(pet, ctx.now);
}

export function feedPet(ctx: CommandContext, _p: unknown, cmd: Command): Decision {
  const pet = ctx.state.pet;
  if (!pet) return reject("PET_NOT_ADOPTED");
  if (pet.adventureStartedAt !== null) return reject("PET_AWAY");
  return spend(ctx, cmd, FEED.price, applyEffects(stats(ctx, pet), { hunger: FEED.hunger }), "feed");
}

export function buyItem(ctx: CommandContext, p: { itemId: string }, cmd: Command): Decision {
  if (!isShopItemId(p.itemId)) return reject("NOT_FOUND");
  const item = SHOP_ITEMS[p.itemId];
  const pet = ctx.state.pet;
  if (!pet) return reject("PET_NOT_ADOPTED");
  if (item.kind === "food") {
    if (pet.adventureStartedAt !== null) return reject("PET_AWAY");
    return spend(ctx, cmd, item.price, applyEffects(stats(ctx, pet), item.effects), item.id);
  }
  const owned = JSON.parse(pet.cosmetics) as string[];
  if (owned.includes(item.id)) return reject("ITEM_ALREADY_OWNED");
  return spend(ctx, cmd, item.price, { ...stats(ctx, pet), cosmetics: JSON.stringify([...owned, item.id]) }, item.id);
}

/** "Throw away worries": the worries are read, counted and discarded — never stored. */
export function declutter(ctx: CommandContext, _p: { worries: string[] }, cmd: Command): Decision {
  const pet = ctx.state.pet;
  if (!pet) return reject("PET_NOT_ADOPTED");
  if (!declutterReady(pet.lastDeclutterAt, ctx.now)) return reject("DECLUTTER_COOLDOWN");
  const statements: BatchItem<"sqlite">[] = [];
  const updated = updatePet(
    ctx,
    {
      ...applyEffects(stats(ctx, pet), { hygiene: DECLUTTER.hygiene, happiness: DECLUTTER.happiness }),
      statsAt: ctx.now,
      lastDeclutterAt: ctx.now,
      xp: pet.xp + DECLUTTER.petXp,
    },
    statements,
  );
  const progress = applyReward(
    ctx,
    { opId: cmd.opId, source: "pet", refId: "declutter", localDay: today(ctx), xp: 0, coins: DECLUTTER.coins },
    statements,
  );
  return { ok: true, status: 200, body: { pet: petView(updated, ctx.now), progress }, statements };
}

export function startAdventure(ctx: CommandContext): Decision {
  const pet = ctx.state.pet;
  if (!pet) return reject("PET_NOT_ADOPTED");
  const current = stats(ctx, pet);
  const refusal = canStartAdventure(current, pet.adventureStartedAt);
  if (refusal) return reject(refusal);
  const statements: BatchItem<"sqlite">[] = [];
  const updated = updatePet(
    ctx,
    { ...current, energy: current.energy - ADVENTURE.energyCost, statsAt: ctx.now, adventureStartedAt: ctx.now },
    statements,
  );
  return {
    ok: true,
    status: 200,
    body: { pet: petView(updated, ctx.now), returnsAt: new Date(ctx.now + ADVENTURE.durationMs).toISOString() },
    statements,
  };
}

/** Welcome back: coins, pet XP and one loot item, all drawn here with the server's randomness. */
export function returnFromAdventure(ctx: CommandContext, _p: unknown, cmd: Command): Decision {
  const pet = ctx.state.pet;
  if (!pet) return reject("PET_NOT_ADOPTED");
  const refusal = canReturn(pet.adventureStartedAt, ctx.now);
  if (refusal) return reject(refusal);
  const reward = rollAdventureReward(ctx.random);
  const statements: BatchItem<"sqlite">[] = [];
  const updated = updatePet(
    ctx,
    {
      adventureStartedAt: null,
      loot: JSON.stringify([...(JSON.parse(pet.loot) as unknown[]), reward.loot]),
      xp: pet.xp + reward.petXp,
    },
    statements,
  );
  const progress = applyReward(
    ctx,
    { opId: cmd.opId, source: "pet", refId: "adventure", localDay: today(ctx), xp: 0, coins: reward.coins },
    statements,
  );
  return { ok: true, status: 200, body: { pet: petView(updated, ctx.now), reward, progress }, statements };
}
