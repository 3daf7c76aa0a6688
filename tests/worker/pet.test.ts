import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createUserAndLogin, errorOf, json, patientWithHabit, register } from "./helpers";

type Stats = { hunger: number; happiness: number; energy: number; hygiene: number };
type Pet = {
  name: string;
  species: string;
  stats: Stats;
  xp: number;
  stage: string;
  away: boolean;
  adventureStartedAt: string | null;
  cosmetics: string[];
  loot: { id: string; name: string; rarity: string }[];
};
type PetAnswer = { pet: Pet; progress?: { xp: number; coins: number; delta: { xp: number; coins: number } } };

const HOUR = 3_600_000;
const MINUTE = 60_000;

function adopt(token: string, body: Record<string, unknown> = { name: "Biscuit", species: "dog" }) {
  return call("/api/v1/pet", { token, body });
}

function act(token: string, action: string, body: Record<string, unknown> = {}) {
  return call(`/api/v1/pet/${action}`, { token, body });
}

async function getPet(token: string): Promise<Pet | null> {
  return (await json<{ pet: Pet | null }>(await call("/api/v1/pet", { token }))).pet;
}

async function coinsOf(token: string): Promise<number> {
  return (await json<{ coins: number }>(await call("/api/v1/progress", { token }))).coins;
}

function giveCoins(userId: string, coins: number) {
  return env.DB.prepare(
    "INSERT INTO progress (user_id, xp, coins, updated_at) VALUES (?, 0, ?, 0) ON CONFLICT(user_id) DO UPDATE SET coins = excluded.coins",
  )
    .bind(userId, coins)
    .run();
}

/** Sets stored pet columns directly (stats, clocks), as time passing or earlier play would have. */
function setPet(userId: string, columns: Record<string, number | null>) {
  const names = Object.keys(columns);
  return env.DB.prepare(`UPDATE pets SET ${names.map((n) => `${n} = ?`).join(", ")} WHERE user_id = ?`)
    .bind(...names.map((n) => columns[n] ?? null), userId)
    .run();
}

async function patientWithPet() {
  const r = await register();
  const res = await adopt(r.accessToken);
  if (res.status !== 201) throw new Error(`adopt failed: ${res.status} ${await res.text()}`);
  return r;
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect((await errorOf(res)).code).toBe(code);
}

describe("pet: adoption", () => {
  it("has no pet before adoption; adopting gives a baby at 70/70/70/80", async () => {
    const r = await register();
    expect(await getPet(r.accessToken)).toBeNull();
    const res = await adopt(r.accessToken, { name: "Biscuit", species: "fox" });
    expect(res.status).toBe(201);
    const { pet } = await json<PetAnswer>(res);
    expect(pet).toMatchObject({
      name: "Biscuit",
      species: "fox",
      stats: { hunger: 70, happiness: 70, energy: 70, hygiene: 80 },
      xp: 0,
      stage: "baby",
      away: false,
      cosmetics: [],
      loot: [],
    });
    expect(await getPet(r.accessToken)).toMatchObject({ name: "Biscuit", species: "fox", stage: "baby" });
  });

  it("adopting again is refused with 409 PET_ALREADY_ADOPTED and never resets the pet", async () => {
    const r = await patientWithPet();
    await giveCoins(r.user.id, 10);
    expect((await act(r.accessToken, "feed")).status).toBe(200);
    const again = await adopt(r.accessToken, { name: "Usurper", species: "cat" });
    await expectError(again, 409, "PET_ALREADY_ADOPTED");
    expect(await getPet(r.accessToken)).toMatchObject({
      name: "Biscuit",
      species: "dog",
      stats: { hunger: 100 },
    });
  });

  it("refuses an unknown species with 400 and adopts nothing", async () => {
    const r = await register();
    const res = await adopt(r.accessToken, { name: "Rex", species: "velociraptor" });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields?.map((f) => f.path)).toEqual(["species"]);
    expect(await getPet(r.accessToken)).toBeNull();
  });

  it("refuses actions before adoption with 409 PET_NOT_ADOPTED", async () => {
    const r = await register();
    await giveCoins(r.user.id, 100);
    await expectError(await act(r.accessToken, "feed"), 409, "PET_NOT_ADOPTED");
    await expectError(await act(r.accessToken, "adventure"), 409, "PET_NOT_ADOPTED");
    await expectError(await act(r.accessToken, "return"), 409, "PET_NOT_ADOPTED");
    await expectError(await act(r.accessToken, "shop/apple"), 409, "PET_NOT_ADOPTED");
    expect(await coinsOf(r.accessToken)).toBe(100);
  });
});

