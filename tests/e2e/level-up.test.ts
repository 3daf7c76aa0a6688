/**
 * The level-up celebration (issue 19, item 3) in Chromium: a patient three XP short of level 2
 * saves the day's first check-in (+5 XP); Today counts it at once, from the outbox, and celebrates
 * the new level once, with words a screen reader hears; under reduced motion nothing moves.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiGet, apiToken, type Browser, checkScreen, launchBrowser, signIn, signOut } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(() => browser?.close());

const level = (page: Page) => page.getByTestId("level").textContent();

describe("a new level", () => {
  it("is celebrated once, at once, and still under reduced motion", async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ reducedMotion: "reduce" });
    await signIn(page, "level-up");
    const token = await apiToken(page.request, "level-up");
    expect((await apiGet<{ xp: number }>(page.request, token, "/progress")).xp).toBe(97);
    await expect.poll(() => level(page), { timeout: 20_000 }).toMatch(/^Level 1\b/);
    expect(await page.getByTestId("celebration").count()).toBe(0);

    // Offline: the check-in's 5 XP are counted at once from the outbox, and cross into level 2.
    await browser.context.setOffline(true);
    try {
      await page.getByRole("radio", { name: "7, good" }).check();
      await page.getByRole("button", { name: "Save check-in" }).click();
      const celebration = page.getByTestId("celebration");
      await celebration.waitFor({ timeout: 10_000 });
      expect(await celebration.getAttribute("role")).toBe("status");
      expect(await celebration.textContent()).toContain("Level 2 — well done");
      expect(await level(page)).toMatch(/^Level 2\b/);
      // Reduced motion: the words only, nothing animated.
      expect(await celebration.evaluate((el) => el.getAnimations({ subtree: true }).length)).toBe(0);
      await checkScreen(page, "level-up");
    } finally {
      await browser.context.setOffline(false);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    // The server agrees, and the celebration is not shown again for the same level.
    await expect
      .poll(async () => (await apiGet<{ xp: number }>(page.request, token, "/progress")).xp, { timeout: 30_000 })
      .toBe(102);
    await page.getByTestId("celebration").waitFor({ state: "detached", timeout: 10_000 });
    await expect.poll(() => level(page)).toMatch(/^Level 2\b/);
    expect(await page.getByTestId("celebration").count()).toBe(0);
    await signOut(page);
    await page.close();
  }, 120_000);
});
