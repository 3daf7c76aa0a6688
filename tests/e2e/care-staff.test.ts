/**
 * The care team's app in real Chromium (issue 16): the demo clinician's caseload and risk inbox,
 * a flag acknowledged and resolved with notes, the therapist's read-only inbox, the saved copy
 * shown offline with its age, and never the patient app's sync engine or offline banner.
 * Writes go to this file's own patient (care-inbox); the demo patients are only read.
 */
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eId, e2eName } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkCareScreen,
  DESKTOP,
  launchBrowser,
  openScreen,
  signIn,
  signOut,
} from "./browser";

// The demo clinician signs in once for the file (each staff sign-in spends a two-factor code,
// and a used code waits for the next 30-second step): one browser, one API token.
let clinicianBrowser: Browser;
let clinician: Page;
let clinicianToken: string;
let server: APIRequestContext;

beforeAll(async () => {
  server = await request.newContext();
  clinicianToken = await apiToken(server, "clinician@demo.haven");
  clinicianBrowser = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
  clinician = await clinicianBrowser.context.newPage();
  await clinician.setViewportSize(DESKTOP);
  await signIn(clinician, "clinician@demo.haven");
});
afterAll(async () => {
  await server?.dispose();
  await clinicianBrowser?.close();
});

interface Flag {
  id: string;
  level: string;
  source: string;
  status: string;
  acknowledged: { note: string | null } | null;
  resolved: { note: string | null } | null;
}

/** No patient banner, and no offline banner while the service answers. */
async function expectNoBanners(page: Page): Promise<void> {
  expect(await page.getByTestId("sync-banner").count()).toBe(0);
  expect(await page.getByTestId("offline-banner").count()).toBe(0);
}

/** The navigation's count of open flags (none shown: 0). */
async function inboxCount(page: Page): Promise<number> {
  const count = page.getByTestId("inbox-count");
  return (await count.count()) === 0 ? 0 : Number(await count.locator("[aria-hidden]").textContent());
}

const caseloadRows = (page: Page) => page.getByTestId("caseload").locator("tbody tr");