describe("pet: one pet per patient", () => {
  it("each patient sees only their own pet", async () => {
    const a = await register();
    const b = await register();
    expect((await adopt(a.accessToken, { name: "Alpha", species: "owl" })).status).toBe(201);
    expect((await adopt(b.accessToken, { name: "Beta", species: "rabbit" })).status).toBe(201);
    expect(await getPet(a.accessToken)).toMatchObject({ name: "Alpha", species: "owl" });
    expect(await getPet(b.accessToken)).toMatchObject({ name: "Beta", species: "rabbit" });
  });

  it("the seed's shared-pet bug: one patient's feed never touches another patient's pet", async () => {
    const a = await patientWithPet();
    const b = await patientWithPet();
    await giveCoins(a.user.id, 10);
    await giveCoins(b.user.id, 10);
    const fed = await act(a.accessToken, "feed");
    expect(fed.status).toBe(200);
    expect((await json<PetAnswer>(fed)).pet.stats.hunger).toBe(100);
    expect((await getPet(a.accessToken))?.stats.hunger).toBe(100);
    expect((await getPet(b.accessToken))?.stats).toEqual({ hunger: 70, happiness: 70, energy: 70, hygiene: 80 });
    expect(await coinsOf(b.accessToken)).toBe(10);
    const rows = await env.DB.prepare("SELECT user_id, hunger FROM pets WHERE user_id IN (?, ?) ORDER BY hunger")
      .bind(a.user.id, b.user.id)
      .all();
    expect(rows.results).toEqual([
      { user_id: b.user.id, hunger: 70 },
      { user_id: a.user.id, hunger: 100 },
    ]);
  });
});

