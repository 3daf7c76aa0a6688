/**
 * The C-SSRS safety check in real Chromium (issue 12, item 4: the "cssrs" flag source): its skip
 * logic on screen (questions 3–5 only after a yes to question 2, "within the past 3 months?"
 * only after a yes to question 6), triaged on the device offline with the crisis numbers and the
 * flag's pending line at once, then delivered online; the server triaged the same and the
 * clinician has one high cssrs flag with category behaviour.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eId } from "./accounts";
import { apiGet, apiToken, type Browser, checkScreen, launchBrowser, openScreen, signIn } from "./browser";

interface Flag {
  id: string;
  level: string;
  source: string;
  category: string | null;
  status: string;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
let clinician: string | undefined;
const patientId = e2eId("cssrs");

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.setOffline(false);
  await browser?.close();
});

/** Answers one question of the safety check, found by its wording. */
async function answer(question: RegExp, value: "Yes" | "No") {
  await page.getByRole("group", { name: question }).getByLabel(value, { exact: true }).check();
}

/** The questions on screen, by item. */
const shown = () =>
  page
    .getByTestId("cssrs-form")
    .locator("fieldset")
    .evaluateAll((sets) => sets.map((s) => s.getAttribute("data-testid")));

async function cssrsFlags(): Promise<Flag[]> {
  clinician ??= await apiToken(page.request, "clinician@demo.haven");
  const { items } = await apiGet<{ items: Flag[] }>(page.request, clinician, `/staff/patients/${patientId}/flags`);
  return items.filter((f) => f.source === "cssrs");
}

const mine = async () =>
  (
    await apiGet<{ items: { instrument: string; answers: unknown; level: string | null }[] }>(
      page.request,
      token,
      "/assessments",
    )
  ).items;

describe("the C-SSRS safety check", () => {
  it("offline: a no to Q2 never shows Q3–Q5; a yes to recent behaviour shows the numbers and the flag pending", async () => {
    await signIn(page, "cssrs");
    token = await apiToken(page.request, "cssrs");
    await openScreen(page, "Check-ins");
    await expect.poll(() => page.getByText("None yet.").count(), { timeout: 15_000 }).toBe(1);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);

    await page.getByRole("button", { name: "Start safety check" }).click();
    expect(await shown()).toEqual(["cssrs-wishToBeDead", "cssrs-suicidalThoughts", "cssrs-behaviour"]);
    // Nothing answered: every question shown is asked for.
    await page.getByRole("button", { name: "Save my answers" }).click();
    await expect.poll(() => page.getByTestId("questionnaire-error").textContent()).toMatch(/answer every question/);

    await answer(/wished you were dead/, "No");
    await answer(/thoughts of killing yourself/, "No");
    expect(await shown()).toEqual(["cssrs-wishToBeDead", "cssrs-suicidalThoughts", "cssrs-behaviour"]);
    expect(await page.getByText("thinking about how you might do this").count()).toBe(0);

    await answer(/prepared to do anything to end your life/, "Yes");
    expect(await shown()).toEqual([
      "cssrs-wishToBeDead",
      "cssrs-suicidalThoughts",
      "cssrs-behaviour",
      "cssrs-behaviourWithin3Months",
    ]);
    await answer(/within the past 3 months/, "Yes");
    await checkScreen(page, "assessments-cssrs-form");
    await page.getByRole("button", { name: "Save my answers" }).click();

    const crisis = page.getByTestId("assessment-crisis");
    await crisis.waitFor();
    expect(await crisis.textContent()).toContain("deserve support right now");
    expect(await crisis.getByRole("link", { name: "Call 116 123" }).getAttribute("href")).toBe("tel:116123");
    expect(await crisis.getByRole("link", { name: "Call 999" }).count()).toBe(1);
    const status = crisis.getByTestId("flag-status");
    await expect.poll(() => status.getAttribute("data-state")).toBe("pending");
    expect(await status.textContent()).toMatch(/Your care team will be told.*Pending.*next sync/);
    expect(await page.getByTestId("assessment-history").textContent()).toMatch(
      /C-SSRS safety check, shared with your care team · waiting to sync/,
    );
    await checkScreen(page, "assessments-cssrs-pending");
  });

  it("online: delivered, and the clinician has one high cssrs flag with category behaviour", async () => {
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    const status = page.getByTestId("assessment-crisis").getByTestId("flag-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 30_000 }).toBe("delivered");
    expect(await status.textContent()).toMatch(/^Delivered at .+: your care team can now see this/);

    const flags = await cssrsFlags();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ level: "high", category: "behaviour", status: "open" });
    // Exactly what was asked was sent: no answers to the questions a no to Q2 skips.
    expect(await mine()).toEqual([
      expect.objectContaining({
        instrument: "C-SSRS",
        answers: { wishToBeDead: false, suicidalThoughts: false, behaviour: true, behaviourWithin3Months: true },
        level: "high",
        category: "behaviour",
      }),
    ]);
    await checkScreen(page, "assessments-cssrs-delivered");
  });

  it("shows Q3–Q5 after a yes to Q2 and drops them with their answers after a change to no; all no raises nothing", async () => {
    await page.getByRole("button", { name: "Start safety check" }).click();
    await answer(/wished you were dead/, "No");
    await answer(/thoughts of killing yourself/, "Yes");
    expect(await shown()).toEqual([
      "cssrs-wishToBeDead",
      "cssrs-suicidalThoughts",
      "cssrs-method",
      "cssrs-intent",
      "cssrs-plan",
      "cssrs-behaviour",
    ]);
    await answer(/thinking about how you might do this/, "Yes");
    await answer(/thoughts of killing yourself/, "No");
    expect(await shown()).toEqual(["cssrs-wishToBeDead", "cssrs-suicidalThoughts", "cssrs-behaviour"]);
    await answer(/prepared to do anything to end your life/, "No");
    await page.getByRole("button", { name: "Save my answers" }).click();
    await expect.poll(() => page.getByTestId("assessment-result").textContent()).toMatch(/no to every question/);
    expect(await page.getByTestId("assessment-crisis").count()).toBe(0);
    await expect.poll(async () => (await mine()).length, { timeout: 20_000 }).toBe(2);
    expect((await mine())[0]).toMatchObject({
      answers: { wishToBeDead: false, suicidalThoughts: false, behaviour: false },
      level: null,
    });
    expect(await cssrsFlags()).toHaveLength(1);
  });
});
