/**
 * The first-run flow (issue 19, item 6) in Chromium: a patient who has not been through it meets
 * it on signing in; "Skip for now" ends it for good (after a reload and a second sign-in too, as
 * the server keeps the flag); going through it turns the companion on, adds the first habit and
 * the daily check-in reminder, with Back, progress and focus on each step's heading.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicUser } from "../../shared/schemas/auth";
import { E2E_PASSWORD, type E2eAccount, e2eEmail } from "./accounts";
import { apiGet, apiToken, type Browser, base, checkScreen, launchBrowser, signOut } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(() => browser?.close());

/** Signs in with the form and waits for the first-run flow or the app, whichever opens. */
async function signInTo(page: Page, who: E2eAccount): Promise<"onboarding" | "app"> {
  await page.goto(base());
  await page.getByLabel("Email").fill(e2eEmail(who));
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  return opened(page);
}

async function opened(page: Page): Promise<"onboarding" | "app"> {
  const flow = page.getByTestId("onboarding");
  await flow.or(page.getByTestId("welcome")).first().waitFor({ timeout: 15_000 });
  return (await flow.isVisible()) ? "onboarding" : "app";
}

const heading = (page: Page) => page.locator("#onboarding-title");
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

describe("the first-run flow", () => {
  it("shows on the first sign-in; Skip for now ends it for good: not after a reload, nor a second sign-in", async () => {
    const page = await browser.context.newPage();
    expect(await signInTo(page, "onboarding-skip")).toBe("onboarding");
    expect(await page.getByTestId("onboarding-progress").textContent()).toBe("Step 1 of 5");
    await expect.poll(() => focusedText(page)).toBe("Welcome to Haven");
    await page.getByRole("button", { name: "Skip for now" }).click();
    await page.getByTestId("welcome").waitFor({ timeout: 15_000 });

    const token = await apiToken(page.request, "onboarding-skip");
    const user = (await apiGet<{ user: PublicUser }>(page.request, token, "/me")).user;
    expect(user.onboarded).toBe(true);
    // Skipping leaves the companion off.
    expect(user.consent.companion).toBe(false);

    await page.reload();
    expect(await opened(page)).toBe("app");
    await signOut(page);
    expect(await signInTo(page, "onboarding-skip")).toBe("app");
    expect(await page.getByTestId("onboarding").count()).toBe(0);
    // The next test signs in as someone else in the same browser.
    await signOut(page);
    await page.close();
  }, 120_000);

  it("goes step by step with Back and progress, turns the companion on, adds the first habit and the reminder", async () => {
    const page = await browser.context.newPage();
    expect(await signInTo(page, "onboarding")).toBe("onboarding");
    await checkScreen(page, "onboarding-about");
    await page.getByRole("button", { name: "Next" }).click();

    // Crisis help for the patient's own zone (Europe/London): one tap to call.
    await expect.poll(() => heading(page).textContent()).toBe("Help in a crisis");
    expect(await page.getByTestId("onboarding-progress").textContent()).toBe("Step 2 of 5");
    await expect.poll(() => focusedText(page)).toBe("Help in a crisis");
    const calls = await page.getByTestId("onboarding").locator('a[href^="tel:"]').count();
    expect(calls).toBeGreaterThan(0);
    expect(
      await page
        .getByTestId("onboarding")
        .getByRole("link", { name: /Call 999/ })
        .count(),
    ).toBe(1);
    await checkScreen(page, "onboarding-crisis");

    // Back, then forward again.
    await page.getByRole("button", { name: "Back" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Welcome to Haven");
    await expect.poll(() => focusedText(page)).toBe("Welcome to Haven");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Next" }).click();

    await expect.poll(() => heading(page).textContent()).toBe("The AI companion");
    expect(await page.getByTestId("onboarding-companion").isChecked()).toBe(false);
    await page.getByTestId("onboarding-companion").check();
    await checkScreen(page, "onboarding-companion");
    await page.getByRole("button", { name: "Next" }).click();

    await expect.poll(() => heading(page).textContent()).toBe("A first habit");
    expect(await page.getByTestId("onboarding-progress").textContent()).toBe("Step 4 of 5");
    await page.getByTestId("onboarding-habit").fill("Drink a glass of water");
    await page.getByRole("button", { name: "Next" }).click();

    await expect.poll(() => heading(page).textContent()).toBe("A daily reminder");
    expect(await page.getByRole("button", { name: "Skip for now" }).count()).toBe(0);
    await page.getByTestId("onboarding-reminder").check();
    await page.getByLabel("At").fill("19:30");
    await checkScreen(page, "onboarding-reminder");
    await page.getByRole("button", { name: "Finish" }).click();
    await page.getByTestId("welcome").waitFor({ timeout: 15_000 });

    const token = await apiToken(page.request, "onboarding");
    const user = (await apiGet<{ user: PublicUser }>(page.request, token, "/me")).user;
    expect(user).toMatchObject({ onboarded: true, consent: { companion: true, research: false } });
    // The habit went through the outbox like any other: it reaches the server once synced.
    await expect
      .poll(
        async () =>
          (await apiGet<{ items: { name: string }[] }>(page.request, token, "/habits")).items.map((h) => h.name),
        { timeout: 20_000 },
      )
      .toContain("Drink a glass of water");
    const reminders = await apiGet<{ checkin: { enabled: boolean; minute: number } }>(
      page.request,
      token,
      "/notifications/reminders",
    );
    expect(reminders.checkin).toEqual({ enabled: true, minute: 19 * 60 + 30 });

    await page.reload();
    expect(await opened(page)).toBe("app");
    await page.close();
  }, 180_000);
});
