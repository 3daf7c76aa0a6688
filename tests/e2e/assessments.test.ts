/**
 * Check-ins (PHQ-9, GAD-7) in real Chromium: scored on the device at once, offline too; a "yes"
 * on PHQ-9 item 9 shows crisis help at once and says the care team will be told (pending until
 * sync); the server scores the same, raises the flag for the clinician, and enforces the limit
 * of two per 14 days, whose refusal the patient is told about.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

interface Assessment {
  id: string;
  instrument: string;
  answers: number[];
  score: number;
  severity: string;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
const patientId = e2eId("assessments");

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.setOffline(false);
  await browser?.close();
});

/** Answers a questionnaire's items in order, by their visible wording ("Several days"). */
async function answer(answers: number[]) {
  const words = ["Not at all", "Several days", "More than half the days", "Nearly every day"];
  for (const [i, value] of answers.entries()) {
    await page
      .getByRole("group", { name: new RegExp(`^${i + 1}\\. `) })
      .getByLabel(words[value] as string, { exact: true })
      .check();
  }
}

async function backOnline() {
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
}

let clinician: string | undefined;
/** The demo clinician's token, signed in once (logins are rate-limited per account). */
async function clinicianToken(): Promise<string> {
  clinician ??= await apiToken(page.request, "clinician@demo.haven");
  return clinician;
}

async function openFlags(): Promise<number | undefined> {
  const { items } = await apiGet<{ items: { id: string; openFlags: number }[] }>(
    page.request,
    await clinicianToken(),
    "/staff/patients",
  );
  return items.find((p) => p.id === patientId)?.openFlags;
}

const mine = async () => (await apiGet<{ items: Assessment[] }>(page.request, token, "/assessments")).items;

