/**
 * The patient app's layout (issue 19): a compact header and a bottom tab bar on a phone, More for
 * the rest (with Sign out), a side navigation on a wide screen, Crisis help one tap from every
 * screen, the header plus navigation within 20% of a phone's height, one dismissible status line,
 * the storage note shown once, no sideways scrolling with a very long word, and the dark theme.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, checkScreen, DESKTOP, launchBrowser, openScreen, PHONE, signIn, signOut } from "./browser";

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
}, 60_000);

afterAll(() => browser?.close());

const TABS = ["Today", "Quests", "Spirit", "Pet", "More"];
const UNDER_MORE = ["Habits", "Companion", "Messages", "Check-ins", "Safety plan", "Settings"];
const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** The visible names of the navigation's links. */
async function navNames(page: Page): Promise<string[]> {
  return nav(page)
    .getByRole("link")
    .evaluateAll((links) =>
      links.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => (a.textContent ?? "").trim()),
    );
}

/** The height of the header plus the tab bar, as drawn. */
function chromeHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector(".patient-top")?.getBoundingClientRect().height ?? 0;
    const bar = document.querySelector(".app-nav")?.getBoundingClientRect().height ?? 0;
    return header + bar;
  });
}

describe("the patient layout", () => {
  it("has a bottom tab bar on a phone, More for the rest, and a side navigation on a wide screen", async () => {
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    await signIn(page, "layout");
    expect(await navNames(page)).toEqual(TABS);
    expect(await nav(page).getByRole("link", { name: "Today" }).getAttribute("aria-current")).toBe("page");
    // The bar is at the bottom of the screen.
    const bar = await page.locator(".app-nav").boundingBox();
    expect(Math.round((bar?.y ?? 0) + (bar?.height ?? 0))).toBe(PHONE.height);
    for (const tab of TABS) {
      const box = await nav(page).getByRole("link", { name: tab }).boundingBox();
      expect(box?.height ?? 0, tab).toBeGreaterThanOrEqual(44);
    }

    // Every patient screen: Crisis help one tap away, and the header plus bar within 20% of 844px.
    const screens = [...TABS.filter((t) => t !== "More"), ...UNDER_MORE];
    for (const name of screens) {
      await openScreen(page, name);
      await expect.poll(() => page.locator(".screen").getAttribute("data-screen")).not.toBe("/more");
      expect(await page.getByTestId("crisis-button").isVisible(), name).toBe(true);
      expect(await chromeHeight(page), name).toBeLessThanOrEqual(0.2 * PHONE.height);
      if (UNDER_MORE.includes(name))
        expect(await nav(page).getByRole("link", { name: /^More/ }).getAttribute("aria-current"), name).toBe("page");
    }

    // More lists the rest, and Sign out.
    await openScreen(page, "More");
    const more = await page
      .locator(".more-list")
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => (a.textContent ?? "").trim()));
    expect(more).toEqual(UNDER_MORE);
    expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
    expect(await chromeHeight(page)).toBeLessThanOrEqual(0.2 * PHONE.height);
    await checkScreen(page, "layout-more");

    // Crisis help is one tap from More too.
    await page.getByTestId("crisis-button").click();
    await expect.poll(() => page.locator(".screen").getAttribute("data-screen")).toBe("/crisis");

    // A wide screen: the side navigation with every screen and Sign out at its foot.
    await page.setViewportSize(DESKTOP);
    expect(await navNames(page)).toEqual(["Today", "Quests", "Habits", "Spirit", "Pet", ...UNDER_MORE.slice(1)]);
    const side = await page.locator(".app-nav").boundingBox();
    expect(side?.x ?? 1000).toBeLessThan(200);
    expect(side?.height ?? 0).toBeGreaterThan(300);
    expect(await nav(page).getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
    expect(await page.getByTestId("welcome").isVisible()).toBe(true);
    // The content uses the width: far wider than the old 40rem column.
    const content = await page.locator(".patient-content").boundingBox();
    expect(content?.width ?? 0).toBeGreaterThan(800);
    await openScreen(page, "Today");
    await checkScreen(page, "layout-today");
    await page.setViewportSize(DESKTOP);
    await signOut(page);
    await page.close();
  });

  it("shows one dismissible status line, the storage note once, and never scrolls sideways with a long word", async () => {
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    // This browser will not promise to keep the data: the storage note shows, once per device.
    await page.addInitScript(() => {
      Object.defineProperty(navigator.storage, "persist", { value: () => Promise.resolve(false) });
    });
    await signIn(page, "layout");
    const note = page.getByTestId("storage-warning");
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toMatch(/may clear/);
    // One line, small.
    const line = await page.locator(".status-line").boundingBox();
    expect(line?.height ?? 100).toBeLessThanOrEqual(48);
    // Not on the next screen, nor after a reload.
    await openScreen(page, "Quests");
    expect(await note.count()).toBe(0);
    await openScreen(page, "Today");
    expect(await note.count()).toBe(0);
    await page.reload();
    await page.getByTestId("welcome").waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    expect(await note.count()).toBe(0);

    // Offline: the status line says so, one line, and the × hides it until it changes.
    await context.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event("offline")));
    const long = "a".repeat(200);
    await page.getByLabel("Note (optional)").fill(`Reading ${long}`);
    await page.getByRole("button", { name: "Save check-in" }).click();
    const sync = page.getByTestId("sync-banner");
    await expect.poll(() => sync.textContent(), { timeout: 20_000 }).toMatch(/1 change waiting to sync/);
    expect((await page.locator(".status-line").boundingBox())?.height ?? 100).toBeLessThanOrEqual(48);
    await page.getByRole("button", { name: "Hide this note" }).click();
    expect(await sync.count()).toBe(0);

    // The long word wraps: nothing is wider than the phone, on Today or anywhere.
    await expect.poll(() => page.getByTestId("moods").textContent()).toContain(long);
    const overflow = () => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await checkScreen(page, "layout-long-word");
    await page.setViewportSize(PHONE);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
    await signOut(page);
    // The signed-out screen too: nothing wider than the phone, Crisis help whole on screen.
    await page.setViewportSize(PHONE);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const crisis = await page.getByTestId("crisis-button").boundingBox();
    expect((crisis?.x ?? PHONE.width) + (crisis?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });

  it("follows the system's dark setting", async () => {
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    await page.emulateMedia({ colorScheme: "dark" });
    await signIn(page, "layout");
    const colours = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.documentElement);
        return { paper: style.getPropertyValue("--paper").trim(), bg: getComputedStyle(document.body).backgroundColor };
      });
    expect((await colours()).paper).toBe("#151b19");
    await page.emulateMedia({ colorScheme: "light" });
    expect((await colours()).paper).toBe("#f4efe6");
    await page.emulateMedia({ colorScheme: "dark" });
    await checkScreen(page, "layout-dark");
    await signOut(page);
    await page.close();
  });
});
