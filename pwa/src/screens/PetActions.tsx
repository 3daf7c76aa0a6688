import { useEffect, useState } from "preact/hooks";
import type { AdventureReward } from "../../../shared/domain/loot";
import {
  ADVENTURE,
  applyEffects,
  canReturn,
  canStartAdventure,
  DECLUTTER,
  declutterReady,
  FEED,
  isShopItemId,
  type PetStat,
  petStage,
  SHOP_ITEMS,
  type ShopItem,
} from "../../../shared/domain/pet";
import type { PublicUser } from "../../../shared/schemas/auth";
import type { CommandInput, CommandType } from "../../../shared/schemas/commands";
import { SAFETY_ITEM_MAX, WORRIES_MAX } from "../../../shared/schemas/wellbeing";
import { db } from "../data/db";
import type { Local } from "../data/entities";
import { useOpStatus } from "../data/op-status";
import { useProgress } from "../data/progress";
import type { PetView } from "../data/types";
import { useLive } from "../data/use-live";
import { write } from "../data/write";
import { LootIcon } from "./pet/LootIcon";
import { withArticle } from "./pet/pet-look";
import type { ScreenProps } from "./types";

/** A flourish on the drawing: hearts and crumbs after a meal, a hop on coming home. */
export type Cheer = "fed" | "home";

type PetProps = ScreenProps & { pet: Local<PetView>; onCheer: (kind: Cheer) => void };

/** The stats' names on screen: "hunger" runs from 0 to 100 = full, so it reads as how well fed the pet is. */
export const STAT_NAMES: Record<PetStat, string> = {
  hunger: "Well fed",
  happiness: "Happiness",
  energy: "Energy",
  hygiene: "Hygiene",
};

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** The cached pet without its sync flags: what an optimistic write stores. */
function plain(pet: Local<PetView>): PetView {
  const { pending: _pending, rejected: _rejected, ...data } = pet;
  return data;
}

/** Queues a pet command with the pet as the shared rules predict it (the server decides). */
async function petWrite<T extends CommandType>(type: T, payload: CommandInput<T>, next: PetView, onWrite: () => void) {
  const opId = await write(type, payload, { entity: "pet", id: "me", data: next });
  onWrite();
  return opId;
}

/** The time now, re-rendering every 15 s so adventure time left and the declutter cooldown follow it. */
function useNow(): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 15_000);
    return () => clearInterval(timer);
  }, []);
  return Date.now();
}

/** Coins: the server's balance as of the last sync, and what queued purchases will spend. */
export function Coins({ user }: { user: PublicUser }) {
  const progress = useProgress(user);
  const outbox = useLive(() => db.outbox.toArray(), []);
  const coins = progress?.view.coins ?? null;
  let setAside = 0;
  for (const op of outbox) {
    if (op.type === "pet.feed") setAside += FEED.price;
    const itemId = (op.payload as { itemId?: unknown } | null)?.itemId;
    if (op.type === "pet.buy" && typeof itemId === "string" && isShopItemId(itemId))
      setAside += SHOP_ITEMS[itemId].price;
  }
  return (
    <section class="card" aria-labelledby="coins-title">
      <h3 id="coins-title">Coins</h3>
      <p data-testid="pet-coins">
        {coins === null ? (
          "Your coins show here after the first sync."
        ) : (
          <>
            You have <strong>{coins}</strong> coins.
          </>
        )}
        {setAside > 0 ? <span class="pending"> {setAside} of them go to changes waiting to sync.</span> : null}
      </p>
      <p class="muted">Coins come from check-ins, habits and quests, and from your pet's adventures.</p>
    </section>
  );
}

