/**
 * One patient's dashboard in real Chromium (issue 16): the demo clinician opens it from the
 * caseload and sees the patient's figures, charts over 7, 30 and 90 days (the Spirit screen's
 * uPlot chart), one timeline with older pages on demand, acknowledges and resolves a flag there,
 * and assigns a quest that the patient's own API then lists; the therapist gets no clinical
 * record (no timeline, notes or FHIR); offline, the saved copy shows with its age and writes say
 * they need a connection. Writes go to this file's own patient (care-dashboard, with three weeks
 * of the demo history), renamed to a long name to check the layout holds.
 */
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eId } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkCareScreen,
  DESKTOP,
  launchBrowser,
  screenshots,
  signIn,
  signOut,
} from "./browser";

const PATIENT = "care-dashboard" as const;
const patientId = e2eId(PATIENT);
/** A long name (the limit is 80 characters): the header, tabs and caseload must still lay out. */
const LONG_NAME = "Maximiliana Anastasia Fitzgerald-Oyelaran-Papadopoulou-Vanderbilt";

let browser: Browser;
let server: APIRequestContext;
let patientToken: string;

interface Flag {
  id: string;
  source: string;
  status: string;
  acknowledged: { note: string | null } | null;
  resolved: { note: string | null } | null;
}

async function patientSend(method: "post" | "patch", path: string, data: unknown): Promise<void> {
  const res = await server[method](`${base()}/api/v1${path}`, {
    headers: { Authorization: `Bearer ${patientToken}` },
    data,
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

beforeAll(async () => {
  server = await request.newContext();
  patientToken = await apiToken(server, PATIENT);
  await patientSend("patch", "/me", { displayName: LONG_NAME });
});
afterAll(async () => {
  await server?.dispose();
});
beforeEach(async () => {
  browser = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
});
afterEach(async () => {
  await browser?.close();
});

async function expectNoBanners(page: Page): Promise<void> {
  expect(await page.getByTestId("sync-banner").count()).toBe(0);
  expect(await page.getByTestId("offline-banner").count()).toBe(0);
}

/** Signs a member of staff in and opens the patient's dashboard from the caseload's link. */
async function openFromCaseload(who: `${string}@${string}`): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(DESKTOP);
  await signIn(page, who);
  await page.getByTestId("caseload").getByRole("link", { name: LONG_NAME }).click({ timeout: 20_000 });
  await expect.poll(() => page.getByTestId("screen-title").textContent(), { timeout: 15_000 }).toBe(LONG_NAME);
  await page.getByTestId("patient-summary").waitFor({ timeout: 15_000 });
  return page;
}

const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });

