/**
 * The habits editor in real Chromium: create a habit, see its streak as the server counts it,
 * edit one and create another while offline (shown at once, synced on reconnect), archive one
 * after a confirmation that says its history is kept, and see an edit refused because the habit
 * was archived on another device meanwhile.
 */
import { type APIRequestContext, type BrowserContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COINS_PER_XP_ACTION, HABIT_XP } from "../../shared/domain/progression";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  expectAccessible,
  launchBrowser,
  openScreen,
  signIn,
  signOut,
} from "./browser";

interface Habit {
  id: string;
  name: string;
  difficulty: string;
  schedule: { type: "daily"; perDay: number } | { type: "weekly"; timesPerWeek: number };
  notes: string | null;
  archived: boolean;
  streak: { current: number; best: number };
}

let browser: Browser;
let context: BrowserContext;
/** The tests' own API client (standing in for the patient's other device), apart from the browser. */
let api: APIRequestContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
  api = await request.newContext();
}, 60_000);

afterAll(async () => {
  await api?.dispose();
  await browser?.close();
});

/** Brings the device back online and nudges the sync engine, as the browser's own event would. */
async function reconnect(page: Page): Promise<void> {
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
}

describe("the habits editor", () => {
  it("creates, edits offline and archives habits, showing streaks, with the server agreeing", async () => {
    const page = await context.newPage();
    const token = await apiToken(api, "habits");
    const auth = { Authorization: `Bearer ${token}` };
    const habits = async (archived = false) =>
      (await apiGet<{ items: Habit[] }>(api, token, `/habits${archived ? "?archived=true" : ""}`)).items;
    const byName = async (name: string, archived = false) => (await habits(archived)).find((h) => h.name === name);

    await signIn(page, "habits");
    await openScreen(page, "Habits");
    await expect.poll(() => page.getByTestId("screen-title").textContent()).toBe("Habits");
    const list = page.getByTestId("habit-list");
    const row = (name: string) => list.getByTestId("habit").filter({ has: page.getByRole("heading", { name }) });

    // Create: the difficulty shows the XP each completion earns.
    const form = page.getByRole("form", { name: "Add a habit" });
    await form.getByLabel("Name").fill("Evening walk");
    await form.getByLabel("Difficulty").selectOption("medium");
    await expect
      .poll(() => form.textContent())
      .toContain(`Each completion earns ${HABIT_XP.medium} XP and ${COINS_PER_XP_ACTION} coins`);
    await form.getByLabel("How often").selectOption("daily");
    await form.getByLabel(/Times a day/).fill("1");
    await form.getByLabel("Notes (optional)").fill("Round the block after dinner.");
    await form.getByRole("button", { name: "Add habit" }).click();
    const walk = row("Evening walk");
    await expect.poll(() => walk.textContent()).toContain(`Every day · Medium, ${HABIT_XP.medium} XP`);
    await expect.poll(() => walk.textContent(), { timeout: 20_000 }).not.toContain("waiting to sync");
    expect(await form.getByLabel("Name").inputValue()).toBe("");
    const created = await byName("Evening walk");
    expect(created).toMatchObject({
      difficulty: "medium",
      schedule: { type: "daily", perDay: 1 },
      notes: "Round the block after dinner.",
      archived: false,
    });

    // A completion made elsewhere (the patient's other device) reaches the streak after a sync.
    const done = await api.post(`${base()}/api/v1/habits/${created?.id}/completions`, { headers: auth, data: {} });
    expect(done.status(), await done.text()).toBe(201);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect
      .poll(() => walk.getByTestId("habit-streak").textContent(), { timeout: 20_000 })
      .toBe("Streak: 1 day now · best 1 day");
    expect((await byName("Evening walk"))?.streak).toEqual({ current: 1, best: 1 });

    await checkScreen(page, "habits");

    // Offline: edit one habit and create another; both show at once, waiting to sync.
    await context.setOffline(true);
    try {
      await page.getByRole("button", { name: "Edit: Evening walk" }).click();
      const edit = page.getByRole("form", { name: "Edit Evening walk" });
      await expect.poll(() => edit.getByLabel("Name").evaluate((el) => el === document.activeElement)).toBe(true);
      await edit.getByLabel("Name").fill("Evening stroll");
      await edit.getByLabel("Difficulty").selectOption("hard");
      await edit.getByLabel("Notes (optional)").fill("");
      await edit.getByRole("button", { name: "Save changes" }).click();
      const stroll = row("Evening stroll");
      await expect.poll(() => stroll.textContent()).toContain(`Every day · Hard, ${HABIT_XP.hard} XP`);
      await expect.poll(() => stroll.textContent()).toContain("waiting to sync");
      expect(await stroll.textContent()).not.toContain("Round the block");

      await form.getByLabel("Name").fill("Drink water");
      await form.getByLabel("Difficulty").selectOption("easy");
      await form.getByLabel("How often").selectOption("weekly");
      await form.getByLabel(/Days a week/).fill("3");
      await form.getByRole("button", { name: "Add habit" }).click();
      await expect.poll(() => row("Drink water").textContent()).toContain(`3 days a week · Easy, ${HABIT_XP.easy} XP`);
      await expect.poll(() => row("Drink water").textContent()).toContain("waiting to sync");
      await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);
      await expect.poll(() => page.getByTestId("sync-banner").textContent()).toMatch(/2 changes waiting to sync/);
      expect(await byName("Drink water")).toBeUndefined();
    } finally {
      await context.setOffline(false);
    }
    await reconnect(page);
    await expect.poll(() => list.textContent(), { timeout: 20_000 }).not.toContain("waiting to sync");
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    expect(await byName("Evening stroll")).toMatchObject({
      id: created?.id,
      difficulty: "hard",
      schedule: { type: "daily", perDay: 1 },
      notes: null,
      streak: { current: 1, best: 1 },
    });
    expect(await byName("Drink water")).toMatchObject({
      difficulty: "easy",
      schedule: { type: "weekly", timesPerWeek: 3 },
      notes: null,
    });
    expect(await row("Evening stroll").getByTestId("habit-streak").textContent()).toBe(
      "Streak: 1 day now · best 1 day",
    );

    // Archive asks first, says the history is kept, and "Keep it" changes nothing.
    await page.getByRole("button", { name: "Archive: Drink water" }).click();
    const confirm = row("Drink water").getByRole("group", { name: "Archive “Drink water”?" });
    await expect.poll(() => confirm.textContent()).toMatch(/history.*kept/);
    await expect
      .poll(() => confirm.getByRole("button", { name: "Keep it" }).evaluate((el) => el === document.activeElement))
      .toBe(true);
    await confirm.getByRole("button", { name: "Keep it" }).click();
    await expect.poll(() => row("Drink water").count()).toBe(1);
    await page.getByRole("button", { name: "Archive: Drink water" }).click();
    await expectAccessible(page, "habits (archive confirmation)");
    await row("Drink water").getByRole("button", { name: "Yes, archive" }).click();
    await expect.poll(() => row("Drink water").count()).toBe(0);
    await expect.poll(() => page.getByTestId("habit-announcement").textContent()).toMatch(/history .* kept/);
    await expect.poll(async () => (await byName("Drink water"))?.name, { timeout: 20_000 }).toBeUndefined();
    expect(await byName("Drink water", true)).toMatchObject({ archived: true });

    // Refused: another device archives the habit while this one, offline, edits it.
    await context.setOffline(true);
    try {
      const archived = await api.delete(`${base()}/api/v1/habits/${created?.id}`, { headers: auth });
      expect(archived.status(), await archived.text()).toBe(200);
      await page.getByRole("button", { name: "Edit: Evening stroll" }).click();
      const edit = page.getByRole("form", { name: "Edit Evening stroll" });
      await edit.getByLabel("Notes (optional)").fill("After dinner, with a podcast.");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(() => row("Evening stroll").textContent()).toContain("waiting to sync");
    } finally {
      await context.setOffline(false);
    }
    await reconnect(page);
    await expect
      .poll(() => page.getByTestId("notice").textContent(), { timeout: 20_000 })
      .toMatch(/habit is archived/i);
    // The other device's archive stands: the habit leaves this list too, and the edit never landed.
    await expect.poll(() => row("Evening stroll").count(), { timeout: 20_000 }).toBe(0);
    expect(await byName("Evening stroll", true)).toMatchObject({ archived: true, notes: null });
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => page.getByTestId("notice").count()).toBe(0);

    await signOut(page);
    await page.close();
  });
});