/** Feeding and throwing away worries. */
export function Care({ pet, onWrite, onCheer }: PetProps) {
  const now = useNow();
  const [worries, setWorries] = useState<string[]>([""]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const lastDeclutter = ms(pet.lastDeclutterAt);
  const ready = declutterReady(lastDeclutter, now);

  async function feed() {
    const next = { ...plain(pet), stats: applyEffects(pet.stats, { hunger: FEED.hunger }) };
    onCheer("fed");
    await petWrite("pet.feed", {}, next, onWrite);
  }

  async function declutter(event: Event) {
    event.preventDefault();
    const kept = worries.map((w) => w.trim()).filter((w) => w.length > 0);
    if (kept.length === 0) {
      setError("Write at least one worry to throw away.");
      return;
    }
    setError(null);
    const xp = pet.xp + DECLUTTER.petXp;
    const next: PetView = {
      ...plain(pet),
      stats: applyEffects(pet.stats, { hygiene: DECLUTTER.hygiene, happiness: DECLUTTER.happiness }),
      xp,
      stage: petStage(xp),
      lastDeclutterAt: new Date().toISOString(),
    };
    await petWrite("pet.declutter", { worries: kept }, next, onWrite);
    // The worries leave this screen at once; the server reads them, counts them and keeps none.
    setWorries([""]);
    setDone(true);
  }

  return (
    <section class="card" aria-labelledby="care-title">
      <h3 id="care-title">Care</h3>
      <div class="pet-action">
        <p class="grow">
          A meal for {pet.name}: {STAT_NAMES.hunger.toLowerCase()} +{FEED.hunger}, for {FEED.price} coins.
        </p>
        <button type="button" disabled={pet.away} onClick={() => void feed()}>
          Feed {pet.name}
        </button>
      </div>
      {pet.away ? <p class="muted">{pet.name} will eat when they are home from their adventure.</p> : null}

      <h4 id="declutter-title">Throw away worries</h4>
      <p>
        Write down what is weighing on you, then let it go. {pet.name} tidies up (hygiene +{DECLUTTER.hygiene},
        happiness +{DECLUTTER.happiness}) and you earn {DECLUTTER.coins} coins. Your words are not kept anywhere.
      </p>
      {done ? (
        <p class="gentle" role="status" data-testid="declutter-done">
          Those worries are gone. Well done for putting them down.
        </p>
      ) : null}
      {ready ? (
        <form onSubmit={declutter} aria-labelledby="declutter-title" noValidate>
          {worries.map((worry, i) => (
            <label key={i}>
              Worry {i + 1}
              <input
                value={worry}
                maxLength={SAFETY_ITEM_MAX}
                aria-describedby={error ? "declutter-error" : undefined}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setWorries((all) => all.map((w, j) => (j === i ? value : w)));
                }}
              />
            </label>
          ))}
          {error ? (
            <p id="declutter-error" class="error" role="alert">
              {error}
            </p>
          ) : null}
          <div class="pet-buttons">
            {worries.length < WORRIES_MAX ? (
              <button type="button" class="secondary" onClick={() => setWorries((all) => [...all, ""])}>
                Add another worry
              </button>
            ) : null}
            <button type="submit">Throw them away</button>
          </div>
        </form>
      ) : (
        <p data-testid="declutter-next">
          You can do this again from {time.format((lastDeclutter ?? now) + DECLUTTER.cooldownMs)}. Rest easy until then.
        </p>
      )}
    </section>
  );
}

interface ReturnAnswer {
  reward?: AdventureReward;
}

/** Adventures: set off (energy ≥ 20, 30 minutes), the time left, and the welcome home with what was found. */
export function Adventure({ pet, onWrite, onCheer }: PetProps) {
  const now = useNow();
  const [returnOp, setReturnOp] = useState<string | null>(null);
  const [found, setFound] = useState<AdventureReward | null>(null);
  const started = ms(pet.adventureStartedAt);
  // The loot is drawn on the server: once the return has synced, its answer is in the
  // outbox's results (kept by the sync engine), so nothing is asked again. A refused return has
  // nothing to show (its notice explains it).
  const settled = useOpStatus(returnOp);
  useEffect(() => {
    if (!returnOp || !settled || settled.state === "pending") return;
    const reward = settled.state === "delivered" ? (settled.result as ReturnAnswer | null)?.reward : undefined;
    if (reward) setFound(reward);
    setReturnOp(null);
  }, [returnOp, settled]);

  async function setOff() {
    const next: PetView = {
      ...plain(pet),
      stats: { ...pet.stats, energy: pet.stats.energy - ADVENTURE.energyCost },
      away: true,
      adventureStartedAt: new Date().toISOString(),
    };
    setFound(null);
    await petWrite("pet.adventure", {}, next, onWrite);
  }

  async function welcomeBack() {
    const xp = pet.xp + ADVENTURE.petXp;
    const next: PetView = { ...plain(pet), away: false, adventureStartedAt: null, xp, stage: petStage(xp) };
    setFound(null);
    onCheer("home");
    setReturnOp(await petWrite("pet.return", {}, next, onWrite));
  }

  const tooTired = canStartAdventure(pet.stats, started) === "PET_TOO_TIRED";
  const home = started === null;
  const canWelcome = !home && canReturn(started, now) === null;
  const backAt = (started ?? now) + ADVENTURE.durationMs;
  const minutesLeft = Math.max(1, Math.ceil((backAt - now) / 60_000));

  return (
    <section class="card" aria-labelledby="adventure-title">
      <h3 id="adventure-title">Adventure</h3>
      {home ? (
        <>
          <p>
            An adventure takes {ADVENTURE.durationMs / 60_000} minutes and {ADVENTURE.energyCost} energy. {pet.name}{" "}
            comes home with {ADVENTURE.minCoins}–{ADVENTURE.maxCoins} coins and a little treasure.
          </p>
          <button type="button" disabled={tooTired} onClick={() => void setOff()}>
            Send {pet.name} exploring
          </button>
          {tooTired ? (
            <p class="muted">
              {pet.name} would like a rest first (energy {ADVENTURE.minEnergy} or more). Check-ins and habits help.
            </p>
          ) : null}
        </>
      ) : canWelcome ? (
        <>
          <p data-testid="adventure-status">{pet.name} is on the way home.</p>
          <button type="button" onClick={() => void welcomeBack()}>
            Welcome {pet.name} home
          </button>
        </>
      ) : (
        <p data-testid="adventure-status">
          {pet.name} is exploring: about {minutesLeft} minute{minutesLeft === 1 ? "" : "s"} left (back around{" "}
          {time.format(backAt)}).
        </p>
      )}
      {returnOp && !found ? (
        <p class="pending" role="status">
          Welcome home, {pet.name}! What they found shows once this syncs.
        </p>
      ) : null}
      {found ? (
        <p class="gentle" role="status" data-testid="adventure-found">
          Welcome home! {pet.name} brought back {withArticle(found.loot.name.toLowerCase())} ({found.loot.rarity}) and{" "}
          {found.coins} coins.
        </p>
      ) : null}
    </section>
  );
}