describe("pet: feeding and the shop", () => {
  it("feeding without coins is refused with 409 NOT_ENOUGH_COINS and changes nothing", async () => {
    const r = await patientWithPet();
    await setPet(r.user.id, { hunger: 40, stats_at: Date.now() });
    await expectError(await act(r.accessToken, "feed"), 409, "NOT_ENOUGH_COINS");
    await giveCoins(r.user.id, 9);
    await expectError(await act(r.accessToken, "feed"), 409, "NOT_ENOUGH_COINS");
    expect((await getPet(r.accessToken))?.stats.hunger).toBe(40);
    expect(await coinsOf(r.accessToken)).toBe(9);
  });

  it("feeding costs 10 coins and gives hunger +30, capped at 100", async () => {
    const r = await patientWithPet();
    await setPet(r.user.id, { hunger: 50, stats_at: Date.now() });
    await giveCoins(r.user.id, 25);
    const first = await act(r.accessToken, "feed");
    expect(first.status).toBe(200);
    const body = await json<PetAnswer>(first);
    expect(body.pet.stats.hunger).toBe(80);
    expect(body.progress).toMatchObject({ coins: 15, delta: { xp: 0, coins: -10 } });
    const second = await json<PetAnswer>(await act(r.accessToken, "feed"));
    expect(second.pet.stats.hunger).toBe(100);
    expect(second.progress).toMatchObject({ coins: 5, delta: { coins: -10 } });
    expect(await coinsOf(r.accessToken)).toBe(5);
  });

  it("takes the price from the server: a price in the body is refused with 400", async () => {
    const r = await patientWithPet();
    await giveCoins(r.user.id, 10);
    const res = await act(r.accessToken, "feed", { price: 0 });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields?.[0]?.path).toBe("price");
    expect(await coinsOf(r.accessToken)).toBe(10);
    expect((await getPet(r.accessToken))?.stats.hunger).toBe(70);
  });

  it("lists the shop with the server's prices", async () => {
    const r = await register();
    const res = await call("/api/v1/pet/shop", { token: r.accessToken });
    expect(res.status).toBe(200);
    const shop = await json<{ feed: { price: number; hunger: number }; items: { id: string; price: number }[] }>(res);
    expect(shop.feed).toEqual({ price: 10, hunger: 30 });
    expect(Object.fromEntries(shop.items.map((i) => [i.id, i.price]))).toEqual({
      apple: 10,
      cupcake: 25,
      top_hat: 100,
      bow: 100,
      crown: 500,
    });
  });

  it("an apple costs 10 coins and gives hunger +20", async () => {
    const r = await patientWithPet();
    await giveCoins(r.user.id, 30);
    const res = await act(r.accessToken, "shop/apple");
    expect(res.status).toBe(200);
    const body = await json<PetAnswer>(res);
    expect(body.pet.stats).toMatchObject({ hunger: 90, happiness: 70 });
    expect(body.progress).toMatchObject({ coins: 20, delta: { coins: -10 } });
    expect(await coinsOf(r.accessToken)).toBe(20);
  });

  it("a crown needs 500 coins, is owned once, and a second purchase is refused with ITEM_ALREADY_OWNED", async () => {
    const r = await patientWithPet();
    await giveCoins(r.user.id, 499);
    await expectError(await act(r.accessToken, "shop/crown"), 409, "NOT_ENOUGH_COINS");
    expect((await getPet(r.accessToken))?.cosmetics).toEqual([]);
    await giveCoins(r.user.id, 500);
    const bought = await act(r.accessToken, "shop/crown");
    expect(bought.status).toBe(200);
    expect((await json<PetAnswer>(bought)).pet.cosmetics).toEqual(["crown"]);
    expect(await coinsOf(r.accessToken)).toBe(0);
    await giveCoins(r.user.id, 500);
    await expectError(await act(r.accessToken, "shop/crown"), 409, "ITEM_ALREADY_OWNED");
    expect(await coinsOf(r.accessToken)).toBe(500);
    expect((await getPet(r.accessToken))?.cosmetics).toEqual(["crown"]);
  });

  it("answers 404 for an unknown shop item", async () => {
    const r = await patientWithPet();
    await giveCoins(r.user.id, 1000);
    for (const id of ["sword", "toString", "__proto__"]) {
      await expectError(await act(r.accessToken, `shop/${id}`), 404, "NOT_FOUND");
    }
    expect(await coinsOf(r.accessToken)).toBe(1000);
  });
});

describe("pet: wellbeing bonus and decay", () => {
  it("earning XP cheers the pet: every stat +3 from its decayed value and pet XP +15", async () => {
    const p = await patientWithHabit();
    expect((await adopt(p.accessToken)).status).toBe(201);
    await setPet(p.user.id, { stats_at: Date.now() - 10 * HOUR });
    const done = await call(`/api/v1/habits/${p.habitId}/completions`, { token: p.accessToken, body: {} });
    expect(done.status).toBe(201);
    const pet = await getPet(p.accessToken);
    expect(pet?.stats).toEqual({ hunger: 70, happiness: 73, energy: 70, hygiene: 82 });
    expect(pet?.xp).toBe(15);
  });

  it("decays on read: after 10 hours hunger and energy −3, hygiene −1, happiness unchanged", async () => {
    const r = await patientWithPet();
    await setPet(r.user.id, { stats_at: Date.now() - 10 * HOUR - MINUTE });
    expect((await getPet(r.accessToken))?.stats).toEqual({ hunger: 67, happiness: 70, energy: 67, hygiene: 79 });
  });

  it("never decays below the floor of 20, however long it has been", async () => {
    const r = await patientWithPet();
    await setPet(r.user.id, { stats_at: Date.now() - 1000 * HOUR });
    expect((await getPet(r.accessToken))?.stats).toEqual({ hunger: 20, happiness: 70, energy: 20, hygiene: 20 });
  });
});

