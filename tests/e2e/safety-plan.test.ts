/**
 * The safety plan in real Chromium: edited offline with an optimistic update that survives a
 * reload, synced to the server when back online, and a change the clinician makes through the
 * staff API reaching the patient's device on the next sync.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SafetyPlan } from "../../shared/schemas/wellbeing";
import { e2eId } from "./accounts";
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
} from "./browser";

type ServerPlan = SafetyPlan & { updatedAt: string | null; updatedBy: string | null };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
const patientId = e2eId("safety");

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.setOffline(false);
  await browser?.close();
});

async function nudgeSync() {
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
}

const serverPlan = async () =>
  (await apiGet<{ safetyPlan: ServerPlan }>(page.request, token, "/safety-plan")).safetyPlan;

describe("the safety plan screen", () => {
  it("is edited offline, shown at once and after a reload, marked as waiting to sync", async () => {
    // expect.poll (inside signIn) only runs inside a test, so signing in is the first step here.
    await signIn(page, "safety");
    token = await apiToken(page.request, "safety");
    // Controlled by the service worker, so a reload works with the network gone.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await openScreen(page, "Safety plan");
    await expect.poll(() => page.getByTestId("screen-title").textContent()).toBe("Safety plan");
    expect(await page.getByTestId("plan-status").textContent()).toMatch(/empty so far/);
    await context.setOffline(true);

    await page.getByRole("button", { name: "Edit plan" }).click();
    await page.getByLabel("Add a warning sign").fill("Not answering messages for a day");
    await page.getByRole("button", { name: "Add warning sign" }).click();
    await page.getByLabel("Add a warning sign").fill("Lying awake past 3am");
    await page.getByLabel("Add a warning sign").press("Enter");
    await page.getByLabel("Add a coping step").fill("Box breathing for five minutes");
    await page.getByRole("button", { name: "Add coping step" }).click();
    expect(await page.getByRole("textbox", { name: "Warning sign 2", exact: true }).inputValue()).toBe(
      "Lying awake past 3am",
    );
    await expectAccessible(page, "safety-plan (editing)");
    await page.getByRole("button", { name: "Save plan" }).click();

    const signs = page.getByTestId("plan-warningSigns");
    await expect
      .poll(() => signs.locator("li").allTextContents())
      .toEqual(["Not answering messages for a day", "Lying awake past 3am"]);
    expect(await page.getByTestId("plan-copingSteps").locator("li").allTextContents()).toEqual([
      "Box breathing for five minutes",
    ]);
    expect(await page.getByTestId("plan-status").textContent()).toMatch(/by you\..*waiting to sync/);
    await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);

    // Closing and reopening the app offline loses nothing.
    await page.reload();
    await expect.poll(() => signs.locator("li").count(), { timeout: 15_000 }).toBe(2);
    expect(await page.getByTestId("plan-copingSteps").textContent()).toContain("Box breathing for five minutes");
    expect(await page.getByTestId("plan-status").textContent()).toContain("waiting to sync");
  });

  it("syncs when back online: the server holds the patient's plan", async () => {
    await context.setOffline(false);
    await nudgeSync();
    await expect
      .poll(() => page.getByTestId("plan-status").textContent(), { timeout: 20_000 })
      .not.toContain("waiting to sync");
    expect(await serverPlan()).toMatchObject({
      warningSigns: ["Not answering messages for a day", "Lying awake past 3am"],
      copingSteps: ["Box breathing for five minutes"],
      peopleAndPlaces: [],
      professionals: [],
      safeEnvironment: [],
      updatedBy: patientId,
    });
  });

  it("shows a change the clinician made through the staff API after the next sync", async () => {
    const clinician = await apiToken(page.request, "clinician@demo.haven");
    const { updatedAt: _at, updatedBy: _by, ...plan } = await serverPlan();
    const res = await page.request.put(`${base()}/api/v1/staff/patients/${patientId}/safety-plan`, {
      headers: { Authorization: `Bearer ${clinician}` },
      data: { ...plan, professionals: ["Community mental health team: 020 7946 0000"] },
    });
    expect(res.status(), await res.text()).toBe(200);

    await nudgeSync();
    await expect
      .poll(() => page.getByTestId("plan-professionals").textContent(), { timeout: 20_000 })
      .toContain("Community mental health team: 020 7946 0000");
    expect(await page.getByTestId("plan-status").textContent()).toMatch(/by .*your care team\./);
    expect(await page.getByTestId("plan-warningSigns").locator("li").count()).toBe(2);
    await checkScreen(page, "safety-plan");
  });

  it("removes an item and syncs the removal", async () => {
    await page.getByRole("button", { name: "Edit plan" }).click();
    await page.getByRole("button", { name: "Remove warning sign 1" }).click();
    await page.getByRole("button", { name: "Save plan" }).click();
    await expect
      .poll(() => page.getByTestId("plan-warningSigns").locator("li").allTextContents())
      .toEqual(["Lying awake past 3am"]);
    await expect
      .poll(async () => (await serverPlan()).warningSigns, { timeout: 20_000 })
      .toEqual(["Lying awake past 3am"]);
    expect((await serverPlan()).professionals).toEqual(["Community mental health team: 020 7946 0000"]);
  });
});