/** The page's width is the viewport's: nothing (the long name) pushes it sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(client);
}

describe("the patient dashboard", () => {
  it("shows the clinician the figures, charts over 7/30/90 days and the timeline; flags are handled and a quest assigned there", async () => {
    // A low mood check-in now raises a fresh open flag for this test to handle.
    await patientSend("post", "/moods", { mood: 2, sleepQuality: 3 });
    const page = await openFromCaseload("clinician@demo.haven");

    // The figures, and the clinician's tabs in order.
    const figures = page.getByTestId("patient-summary");
    expect(await figures.textContent()).toMatch(/Last sync.*Mood, 7 days.*Habits kept, 7 days.*Open flags/);
    expect(await figures.locator('[data-level="low"]').count()).toBe(1);
    expect(await page.getByRole("tab").allTextContents()).toEqual([
      "Overview",
      "Timeline",
      "Quests",
      "Messages",
      "Safety plan",
      "Notes",
      "FHIR export",
    ]);
    expect(await tab(page, "Overview").getAttribute("aria-selected")).toBe("true");

    // Charts over 30 days at first, then 7 and 90: the same chart component as Spirit, labelled in words.
    const charts = page.getByTestId("dashboard-charts");
    await charts.waitFor({ timeout: 15_000 });
    const moodChart = page.getByTestId("dashboard-mood-chart");
    await moodChart.waitFor();
    expect(await page.getByTestId("dashboard-sleep-chart").count()).toBe(1);
    expect(await page.getByTestId("dashboard-adherence-chart").count()).toBe(1);
    expect(await moodChart.getAttribute("aria-label")).toMatch(/^Mood over the last 30 days: average \d/);
    for (const days of [7, 90, 30]) {
      await charts.getByRole("radio", { name: `${days} days` }).check();
      await expect
        .poll(() => page.getByTestId("charts-range").textContent(), { timeout: 15_000 })
        .toMatch(new RegExp(`last ${days} days`));
      await expect
        .poll(() => moodChart.getAttribute("aria-label"))
        .toMatch(new RegExp(`^Mood over the last ${days} days`));
    }
    expect(await page.getByTestId("charts-range").textContent()).toMatch(/Habits kept over these days: \d+%/);
    expect(await page.getByTestId("dashboard-habits").locator("meter").count()).toBeGreaterThan(0);
    await expectNoBanners(page);
    await expectNoSidewaysScroll(page);
    await checkCareScreen(page, "care-dashboard-overview");
    await screenshots(page, "care-dashboard-overview");

    // The fresh low-mood flag: acknowledged, then resolved, on the dashboard.
    const flags = page.getByTestId("patient-flags");
    const clinician = await apiToken(server, "clinician@demo.haven");
    const before = await apiGet<{ items: Flag[] }>(server, clinician, `/staff/patients/${patientId}/flags`);
    const open = before.items.filter((f) => f.status === "open");
    const newest = open.find((f) => f.source === "low_mood");
    expect(newest).toBeDefined();
    const item = flags.locator(`[data-flag="${newest?.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    await item.getByRole("button", { name: "Acknowledge" }).click();
    await item.getByLabel("Note (optional)").fill("Rang them; talking again tomorrow.");
    await item.getByRole("button", { name: "Acknowledge" }).click();
    await expect.poll(() => item.getAttribute("data-status"), { timeout: 15_000 }).toBe("acknowledged");
    await item.getByRole("button", { name: "Resolve" }).click();
    await item.getByLabel(/What was done/).fill("Spoke at length; safe, plan reviewed.");
    await item.getByRole("button", { name: "Resolve" }).click();
    // Resolved: it leaves the open list, and the header's count follows.
    await expect.poll(() => flags.locator(`ul[aria-label="Open flags"] [data-flag="${newest?.id}"]`).count()).toBe(0);
    const after = await apiGet<{ items: Flag[] }>(server, clinician, `/staff/patients/${patientId}/flags`);
    const handled = after.items.find((f) => f.id === newest?.id);
    expect(handled?.status).toBe("resolved");
    expect(handled?.acknowledged?.note).toBe("Rang them; talking again tomorrow.");
    expect(handled?.resolved?.note).toBe("Spoke at length; safe, plan reviewed.");
    const unresolved = after.items.filter((f) => f.status !== "resolved").length;
    await expect
      .poll(async () =>
        (await figures.locator("[data-level]").allTextContents()).reduce((n, t) => n + Number.parseInt(t, 10), 0),
      )
      .toBe(unresolved);

    // The timeline: check-ins, habits and questionnaires with their bands, newest first; older on demand.
    await tab(page, "Timeline").click();
    const timeline = page.getByTestId("timeline");
    await timeline.waitFor({ timeout: 15_000 });
    await timeline.getByRole("radio", { name: "90 days" }).check();
    await expect.poll(() => timeline.locator("h3").textContent(), { timeout: 15_000 }).toMatch(/last 90 days/);
    await expect.poll(() => timeline.locator('[data-kind="mood"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await timeline.locator('[data-kind="completion"]').count()).toBeGreaterThan(0);
    expect(await timeline.locator('[data-kind="riskFlag"]').count()).toBeGreaterThan(0);
    const shown = await timeline.locator("li.entry").count();
    const older = timeline.getByRole("button", { name: "Load older" });
    if ((await older.count()) > 0) {
      await older.click();
      await expect.poll(() => timeline.locator("li.entry").count(), { timeout: 15_000 }).toBeGreaterThan(shown);
    }
    while ((await older.count()) > 0) {
      const before = await timeline.locator("li.entry").count();
      await older.click();
      await expect.poll(() => timeline.locator("li.entry").count(), { timeout: 15_000 }).toBeGreaterThan(before);
    }
    expect(await timeline.getByText("That is everything in the last 90 days.").count()).toBe(1);
    // The demo history's PHQ-9, with its band.
    const phq = timeline.locator('[data-kind="assessment"]').filter({ hasText: "PHQ-9" });
    expect(await phq.count()).toBeGreaterThan(0);
    expect(await phq.first().locator("[data-band]").textContent()).toMatch(/minimal|mild|moderate|severe/);
    await checkCareScreen(page, "care-dashboard-timeline");

    // Assign a quest: the form says what is missing, then the patient's own API lists it.
    await tab(page, "Quests").click();
    const form = page.getByTestId("assign-quest");
    await form.waitFor();
    await form.getByRole("button", { name: "Assign quest" }).click();
    expect(await form.getByText("Give the quest a title.").count()).toBe(1);
    expect(await form.getByLabel("Title").getAttribute("aria-invalid")).toBe("true");
    const title = `Walk round the block ${Date.now()}`;
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Medium").check();
    await form.getByLabel("Steps (optional)").fill("Shoes on\nOut of the door");
    await form.getByRole("button", { name: "Assign quest" }).click();
    await expect
      .poll(() => page.getByTestId("assign-done").textContent(), { timeout: 15_000 })
      .toMatch(/Assigned “Walk round the block/);
    await expect.poll(() => page.getByTestId("patient-quests").getByText(title).count(), { timeout: 15_000 }).toBe(1);
    const quests = await apiGet<{ items: { title: string; difficulty: string; steps: { title: string }[] }[] }>(
      server,
      patientToken,
      "/quests",
    );
    const assigned = quests.items.find((q) => q.title === title);
    expect(assigned?.difficulty).toBe("medium");
    expect(assigned?.steps.map((s) => s.title)).toEqual(["Shoes on", "Out of the door"]);
    await checkCareScreen(page, "care-dashboard-quests");
    await screenshots(page, "care-dashboard-quests");
    await expectNoBanners(page);
    await signOut(page);
    await page.close();
  });

  it("gives the therapist the figures, messages and quest assignment, and no clinical record", async () => {
    const page = await openFromCaseload("therapist@demo.haven");
    expect(await page.getByRole("tab").allTextContents()).toEqual(["Quests", "Messages"]);
    await page.getByTestId("assign-quest").waitFor({ timeout: 15_000 });
    for (const section of ["timeline", "dashboard-charts", "patient-flags", "notes", "fhir-export", "patient-quests"]) {
      expect(await page.getByTestId(section).count(), section).toBe(0);
    }
    await tab(page, "Messages").click();
    await page.getByTestId("patient-messages").waitFor({ timeout: 15_000 });
    // Nothing on the page was refused by the API.
    expect(await page.getByTestId("data-error").count()).toBe(0);
    await expectNoBanners(page);
    await expectNoSidewaysScroll(page);
    await checkCareScreen(page, "care-dashboard-therapist");
    await screenshots(page, "care-dashboard-therapist");
    await signOut(page);
    await page.close();
  });

  it("offline after a visit, shows the saved copy with its age and says writes need a connection", async () => {
    const page = await openFromCaseload("clinician@demo.haven");
    await page.getByTestId("dashboard-charts").waitFor({ timeout: 15_000 });
    await page.getByTestId("patient-flags").locator("ul, [data-testid=no-open-flags]").first().waitFor();
    await expectNoBanners(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await browser.context.setOffline(true);
    try {
      // Back to the caseload and in again: nothing can be fetched, the saved copy shows.
      await page.getByRole("link", { name: "← Caseload" }).click();
      await page.getByTestId("caseload").getByRole("link", { name: LONG_NAME }).click({ timeout: 15_000 });
      await page.getByTestId("saved-copy").first().waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("saved-copy").first().textContent()).toMatch(
        /saved on this device (just now|\d+ minutes? ago)/,
      );
      await page.getByTestId("offline-banner").waitFor();
      expect(await page.getByTestId("screen-title").textContent()).toBe(LONG_NAME);
      await page.getByTestId("dashboard-charts").waitFor({ timeout: 15_000 });
      // Read-only: no flag can be handled from the saved copy.
      expect(await page.getByTestId("patient-flags").getByRole("button", { name: "Acknowledge" }).count()).toBe(0);

      // A write says it needs a connection, and changes nothing.
      await tab(page, "Quests").click();
      const form = page.getByTestId("assign-quest");
      await form.getByLabel("Title").fill("Written offline");
      await form.getByRole("button", { name: "Assign quest" }).click();
      await expect
        .poll(() => page.getByTestId("assign-error").textContent(), { timeout: 15_000 })
        .toMatch(/needs a connection/);
      await screenshots(page, "care-dashboard-offline");
    } finally {
      await browser.context.setOffline(false);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByTestId("offline-banner").count(), { timeout: 20_000 }).toBe(0);
    const quests = await apiGet<{ items: { title: string }[] }>(server, patientToken, "/quests");
    expect(quests.items.some((q) => q.title === "Written offline")).toBe(false);
    await signOut(page);
    await page.close();
  });
});
