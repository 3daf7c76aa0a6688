/**
 * Crisis help is one tap away on every screen, and works with no network at all: the resources
 * come from the device (shared/domain/risk.ts), and calling is a tel: link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, checkScreen, DESKTOP, launchBrowser, signIn } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(() => browser?.close());

describe("crisis help", () => {
  it("opens in one tap from every screen while offline, with the UK numbers for a London patient", async () => {
    const page = await browser.context.newPage();
    await signIn(page, "crisis");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The wide screen's side navigation holds every screen (a phone's tab bar holds five, and More the rest).
    await page.setViewportSize(DESKTOP);
    const nav = page.getByRole("navigation", { name: "Main" });
    const paths = await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(paths.length).toBeGreaterThanOrEqual(10);
    // Offline from here: the shell, every screen's code (lazy chunks included) and the resources
    // all come from the service worker's precache and the device.
    await browser.context.setOffline(true);
    try {
      await page.reload();
      for (const path of paths) {
        await nav.locator(`a[href="${path}"]`).click();
        await expect.poll(() => page.locator(".screen").getAttribute("data-screen")).toBe(path);
        await page.getByTestId("crisis-button").click();
        await expect.poll(() => page.getByRole("heading", { name: "Help right now" }).count()).toBe(1);
        const links = page.getByTestId("crisis-resources").getByRole("link");
        expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
          "tel:116123",
          "tel:111",
          "tel:999",
        ]);
      }
      await checkScreen(page, "crisis");
    } finally {
      await browser.context.setOffline(false);
    }
    await page.close();
  });
});