describe("the care team's app", () => {
  it("shows the demo clinician both demo patients, the low-mood flag on top and in the inbox, and no patient screen", async () => {
    const page = clinician;
    await page.goto(base());
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect.poll(() => caseloadRows(page).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const names = await caseloadRows(page).locator("th").allTextContents();
    expect(names.some((n) => n.startsWith("Priya Patel"))).toBe(true);
    expect(names.some((n) => n.startsWith("Sam Rivera"))).toBe(true);
    // Priya's low mood yesterday raised a low flag nobody has acknowledged.
    const priya = caseloadRows(page).filter({ hasText: "Priya Patel" });
    expect(await priya.locator('[data-level="low"]').textContent()).toMatch(/\d+ low/);
    expect(await priya.textContent()).toMatch(/not yet acknowledged/);
    // The sparkline tells the week in words.
    expect(await priya.getByRole("img").getAttribute("aria-label")).toMatch(/^Mood over the last 7 days/);

    // The staff navigation, and none of the patient's.
    const links = await nav.getByRole("link").allTextContents();
    expect(links.map((l) => l.replace(/\d.*$/, "").trim())).toEqual(["Caseload", "Risk inbox", "Account"]);
    for (const patientScreen of ["Quests", "Pet", "Companion", "Habits"]) {
      expect(await nav.getByRole("link", { name: patientScreen }).count()).toBe(0);
    }
    expect(await nav.getByTestId("inbox-count").textContent()).toMatch(/\d+/);
    await expectNoBanners(page);
    await checkCareScreen(page, "care-caseload");

    // A patient screen's path opens the staff home instead.
    await page.goto(`${base()}/quests`);
    await page.getByTestId("caseload").waitFor({ timeout: 15_000 });

    await openScreen(page, /^Risk inbox/);
    const inbox = page.getByTestId("inbox");
    await inbox.waitFor({ timeout: 15_000 });
    const lowMood = inbox.locator("li").filter({ hasText: "Priya Patel" }).filter({ hasText: "Low mood check-in" });
    expect(await lowMood.count()).toBeGreaterThanOrEqual(1);
    expect(await lowMood.first().getByRole("button", { name: "Acknowledge" }).count()).toBe(1);
    await expectNoBanners(page);
    await checkCareScreen(page, "care-inbox");

    // Their own account: two-factor sign-in on (staff cannot turn it off), sessions, password.
    await openScreen(page, "Account");
    await expect.poll(() => page.getByTestId("screen-title").textContent(), { timeout: 15_000 }).toBe("Account");
    await page
      .getByRole("heading", { name: /two-factor/i })
      .first()
      .waitFor({ timeout: 15_000 });
    await expectNoBanners(page);
    await checkCareScreen(page, "care-account");
  });

  it("lets a clinician acknowledge and resolve a flag with notes, and the inbox count follows", async () => {
    // The patient's low mood check-in raises a low flag.
    const patientToken = await apiToken(server, "care-inbox");
    const res = await server.post(`${base()}/api/v1/moods`, {
      headers: { Authorization: `Bearer ${patientToken}` },
      data: { mood: 2, sleepQuality: 3 },
    });
    expect(res.status(), await res.text()).toBe(201);

    const page = clinician;
    await page.goto(base());
    await openScreen(page, /^Risk inbox/);
    const count = page.getByTestId("inbox-count");
    await count.waitFor({ timeout: 15_000 });
    const before = await inboxCount(page);
    const item = page
      .getByTestId("inbox")
      .locator("li")
      .filter({ hasText: e2eName("care-inbox") });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.getAttribute("data-status")).toBe("open");

    // Acknowledge, with a note.
    await item.getByRole("button", { name: "Acknowledge" }).click();
    await item.getByLabel("Note (optional)").fill("Called, no answer; trying again at 3pm.");
    await item.getByRole("button", { name: "Acknowledge" }).click();
    await expect.poll(() => item.getAttribute("data-status"), { timeout: 15_000 }).toBe("acknowledged");
    expect(await item.textContent()).toMatch(/Acknowledged by Dr Chidi Okafor.*Called, no answer/);

    // Resolving needs a note of what was done.
    await item.getByRole("button", { name: "Resolve" }).click();
    await item.getByRole("button", { name: "Resolve" }).click();
    expect(await item.getByRole("alert").textContent()).toMatch(/needs a note/);
    await item.getByLabel(/What was done/).fill("Spoke at 3pm; safe, plan reviewed.");
    await item.getByRole("button", { name: "Resolve" }).click();
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => inboxCount(page), { timeout: 15_000 }).toBe(before - 1);

    // The server agrees.
    const { items } = await apiGet<{ items: Flag[] }>(
      server,
      clinicianToken,
      `/staff/patients/${e2eId("care-inbox")}/flags`,
    );
    const flag = items.find((f) => f.source === "low_mood");
    expect(flag?.status).toBe("resolved");
    expect(flag?.acknowledged?.note).toBe("Called, no answer; trying again at 3pm.");
    expect(flag?.resolved?.note).toBe("Spoke at 3pm; safe, plan reviewed.");
  });

  it("shows the therapist the inbox read-only, and sorts and searches the caseload", async () => {
    const therapist = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
    const page = await therapist.context.newPage();
    await page.setViewportSize(DESKTOP);
    await signIn(page, "therapist@demo.haven");
    await expect.poll(() => caseloadRows(page).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    // High flags stay on top whatever the sort; by name otherwise.
    await page.getByRole("button", { name: "Patient" }).click();
    const header = page.getByRole("columnheader", { name: /Patient/ });
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    await page.getByRole("button", { name: /Patient/ }).click();
    expect(await header.getAttribute("aria-sort")).toBe("descending");

    await page.getByRole("searchbox", { name: "Search by name" }).fill("priya");
    await expect.poll(() => caseloadRows(page).count()).toBe(1);
    await page.getByRole("searchbox", { name: "Search by name" }).fill("nobody-by-this-name");
    await expect.poll(() => page.getByText(/No patient's name contains/).count()).toBe(1);

    await openScreen(page, /^Risk inbox/);
    await page.getByTestId("inbox").waitFor({ timeout: 15_000 });
    expect(await page.getByRole("button", { name: "Acknowledge" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Resolve" }).count()).toBe(0);
    expect(await page.getByText("Clinicians acknowledge and resolve flags.").count()).toBe(1);
    await expectNoBanners(page);
    await therapist.close();
  });

  it("offline, shows the saved caseload with its age and says writes need a connection; online again, no banner", async () => {
    const page = clinician;
    await page.goto(base());
    await expect.poll(() => caseloadRows(page).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await openScreen(page, /^Risk inbox/);
    await page.getByTestId("inbox").waitFor({ timeout: 15_000 });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await clinicianBrowser.context.setOffline(true);
    try {
      await openScreen(page, "Caseload");
      await page.getByTestId("saved-copy").waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("saved-copy").textContent()).toMatch(
        /saved on this device (just now|\d+ minutes? ago)/,
      );
      expect(await caseloadRows(page).count()).toBeGreaterThanOrEqual(2);
      await page.getByTestId("offline-banner").waitFor();
      expect(await page.getByTestId("offline-banner").textContent()).toMatch(/changes need a connection/);
      expect(await page.getByTestId("sync-banner").count()).toBe(0);

      // Reopened offline: the same app, from the saved copy.
      await page.reload();
      await page.getByTestId("saved-copy").waitFor({ timeout: 20_000 });
      expect(await caseloadRows(page).count()).toBeGreaterThanOrEqual(2);
    } finally {
      await clinicianBrowser.context.setOffline(false);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByTestId("offline-banner").count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId("saved-copy").count(), { timeout: 20_000 }).toBe(0);
    await expectNoBanners(page);

    // Signing out forgets the saved copy.
    await signOut(page);
    const keys = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open("haven");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction("meta").objectStore("meta").getAllKeys();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result as string[]);
            };
          };
        }),
    );
    expect(keys.filter((k) => k.startsWith("care:"))).toEqual([]);
  });
});
