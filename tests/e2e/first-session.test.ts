/**
 * The first session after install (issue 11, defect 10): a fresh browser opens Haven once, signs
 * in and, without a reload, loses the network. The service worker installed during this session
 * must already control the page (it claims it on activation), so every lazily loaded screen,
 * the safety plan included, opens from the precache, and the page is never reloaded under the
 * patient to get there.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, DESKTOP, launchBrowser, PHONE, signIn } from "./browser";

let browser: Browser;

beforeAll(async () => {
  // A fresh profile: no service worker has ever been installed for this origin.
  browser = await launchBrowser();
}, 60_000);

afterAll(() => browser?.close());

/** Whether the screen just opened failed to load: waits until it shows its heading or the failure. */
async function screenFailed(page: Page): Promise<boolean> {
  const failure = page.locator("main").getByRole("alert").filter({ hasText: "This screen could not be loaded" });
  const title = page.locator("main h2");
  await expect
    .poll(async () => (await failure.count()) + (await title.count()), { timeout: 15_000 })
    .toBeGreaterThan(0);
  return (await failure.count()) > 0;
}

describe("the first session after install", () => {
  it("is controlled by the service worker without a reload, every screen opens offline, and a later version still waits for the patient's yes", async () => {
    const page = await browser.context.newPage();
    let loads = 0;
    page.on("load", () => {
      loads++;
    });
    await signIn(page, "first-session");
    expect(await page.evaluate(() => navigator.serviceWorker.controller === null)).toBe(true);
    // The worker installs (precaching the shell and every screen's chunk) and activates…
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // …and takes this very page over (before the fix it never did until a reload).
    const controlled = await page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 })
      .then(() => true)
      .catch(() => false);

    // Every screen in the navigation (the router's list), plus the crisis button: the wide
    // screen's side navigation holds them all (a phone's tab bar five, and More the rest).
    await page.setViewportSize(DESKTOP);
    const nav = page.getByRole("navigation", { name: "Main" });
    const names = (await nav.getByRole("link").allTextContents()).map((n) => n.trim());
    expect(names).toEqual(expect.arrayContaining(["Today", "Quests", "Habits", "Safety plan", "Settings"]));
    const failed: string[] = [];
    await browser.context.setOffline(true);
    try {
      for (const name of names) {
        await nav.getByRole("link", { name, exact: true }).click();
        await expect.poll(() => nav.locator("[aria-current=page]:visible").textContent()).toBe(name);
        if (await screenFailed(page)) failed.push(name);
      }
      await page.getByTestId("crisis-button").click();
      await expect.poll(() => nav.locator("[aria-current=page]:visible").count()).toBe(0);
      if (await screenFailed(page)) failed.push("Crisis help");
    } finally {
      await browser.context.setOffline(false);
    }
    await page.setViewportSize(PHONE);
    expect(failed).toEqual([]);
    expect(controlled).toBe(true);
    // Taking control did not reload the page under the patient: still the one load from signing in.
    expect(loads).toBe(1);
    expect(await page.getByTestId("welcome").count()).toBe(1);

    // A later version still waits for the patient's yes: nothing takes over mid-session. (The
    // same worker under another script URL stands in for a new deployment: it installs beside
    // the active one and waits.)
    await page.evaluate(() => navigator.serviceWorker.register("/sw.js?next-version", { scope: "/" }));
    const prompt = page.getByRole("alertdialog");
    await expect.poll(() => prompt.textContent(), { timeout: 15_000 }).toMatch(/A new version of Haven is ready/);
    expect(loads).toBe(1);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
    // Accepted, it takes over and the page loads the new version.
    await prompt.getByRole("button", { name: "Update now" }).click();
    await expect.poll(() => loads, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/next-version$/);
    await page.close();
  });
});