describe("pet: declutter", () => {
  it("needs at least one worry: an empty list is refused with 400", async () => {
    const r = await patientWithPet();
    const res = await act(r.accessToken, "declutter", { worries: [] });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.[0]?.path).toBe("worries");
    expect((await act(r.accessToken, "declutter", {})).status).toBe(400);
    expect(await getPet(r.accessToken)).toMatchObject({ xp: 0, lastDeclutterAt: null });
  });

  it("gives hygiene +40 (capped at 100), happiness +5, coins +5 and pet XP +15; again at once: DECLUTTER_COOLDOWN", async () => {
    const r = await patientWithPet();
    await setPet(r.user.id, { hygiene: 30, stats_at: Date.now() });
    const res = await act(r.accessToken, "declutter", { worries: ["the exam"] });
    expect(res.status).toBe(200);
    const body = await json<PetAnswer>(res);
    expect(body.pet.stats).toEqual({ hunger: 70, happiness: 75, energy: 70, hygiene: 70 });
    expect(body.pet.xp).toBe(15);
    expect(body.progress).toMatchObject({ coins: 5, delta: { coins: 5 } });
    expect(await coinsOf(r.accessToken)).toBe(5);
    await expectError(await act(r.accessToken, "declutter", { worries: ["again"] }), 409, "DECLUTTER_COOLDOWN");
    // Four hours later it is ready again, and hygiene stops at 100.
    await setPet(r.user.id, { last_declutter_at: Date.now() - 4 * HOUR, stats_at: Date.now() });
    const later = await json<PetAnswer>(await act(r.accessToken, "declutter", { worries: ["later"] }));
    expect(later.pet.stats).toMatchObject({ hygiene: 100, happiness: 80 });
    expect(later.pet.xp).toBe(30);
    expect(await coinsOf(r.accessToken)).toBe(10);
  });

  it("stores the worries nowhere: not in ops, not in audit events, not in any table", async () => {
    const r = await patientWithPet();
    const worry = `worry-${crypto.randomUUID()}`;
    const cooled = `worry-${crypto.randomUUID()}`;
    expect((await act(r.accessToken, "declutter", { worries: [worry, "rent"] })).status).toBe(200);
    expect((await act(r.accessToken, "declutter", { worries: [cooled] })).status).toBe(409);
    const ops = await env.DB.prepare("SELECT * FROM ops WHERE user_id = ?").bind(r.user.id).all();
    expect(ops.results.map((o) => o.type).sort()).toEqual(["pet.adopt", "pet.declutter", "pet.declutter"]);
    const audit = await env.DB.prepare("SELECT * FROM audit_events WHERE user_id = ?").bind(r.user.id).all();
    expect(audit.results.length).toBeGreaterThan(0);
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
    ).all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toEqual(expect.arrayContaining(["ops", "audit_events", "pets"]));
    const everything = [JSON.stringify(ops.results), JSON.stringify(audit.results)];
    for (const { name } of tables.results) {
      everything.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results));
    }
    for (const text of everything) {
      expect(text).not.toContain(worry);
      expect(text).not.toContain(cooled);
    }
  });
});