describe("the check-ins screen", () => {
  it("scores a PHQ-9 taken offline at once and, for item 9, shows crisis help offline and says the flag is pending", async () => {
    // expect.poll (inside signIn) only runs inside a test, so signing in is the first step here.
    await signIn(page, "assessments");
    token = await apiToken(page.request, "assessments");
    await openScreen(page, "Check-ins");
    await expect.poll(() => page.getByTestId("screen-title").textContent()).toBe("Check-ins");
    await expect.poll(() => page.getByText("None yet.").count(), { timeout: 15_000 }).toBe(1);
    await context.setOffline(true);

    await page.getByRole("button", { name: "Start PHQ-9" }).click();
    // Every item is required, with a clear message naming what is missing.
    await page.getByRole("button", { name: "See my score" }).click();
    await expect.poll(() => page.getByTestId("questionnaire-error").textContent()).toMatch(/answer questions 1, 2, 3/);
    await answer([1, 1, 2, 1, 0, 1, 1, 0]);
    await page.getByRole("button", { name: "See my score" }).click();
    await expect.poll(() => page.getByTestId("questionnaire-error").textContent()).toMatch(/answer question 9\b/);
    await expectAccessible(page, "assessments (questionnaire)");
    await page
      .getByRole("group", { name: /^9\. Thoughts that you would be better off dead/ })
      .getByLabel("Several days", { exact: true })
      .check();
    await page.getByRole("button", { name: "See my score" }).click();

    // Scored on the device, shown at once, with crisis help from the device alone.
    await expect.poll(() => page.getByTestId("result-score").textContent()).toMatch(/^8 out of 27 — mild/);
    expect(await page.getByTestId("result-band").textContent()).toBe("mild");
    expect(await page.getByTestId("assessment-result").textContent()).toContain("not a diagnosis");
    const crisis = page.getByTestId("assessment-crisis");
    expect(await crisis.getByRole("link", { name: "Call 116 123" }).getAttribute("href")).toBe("tel:116123");
    expect(await crisis.getByRole("link", { name: "Call 999" }).count()).toBe(1);
    expect(await crisis.getByRole("link", { name: "More crisis help" }).getAttribute("href")).toBe("/crisis");
    expect(await crisis.getByRole("link", { name: "Open your safety plan" }).getAttribute("href")).toBe("/safety-plan");
    const note = page.getByTestId("care-team-note");
    expect(await note.textContent()).toMatch(/care team will be told.*Pending.*reach them at the next sync/);
    await expect.poll(() => page.getByTestId("assessment-history").textContent()).toMatch(/PHQ-9 8 out of 27, mild/);
    expect(await page.getByTestId("assessment-history").textContent()).toContain("waiting to sync");
    await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);
  });

  it("syncs it: the server scored the same, and the demo clinician sees an open risk flag", async () => {
    await backOnline();
    await expect
      .poll(() => page.getByTestId("care-team-note").textContent(), { timeout: 20_000 })
      .toMatch(/care team can now see this/);
    expect(await page.getByTestId("assessment-history").textContent()).not.toContain("waiting to sync");

    const items = await mine();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      instrument: "PHQ-9",
      answers: [1, 1, 2, 1, 0, 1, 1, 0, 1],
      score: 8,
      severity: "mild",
    });

    expect(await openFlags()).toBe(1);
    const dashboard = await apiGet<{ timeline: { items: Record<string, unknown>[] } }>(
      page.request,
      await clinicianToken(),
      `/staff/patients/${patientId}`,
    );
    const flags = dashboard.timeline.items.filter((i) => i.kind === "riskFlag");
    // PHQ-9 item 9 is ideation: a medium flag naming the C-SSRS category, open, not acknowledged yet.
    expect(flags).toEqual([
      expect.objectContaining({
        source: "phq9_item9",
        level: "medium",
        category: "wish-to-be-dead",
        status: "open",
        acknowledged: null,
      }),
    ]);
    expect(dashboard.timeline.items.filter((i) => i.kind === "assessment")).toEqual([
      expect.objectContaining({ id: items[0]?.id, instrument: "PHQ-9", score: 8 }),
    ]);
    await checkScreen(page, "assessments");
  });

  it("scores a GAD-7, with no crisis section when nothing calls for one, and the server agrees", async () => {
    await page.getByRole("button", { name: "Start GAD-7" }).click();
    await answer([0, 1, 1, 0, 1, 0, 0]);
    await page.getByRole("button", { name: "See my score" }).click();
    await expect.poll(() => page.getByTestId("result-score").textContent()).toMatch(/^3 out of 21 — minimal/);
    expect(await page.getByTestId("assessment-crisis").count()).toBe(0);
    await expect.poll(async () => (await mine()).length, { timeout: 20_000 }).toBe(2);
    expect((await mine()).find((a) => a.instrument === "GAD-7")).toMatchObject({
      answers: [0, 1, 1, 0, 1, 0, 0],
      score: 3,
      severity: "minimal",
    });
    await expect
      .poll(() => page.getByTestId("assessment-history").textContent(), { timeout: 20_000 })
      .not.toContain("waiting to sync");
  });

  it("tells the patient when the server refuses a third PHQ-9 in 14 days, then shows when the next is possible", async () => {
    await context.setOffline(true);
    // Another device (here: the API) takes the second PHQ-9 of the window while this one is offline.
    const other = await fetch(`${base()}/api/v1/assessments`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ instrument: "PHQ-9", answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }),
    });
    expect(other.status, await other.text()).toBe(201);

    // This device still knows of one, so it lets the patient take another, scored at once.
    await page.getByRole("button", { name: "Start PHQ-9" }).click();
    await answer([0, 0, 1, 0, 0, 0, 0, 0, 0]);
    await page.getByRole("button", { name: "See my score" }).click();
    await expect.poll(() => page.getByTestId("result-score").textContent()).toMatch(/^1 out of 27 — minimal/);

    await backOnline();
    await expect
      .poll(() => page.getByTestId("notice").textContent(), { timeout: 20_000 })
      .toMatch(/twice in (any )?14 days/);
    await expect.poll(() => page.getByTestId("result-score").textContent()).toMatch(/not saved: .*twice in 14 days/);
    await expect
      .poll(() => page.getByTestId("start-PHQ-9").textContent(), { timeout: 20_000 })
      .toMatch(/The next one is possible from/);
    expect(await page.getByRole("button", { name: "Start PHQ-9" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Start GAD-7" }).isEnabled()).toBe(true);

    const items = await mine();
    expect(items.filter((a) => a.instrument === "PHQ-9").map((a) => a.score)).toEqual([0, 8]);
    expect(await openFlags()).toBe(1);
  });
});
