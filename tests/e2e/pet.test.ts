/**
 * The pet in real Chromium, as the "pet" e2e patient: adopt, feed offline and sync (charged once),
 * throw away worries, set off on an adventure, and a purchase the server refuses, explained. The pet
 * is drawn (an SVG with a description), cheers after a meal, and keeps still under reduced motion.
 * Every step is checked against the server through the API.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  launchBrowser,
  openScreen,
  signIn,
  signOut,
} from "./browser";

interface Pet {
  name: string;
  species: string;
  stats: { hunger: number; happiness: number; energy: number; hygiene: number };
  xp: number;
  away: boolean;
  lastDeclutterAt: string | null;
  cosmetics: string[];
}

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
}, 60_000);

afterAll(() => browser?.close());

/** Earns coins the honest way: a habit done four times today (5 coins each), through the API. */
async function earnCoins(page: Page, token: string): Promise<void> {
  const auth = { Authorization: `Bearer ${token}` };
  const created = await page.request.post(`${base()}/api/v1/habits`, {
    headers: auth,
    data: { name: "Water the plants", difficulty: "easy", schedule: { type: "daily", perDay: 4 } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { habit } = (await created.json()) as { habit: { id: string } };
  for (let i = 0; i < 4; i++) {
    // Two minutes apart (the policy wants 60 s between completions of one habit).
    const at = new Date(Date.now() - (4 - i) * 120_000).toISOString();
    const res = await page.request.post(`${base()}/api/v1/habits/${habit.id}/completions`, {
      headers: auth,
      data: { at },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
}

describe("the pet", () => {
  it("is adopted, fed offline and charged once, relieved of worries, sent exploring, and refused a crown it cannot afford", async () => {
    const page = await context.newPage();
    const token = await apiToken(page.request, "pet");
    const pet = async () => (await apiGet<{ pet: Pet | null }>(page.request, token, "/pet")).pet;
    const coins = async () => (await apiGet<{ coins: number }>(page.request, token, "/progress")).coins;
    expect(await pet()).toBeNull();
    await earnCoins(page, token);
    expect(await coins()).toBe(20);

    await signIn(page, "pet");
    await openScreen(page, "Pet");
    await expect.poll(() => page.getByRole("button", { name: "Adopt" }).count(), { timeout: 15_000 }).toBe(1);

    // Adopt.
    await page.getByLabel("Name").fill("Pebble");
    await page.getByLabel("Species").selectOption("fox");
    await page.getByRole("button", { name: "Adopt" }).click();
    await expect.poll(() => page.getByTestId("pet-name").textContent()).toBe("Pebble");
    await expect.poll(pet, { timeout: 20_000 }).toMatchObject({
      name: "Pebble",
      species: "fox",
      stats: { hunger: 70, happiness: 70, energy: 70, hygiene: 80 },
      xp: 0,
      away: false,
    });
    const art = page.getByTestId("pet-art");
    await expect.poll(() => art.getAttribute("aria-label")).toBe("Pebble the fox, a baby, looks joyful");
    expect(await art.getAttribute("role")).toBe("img");
    expect(await page.getByTestId("pet-growth").textContent()).toContain("500 more pet XP to grow into a child");
    // There is a pet now, so there is no adoption form to replace it with.
    expect(await page.getByRole("button", { name: "Adopt" }).count()).toBe(0);
    await expect.poll(() => page.getByTestId("pet-mood").textContent(), { timeout: 20_000 }).not.toContain("waiting");
    await expect.poll(() => page.getByTestId("pet-coins").textContent(), { timeout: 15_000 }).toContain("20 coins");

    // Feed offline: shown at once, synced later, charged exactly once.
    await context.setOffline(true);
    try {
      await page.getByRole("button", { name: "Feed Pebble" }).click();
      await expect.poll(() => page.getByTestId("stat-hunger").textContent()).toBe("Full · 100");
      expect(await page.getByTestId("meter-hunger").getAttribute("aria-valuetext")).toBe("Full, 100 of 100");
      expect(await art.getAttribute("class")).toContain("pet-cheer-fed");
      expect(await page.getByTestId("pet-mood").textContent()).toContain("waiting to sync");
      expect(await page.getByTestId("pet-coins").textContent()).toContain("10 of them go to changes waiting to sync");
      await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);
    } finally {
      await context.setOffline(false);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(async () => (await pet())?.stats.hunger, { timeout: 20_000 }).toBe(100);
    await expect.poll(coins).toBe(10);
    await expect.poll(() => page.getByTestId("pet-mood").textContent(), { timeout: 20_000 }).not.toContain("waiting");
    await expect.poll(() => page.getByTestId("pet-coins").textContent(), { timeout: 20_000 }).toContain("10 coins");
    // Another sync (a reload) replays nothing: still charged once.
    await page.reload();
    await expect.poll(() => page.getByTestId("pet-name").textContent(), { timeout: 15_000 }).toBe("Pebble");
    await expect.poll(() => page.getByTestId("pet-coins").textContent(), { timeout: 15_000 }).toContain("10 coins");
    expect(await coins()).toBe(10);

    // The pet breathes gently, and keeps still when the device asks for reduced motion.
    const animations = () => page.getByTestId("pet-art").evaluate((svg) => svg.getAnimations({ subtree: true }).length);
    expect(await animations()).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: "reduce" });
    await expect.poll(animations).toBe(0);
    await page.emulateMedia({ reducedMotion: null });
    await expect.poll(animations).toBeGreaterThan(0);
    // The drawn pet at home, checked and photographed (the end of the test shows it away).
    await checkScreen(page, "pet-home");

    // Throw away worries: two written, both let go.
    await page.getByLabel("Worry 1").fill("The pile of unread emails");
    await page.getByRole("button", { name: "Add another worry" }).click();
    await page.getByLabel("Worry 2").fill("What they meant by that comment");
    await page.getByRole("button", { name: "Throw them away" }).click();
    await expect.poll(() => page.getByTestId("declutter-done").count()).toBe(1);
    expect(await page.getByLabel("Worry 1").count()).toBe(0);
    await expect.poll(() => page.getByTestId("declutter-next").textContent()).toMatch(/again from/);
    await expect.poll(async () => (await pet())?.lastDeclutterAt ?? null, { timeout: 20_000 }).not.toBeNull();
    expect(await pet()).toMatchObject({ stats: { hygiene: 100, happiness: 75 }, xp: 15 });
    await expect.poll(coins).toBe(15);

    // An adventure: energy 70 − 20, away for 30 minutes, and no feeding meanwhile.
    await expect.poll(() => page.getByTestId("pet-mood").textContent(), { timeout: 20_000 }).not.toContain("waiting");
    await page.getByRole("button", { name: "Send Pebble exploring" }).click();
    await expect.poll(() => page.getByTestId("adventure-status").textContent()).toMatch(/about (30|29) minutes left/);
    expect(await page.getByRole("button", { name: "Feed Pebble" }).isDisabled()).toBe(true);
    expect(await page.getByTestId("pet-art").getAttribute("aria-label")).toBe(
      "Pebble's cushion, empty while Pebble is out exploring",
    );
    await expect.poll(async () => (await pet())?.away, { timeout: 20_000 }).toBe(true);
    expect((await pet())?.stats.energy).toBe(50);
    await expect.poll(() => page.getByTestId("pet-mood").textContent(), { timeout: 20_000 }).not.toContain("waiting");

    // A crown costs 500 coins: the server refuses, and the patient is told why.
    await page.getByRole("button", { name: "Buy Crown for 500 coins" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent(), { timeout: 20_000 }).toMatch(/Not enough coins/);
    await expect.poll(() => page.getByTestId("pet-mood").textContent()).toMatch(/not saved: Not enough coins/);
    expect(await page.getByTestId("cosmetics").count()).toBe(0);
    expect((await pet())?.cosmetics).toEqual([]);
    expect(await coins()).toBe(15);
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => page.getByTestId("notice").count()).toBe(0);

    await checkScreen(page, "pet");
    await signOut(page);
    await page.close();
  });

  it("wears what was bought: a bow on the drawn pet, kept after a reload and on the server", async () => {
    const page = await context.newPage();
    await signIn(page, "pet-shop");
    const token = await apiToken(page.request, "pet-shop");
    await openScreen(page, "Pet");
    await page.getByLabel("Name").fill("Clover");
    await page.getByLabel("Species").selectOption("rabbit");
    await page.getByRole("button", { name: "Adopt" }).click();
    const art = page.getByTestId("pet-art");
    await expect
      .poll(() => art.getAttribute("aria-label"), { timeout: 20_000 })
      .toBe("Clover the rabbit, a baby, looks joyful");
    expect(await art.locator("[data-worn]").count()).toBe(0);
    await expect.poll(() => page.getByTestId("pet-coins").textContent(), { timeout: 20_000 }).toContain("150 coins");

    await page.getByRole("button", { name: "Buy Bow for 100 coins" }).click();
    // Shown at once, from the device's copy.
    await expect.poll(() => art.locator('[data-worn="bow"]').count()).toBe(1);
    expect(await art.getAttribute("aria-label")).toBe("Clover the rabbit, a baby, looks joyful, wearing a bow");
    await expect
      .poll(async () => (await apiGet<{ pet: Pet }>(page.request, token, "/pet")).pet.cosmetics, { timeout: 20_000 })
      .toEqual(["bow"]);
    await page.reload();
    await expect.poll(() => art.locator('[data-worn="bow"]').count(), { timeout: 15_000 }).toBe(1);
    await checkScreen(page, "pet-wardrobe");
    await signOut(page);
    await page.close();
  });
});