describe("pet: adventure", () => {
  it("refuses an adventure with energy below 20 with 409 PET_TOO_TIRED", async () => {
    const r = await patientWithPet();
    await setPet(r.user.id, { energy: 19, stats_at: Date.now() });
    await expectError(await act(r.accessToken, "adventure"), 409, "PET_TOO_TIRED");
    expect(await getPet(r.accessToken)).toMatchObject({ away: false, stats: { energy: 19 } });
  });

  it("goes for 30 minutes at a cost of 20 energy and comes back with coins, pet XP and one loot item", async () => {
    const r = await patientWithPet();
    await giveCoins(r.user.id, 100);
    const start = await act(r.accessToken, "adventure");
    expect(start.status).toBe(200);
    expect((await json<PetAnswer>(start)).pet).toMatchObject({ away: true, stats: { energy: 50 } });
    expect(await getPet(r.accessToken)).toMatchObject({ away: true, stats: { energy: 50 } });

    await expectError(await act(r.accessToken, "feed"), 409, "PET_AWAY");
    await expectError(await act(r.accessToken, "shop/apple"), 409, "PET_AWAY");
    await expectError(await act(r.accessToken, "adventure"), 409, "PET_AWAY");
    await expectError(await act(r.accessToken, "return"), 409, "ADVENTURE_NOT_OVER");
    expect(await coinsOf(r.accessToken)).toBe(100);

    await setPet(r.user.id, { adventure_started_at: Date.now() - 31 * MINUTE });
    const back = await act(r.accessToken, "return");
    expect(back.status).toBe(200);
    const body = await json<
      PetAnswer & { reward: { coins: number; petXp: number; loot: { id: string; name: string; rarity: string } } }
    >(back);
    expect(body.reward.petXp).toBe(20);
    expect(Number.isInteger(body.reward.coins)).toBe(true);
    expect(body.reward.coins).toBeGreaterThanOrEqual(10);
    expect(body.reward.coins).toBeLessThanOrEqual(50);
    expect(["common", "uncommon", "rare", "legendary"]).toContain(body.reward.loot.rarity);
    expect(body.reward.loot.id).toEqual(expect.any(String));
    expect(body.progress).toMatchObject({ coins: 100 + body.reward.coins, delta: { coins: body.reward.coins } });
    expect(await coinsOf(r.accessToken)).toBe(100 + body.reward.coins);
    const pet = await getPet(r.accessToken);
    expect(pet).toMatchObject({ away: false, xp: 20, loot: [body.reward.loot] });

    await expectError(await act(r.accessToken, "return"), 409, "NOT_ON_ADVENTURE");
    expect((await act(r.accessToken, "feed")).status).toBe(200);
  });
});

describe("pet: rejections and roles", () => {
  it("audit-logs every rejection as command.pet.<type> with its error code", async () => {
    const r = await register();
    await expectError(await act(r.accessToken, "feed"), 409, "PET_NOT_ADOPTED");
    expect((await adopt(r.accessToken)).status).toBe(201);
    await expectError(await adopt(r.accessToken), 409, "PET_ALREADY_ADOPTED");
    await expectError(await act(r.accessToken, "feed"), 409, "NOT_ENOUGH_COINS");
    await expectError(await act(r.accessToken, "return"), 409, "NOT_ON_ADVENTURE");
    await expectError(await act(r.accessToken, "shop/crown"), 409, "NOT_ENOUGH_COINS");
    const audit = await env.DB.prepare(
      "SELECT action, outcome, error_code FROM audit_events WHERE user_id = ? AND action LIKE 'command.pet.%' ORDER BY id",
    )
      .bind(r.user.id)
      .all();
    expect(audit.results).toEqual([
      { action: "command.pet.feed", outcome: "failure", error_code: "PET_NOT_ADOPTED" },
      { action: "command.pet.adopt", outcome: "failure", error_code: "PET_ALREADY_ADOPTED" },
      { action: "command.pet.feed", outcome: "failure", error_code: "NOT_ENOUGH_COINS" },
      { action: "command.pet.return", outcome: "failure", error_code: "NOT_ON_ADVENTURE" },
      { action: "command.pet.buy", outcome: "failure", error_code: "NOT_ENOUGH_COINS" },
    ]);
  });

  it("is for patients: staff get 403", async () => {
    const staff = await createUserAndLogin("clinician");
    expect((await call("/api/v1/pet", { token: staff.accessToken })).status).toBe(403);
    const adoptRes = await adopt(staff.accessToken);
    expect(adoptRes.status).toBe(403);
    expect((await errorOf(adoptRes)).code).toBe("FORBIDDEN");
    expect((await act(staff.accessToken, "feed")).status).toBe(403);
  });
});
