/**
 * The Quests screen in real Chromium: create a quest with steps one by one, tick a step, edit it
 * and pause it while offline (shown at once, synced on reconnect), then finish it — its XP lands
 * once, and finishing it again after reopening and pausing adds nothing.
 */
import { type APIRequestContext, type BrowserContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COINS_PER_XP_ACTION, QUEST_XP } from "../../shared/domain/progression";
import {
  apiGet,
  apiToken,
  type Browser,
  checkScreen,
  expectAccessible,
  launchBrowser,
  openScreen,
  signIn,
  signOut,
} from "./browser";

interface Quest {
  id: string;
  title: string;
  description: string | null;
  difficulty: string;
  steps: { id: string; title: string; done: boolean }[];
  dueDate: string | null;
  status: string;
  xpAwarded: boolean;
}
interface Progress {
  xp: number;
  coins: number;
}

let browser: Browser;
let context: BrowserContext;
/** The tests' own API client, apart from the browser, so it reaches the server while the page is offline. */
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

describe("the Quests screen", () => {
  it("creates, edits, ticks, pauses offline and completes a quest, whose XP is awarded exactly once", async () => {
    const page = await context.newPage();
    const token = await apiToken(api, "quests");
    const quests = async () => (await apiGet<{ items: Quest[] }>(api, token, "/quests")).items;
    const progress = () => apiGet<Progress>(api, token, "/progress");
    const before = await progress();

    await signIn(page, "quests");
    await openScreen(page, "Quests");
    await expect.poll(() => page.getByTestId("screen-title").textContent()).toBe("Quests");
    const active = page.getByTestId("quests-active");
    const paused = page.getByTestId("quests-paused");
    const done = page.getByTestId("quests-done");
    const announcement = page.getByTestId("quest-announcement");

    // Create: the difficulty shows the XP it will award; steps are added one at a time.
    const form = page.getByRole("form", { name: "Start a quest" });
    await form.getByLabel("Title").fill("Tidy the desk");
    await form.getByLabel("Description (optional)").fill("A clear desk for a clearer head.");
    await form.getByLabel("Difficulty").selectOption("medium");
    await expect.poll(() => form.textContent()).toContain(`awards ${QUEST_XP.medium} XP, once`);
    await form.getByLabel("Difficulty").selectOption("hard");
    await expect.poll(() => form.textContent()).toContain(`awards ${QUEST_XP.hard} XP, once`);
    await form.getByLabel("Difficulty").selectOption("medium");
    await form.getByLabel("New step").fill("Clear the papers");
    await form.getByRole("button", { name: "Add step" }).click();
    await form.getByLabel("New step").fill("Wipe the surface");
    await form.getByLabel("New step").press("Enter"); // Enter adds the step, not the quest
    await expect.poll(() => form.getByRole("listitem").count()).toBe(2);
    await form.getByLabel("Due date (optional)").fill("2030-06-01");
    await expectAccessible(page, "quests (new quest with steps)");
    await form.getByRole("button", { name: "Start quest" }).click();

    const quest = active.getByTestId("quest").filter({ hasText: "Tidy the desk" });
    await expect.poll(() => quest.textContent()).toContain("0/2 steps");
    await expect.poll(() => quest.textContent()).toContain(`finishing it earns ${QUEST_XP.medium} XP, once`);
    await expect.poll(() => quest.textContent(), { timeout: 20_000 }).not.toContain("waiting to sync");
    expect(await form.getByLabel("Title").inputValue()).toBe("");
    const [created] = await quests();
    expect(created).toMatchObject({
      title: "Tidy the desk",
      description: "A clear desk for a clearer head.",
      difficulty: "medium",
      dueDate: "2030-06-01",
      status: "active",
      xpAwarded: false,
      steps: [
        { title: "Clear the papers", done: false },
        { title: "Wipe the surface", done: false },
      ],
    });

    await checkScreen(page, "quests");

    // Offline: tick a step, edit the quest (new title, one more step), and pause it.
    await context.setOffline(true);
    try {
      await quest.getByRole("checkbox", { name: "Clear the papers" }).check();
      await expect.poll(() => quest.textContent()).toContain("1/2 steps");
      await expect.poll(() => quest.textContent()).toContain("waiting to sync");

      await page.getByRole("button", { name: "Edit: Tidy the desk" }).click();
      const edit = page.getByRole("form", { name: "Edit Tidy the desk" });
      await expect.poll(() => edit.getByLabel("Title").evaluate((el) => el === document.activeElement)).toBe(true);
      await edit.getByLabel("Title").fill("Tidy the whole desk");
      await edit.getByLabel("New step").fill("Water the plant");
      await edit.getByRole("button", { name: "Add step" }).click();
      await edit.getByRole("button", { name: "Save changes" }).click();
      const renamed = page.getByTestId("quest").filter({ hasText: "Tidy the whole desk" });
      await expect.poll(() => renamed.textContent()).toContain("1/3 steps");
      await expect
        .poll(() =>
          page
            .getByRole("button", { name: "Edit: Tidy the whole desk" })
            .evaluate((el) => el === document.activeElement),
        )
        .toBe(true);

      await page.getByRole("button", { name: "Pause: Tidy the whole desk" }).click();
      await expect.poll(() => paused.textContent()).toContain("Tidy the whole desk");
      await expect.poll(() => paused.textContent()).toContain("waiting to sync");
      expect(await active.getByTestId("quest").count()).toBe(0);
      await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);
      await expect.poll(() => page.getByTestId("sync-banner").textContent()).toMatch(/3 changes waiting to sync/);
      // Nothing reached the server while offline.
      expect((await quests())[0]?.title).toBe("Tidy the desk");
    } finally {
      await context.setOffline(false);
    }
    await reconnect(page);
    await expect.poll(() => paused.textContent(), { timeout: 20_000 }).not.toContain("waiting to sync");
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    const [edited] = await quests();
    expect(edited).toMatchObject({
      id: created?.id,
      title: "Tidy the whole desk",
      status: "paused",
      xpAwarded: false,
      steps: [
        { id: created?.steps[0]?.id, title: "Clear the papers", done: true },
        { id: created?.steps[1]?.id, title: "Wipe the surface", done: false },
        { title: "Water the plant", done: false },
      ],
    });

    // Resume and finish: the quest's XP (and coins) are awarded.
    await page.getByRole("button", { name: "Resume: Tidy the whole desk" }).click();
    await page.getByRole("button", { name: "Mark done: Tidy the whole desk" }).click();
    await expect.poll(() => done.textContent()).toContain("Tidy the whole desk");
    await expect.poll(() => done.textContent()).toContain(`${QUEST_XP.medium} XP earned, once`);
    await expect.poll(() => announcement.textContent()).toContain(`+${QUEST_XP.medium} XP`);
    await expect.poll(async () => (await quests())[0]?.status, { timeout: 20_000 }).toBe("done");
    expect(await progress()).toMatchObject({
      xp: before.xp + QUEST_XP.medium,
      coins: before.coins + COINS_PER_XP_ACTION,
    });

    // Reopen, pause, and finish again (offline this time): nothing more is awarded.
    await page.getByRole("button", { name: "Reopen: Tidy the whole desk" }).click();
    const reopened = active.getByTestId("quest").filter({ hasText: "Tidy the whole desk" });
    await expect.poll(() => reopened.textContent()).toContain("its XP was already earned");
    await page.getByRole("button", { name: "Pause: Tidy the whole desk" }).click();
    await expect.poll(async () => (await quests())[0]?.status, { timeout: 20_000 }).toBe("paused");
    await context.setOffline(true);
    try {
      await page.getByRole("button", { name: "Mark done: Tidy the whole desk" }).click();
      await expect.poll(() => done.textContent()).toContain("waiting to sync");
      await expect.poll(() => announcement.textContent()).toContain("already earned, so nothing more is added");
    } finally {
      await context.setOffline(false);
    }
    await reconnect(page);
    await expect.poll(() => done.textContent(), { timeout: 20_000 }).not.toContain("waiting to sync");
    await expect.poll(async () => (await quests())[0]?.status, { timeout: 20_000 }).toBe("done");
    expect(await progress()).toMatchObject({
      xp: before.xp + QUEST_XP.medium,
      coins: before.coins + COINS_PER_XP_ACTION,
    });
    expect(await quests()).toHaveLength(1);
    await expectAccessible(page, "quests (a finished quest)");

    await signOut(page);
    await page.close();
  });
});
