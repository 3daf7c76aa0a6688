/**
 * The safety plan in real Chromium: edited offline with an optimistic update that survives a
 * reload, synced to the server when back online, and a change the clinician makes through the
 * staff API reaching the patient's device on the next sync. Issue 11, defect 8: the patient's
 * offline edit and the clinician's changes meanwhile are merged item by item, and both sides see
 * who changed what.
 */
import { type APIRequestContext, type BrowserContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SafetyPlanView } from "../../shared/domain/safety-plan-merge";
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

type ServerPlan = SafetyPlanView;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
/** The tests' own API client (the clinician), apart from the browser, so it reaches the server while the page is offline. */
let api: APIRequestContext;
const patientId = e2eId("safety");

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
  page = await context.newPage();
  api = await request.newContext();
}, 60_000);

afterAll(async () => {
  await context?.setOffline(false);
  await api?.dispose();
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
      .poll(() => signs.locator(".plan-item").allTextContents())
      .toEqual(["Not answering messages for a day", "Lying awake past 3am"]);
    expect(await page.getByTestId("plan-copingSteps").locator(".plan-item").allTextContents()).toEqual([
      "Box breathing for five minutes",
    ]);
    expect(await signs.getByTestId("plan-item-by").first().textContent()).toMatch(
      /^Added by you, (\w{3} \d{1,2}|\d{1,2} \w{3})$/,
    );
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
    const { warningSigns, copingSteps, peopleAndPlaces, safeEnvironment } = await serverPlan();
    // The whole-plan payload older clients send still works (merged item by item on the server).
    const res = await page.request.put(`${base()}/api/v1/staff/patients/${patientId}/safety-plan`, {
      headers: { Authorization: `Bearer ${clinician}` },
      data: {
        warningSigns,
        copingSteps,
        peopleAndPlaces,
        safeEnvironment,
        professionals: ["Community mental health team: 020 7946 0000"],
      },
    });
    expect(res.status(), await res.text()).toBe(200);

    await nudgeSync();
    await expect
      .poll(() => page.getByTestId("plan-professionals").textContent(), { timeout: 20_000 })
      .toContain("Community mental health team: 020 7946 0000");
    expect(await page.getByTestId("plan-status").textContent()).toMatch(/by .*your care team\./);
    expect(await page.getByTestId("plan-professionals").getByTestId("plan-item-by").textContent()).toMatch(
      /^Added by Dr Chidi Okafor from your care team, /,
    );
    expect(await page.getByTestId("plan-warningSigns").locator("li").count()).toBe(2);
    await checkScreen(page, "safety-plan");
  });

  it("removes an item and syncs the removal", async () => {
    await page.getByRole("button", { name: "Edit plan" }).click();
    await page.getByRole("button", { name: "Remove warning sign 1" }).click();
    await page.getByRole("button", { name: "Save plan" }).click();
    await expect
      .poll(() => page.getByTestId("plan-warningSigns").locator(".plan-item").allTextContents())
      .toEqual(["Lying awake past 3am"]);
    await expect
      .poll(async () => (await serverPlan()).warningSigns, { timeout: 20_000 })
      .toEqual(["Lying awake past 3am"]);
    expect((await serverPlan()).professionals).toEqual(["Community mental health team: 020 7946 0000"]);
  });

  it("merges the patient's offline edit with the clinician's changes meanwhile, and shows both sides who changed what", async () => {
    const staffPath = `${base()}/api/v1/staff/patients/${patientId}/safety-plan`;
    const clinician = await apiToken(api, "clinician@demo.haven");
    const asClinician = { Authorization: `Bearer ${clinician}` };
    await context.setOffline(true);

    // Offline, the patient rewords a warning sign and adds a coping step.
    await page.getByRole("button", { name: "Edit plan" }).click();
    await page
      .getByRole("textbox", { name: "Warning sign 1", exact: true })
      .fill("Lying awake past 3am, three nights running");
    await page.getByLabel("Add a coping step").fill("Cold water on my face");
    await page.getByRole("button", { name: "Add coping step" }).click();
    await page.getByRole("button", { name: "Save plan" }).click();
    await expect.poll(() => page.getByTestId("plan-status").textContent()).toContain("waiting to sync");

    // Meanwhile the clinician, from the plan as the server has it, rewords the same sign and adds a place.
    const before = (await (await api.get(staffPath, { headers: asClinician })).json()) as { safetyPlan: ServerPlan };
    const sign = before.safetyPlan.entries.warningSigns.find((i) => i.text === "Lying awake past 3am");
    expect(sign).toBeDefined();
    const edit = await api.put(staffPath, {
      headers: asClinician,
      data: {
        baseVersion: before.safetyPlan.version,
        ops: [
          {
            op: "edit",
            section: "warningSigns",
            id: sign?.id,
            text: "Awake past 3am: tell the team",
            from: sign?.text,
          },
          { op: "add", section: "peopleAndPlaces", id: crypto.randomUUID(), text: "Sam's flat" },
        ],
      },
    });
    expect(edit.status(), await edit.text()).toBe(200);

    await context.setOffline(false);
    await nudgeSync();
    await expect
      .poll(() => page.getByTestId("plan-peopleAndPlaces").locator(".plan-item").allTextContents(), { timeout: 20_000 })
      .toEqual(["Sam's flat"]);
    // Nothing lost: the clinician's place and the patient's coping step are both there; on the
    // item both changed, the later write (the patient's) stands, and the patient is told.
    expect(await page.getByTestId("plan-copingSteps").locator(".plan-item").allTextContents()).toEqual([
      "Box breathing for five minutes",
      "Cold water on my face",
    ]);
    expect(await page.getByTestId("plan-warningSigns").locator(".plan-item").allTextContents()).toEqual([
      "Lying awake past 3am, three nights running",
    ]);
    expect(await page.getByTestId("plan-peopleAndPlaces").getByTestId("plan-item-by").textContent()).toMatch(
      /^Added by Dr Chidi Okafor from your care team, /,
    );
    expect(await page.getByTestId("plan-warningSigns").getByTestId("plan-item-by").textContent()).toMatch(
      /^Added by you, .*; changed by you, /,
    );
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("replaced a newer one made elsewhere");
    const changes = page.getByTestId("plan-changes").locator("li");
    const lines = await changes.allTextContents();
    expect(lines.join("\n")).toContain(
      "Dr Chidi Okafor from your care team added “Sam's flat” to people and places that help",
    );
    expect(lines.join("\n")).toMatch(
      /You changed “Awake past 3am: tell the team” to “Lying awake past 3am, three nights running”.* replacing “Awake past 3am: tell the team”, changed meanwhile by Dr Chidi Okafor from your care team/,
    );
    await checkScreen(page, "safety-plan-merged");

    // The clinician sees the same: who changed what, with names.
    const after = (await (await api.get(staffPath, { headers: asClinician })).json()) as {
      safetyPlan: ServerPlan;
      people: Record<string, string>;
    };
    expect(after.safetyPlan.peopleAndPlaces).toEqual(["Sam's flat"]);
    expect(after.safetyPlan.copingSteps).toContain("Cold water on my face");
    const last = after.safetyPlan.changes.find((c) => c.overwrote);
    expect(last).toMatchObject({ by: patientId, kind: "edited", text: "Lying awake past 3am, three nights running" });
    expect(after.people[last?.overwrote?.by ?? ""]).toBe("Dr Chidi Okafor");
    expect(after.people[patientId]).toBeTruthy();
    await page.getByTestId("notice").getByRole("button", { name: "Dismiss" }).click();
  });
});