function itemEffects(item: ShopItem): string {
  if (item.kind === "cosmetic") return "something to wear";
  return Object.entries(item.effects)
    .map(([stat, amount]) => `${STAT_NAMES[stat as PetStat].toLowerCase()} +${amount}`)
    .join(", ");
}

/** The shop: prices are the shared table's, and the server charges its own, never the device's. */
export function Shop({ pet, onWrite, onCheer }: PetProps) {
  async function buy(item: ShopItem) {
    const base = plain(pet);
    const next: PetView =
      item.kind === "food"
        ? { ...base, stats: applyEffects(pet.stats, item.effects) }
        : { ...base, cosmetics: [...pet.cosmetics, item.id] };
    if (item.kind === "food") onCheer("fed");
    await petWrite("pet.buy", { itemId: item.id }, next, onWrite);
  }
  return (
    <section class="card" aria-labelledby="shop-title">
      <h3 id="shop-title">Shop</h3>
      {pet.away ? (
        <p class="muted">Food waits until {pet.name} is home; things to wear can be bought any time.</p>
      ) : null}
      <ul class="rows" data-testid="shop">
        {Object.values(SHOP_ITEMS).map((item) => {
          const owned = item.kind === "cosmetic" && pet.cosmetics.includes(item.id);
          const away = item.kind === "food" && pet.away;
          return (
            <li key={item.id}>
              <span class="grow">
                {item.name} — {item.price} coins <span class="muted">({itemEffects(item)})</span>
              </span>
              <button
                type="button"
                class="secondary"
                disabled={owned || away}
                aria-label={owned ? `${item.name}: owned` : `Buy ${item.name} for ${item.price} coins`}
                onClick={() => void buy(item)}
              >
                {owned ? "Owned" : "Buy"}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** What the pet wears and what it has found on its adventures. */
export function Belongings({ pet }: { pet: Local<PetView> }) {
  const cosmetics = pet.cosmetics.filter(isShopItemId).map((id) => SHOP_ITEMS[id].name);
  const finds = new Map<string, { name: string; rarity: string; count: number }>();
  for (const item of pet.loot) {
    const entry = finds.get(item.id) ?? { name: item.name, rarity: item.rarity, count: 0 };
    entry.count += 1;
    finds.set(item.id, entry);
  }
  return (
    <section class="card" aria-labelledby="belongings-title">
      <h3 id="belongings-title">Belongings</h3>
      <h4>Wardrobe</h4>
      {cosmetics.length === 0 ? (
        <p class="muted">Nothing yet. The shop has a top hat, a bow and a crown.</p>
      ) : (
        <ul data-testid="cosmetics">
          {cosmetics.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      )}
      <h4>Treasures found</h4>
      {finds.size === 0 ? (
        <p class="muted">Adventures bring back little treasures.</p>
      ) : (
        <ul class="pet-shelf" data-testid="loot">
          {[...finds.entries()].map(([id, f]) => (
            <li key={id}>
              <LootIcon id={id} />
              {f.name} <span class="muted">({f.rarity})</span>
              {f.count > 1 ? ` ×${f.count}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
