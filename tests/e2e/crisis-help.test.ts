/**
 * Help that needs nothing (issue 12, items 5 and 6), in real Chromium: crisis help from the
 * sign-in and register screens with no account and no network, by where the device is; the
 * safety plan a device still holds after its session ended, read-only without signing in; the
 * patient's own "Alert my care team", queued offline and shown pending, then delivered, one
 * high `sos` flag for staff however often it is tapped; and a low mood check-in that shows the
 * numbers at once and where its flag for the care team stands.
 */
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eId } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  expireSession,
  launchBrowser,
  openScreen,
  signIn,
  storeCounts,
} from "./browser";

interface Flag {
  id: string;
  level: string;
  source: string;
  status: string;
}

const UK = ["tel:116123", "tel:111", "tel:999"];
const US = ["tel:988", "sms:988", "tel:911"];
/** A word longer than any phone is wide: it must wrap, never widen the page. */
const LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis-and-supercalifragilisticexpialidocious";

let server: APIRequestContext;
let clinician: string | undefined;
const open: Browser[] = [];

beforeAll(async () => {
  server = await request.newContext();
});

afterAll(async () => {
  for (const b of open.splice(0)) await b.close();
  await server?.dispose();
});

async function browserAt(timezoneId: string, locale: string): Promise<Browser> {
  const b = await launchBrowser({ timezoneId, locale });
  open.push(b);
  return b;
}

/** The call and text links of the crisis list on screen, in order. */
function resourceLinks(page: Page): Promise<(string | null)[]> {
  return page
    .getByTestId("crisis-resources")
    .first()
    .getByRole("link")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
}

/** The signed-out start page, controlled by the service worker, then the network gone and reloaded. */
async function offlineAtStart(b: Browser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(base());
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await b.context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  return page;
}

/** A patient's flags as their clinician sees them (the staff API). */
async function flagsOf(patient: Parameters<typeof e2eId>[0]): Promise<Flag[]> {
  clinician ??= await apiToken(server, "clinician@demo.haven");
  return (await apiGet<{ items: Flag[] }>(server, clinician, `/staff/patients/${e2eId(patient)}/flags`)).items;
}

const outbox = async (page: Page) => (await storeCounts(page, ["outbox"]))[0];

async function backOnline(b: Browser, page: Page): Promise<void> {
  await b.context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
}

describe("help without signing in", () => {
  it("opens from the sign-in screen offline, with one-tap numbers for a device in London, and says there is no plan here", async () => {
    const b = await browserAt("Europe/London", "en-GB");
    const page = await offlineAtStart(b);
    await page.getByTestId("crisis-button").click();
    await page.getByRole("heading", { name: "Help right now" }).waitFor();
    expect(await resourceLinks(page)).toEqual(UK);
    expect(await page.getByTestId("saved-plan-note").textContent()).toMatch(/no safety plan saved on this device/);
    // No account, so no alert: that needs the care team to know who is asking.
    expect(await page.getByTestId("sos-button").count()).toBe(0);
    await checkScreen(page, "help-signed-out");

    // Back is the sign-in screen again; a deep link to the help opens offline from the precache.
    await page.goBack();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.goto(`${base()}/crisis`);
    await page.getByRole("heading", { name: "Help right now" }).waitFor();
    expect(await resourceLinks(page)).toEqual(UK);

    // The safety plan's address on a device that holds none: said plainly, with the numbers.
    await page.goto(`${base()}/safety-plan`);
    await expect
      .poll(() => page.getByTestId("no-saved-plan").textContent())
      .toMatch(/There is no safety plan saved on this device/);
    expect(await resourceLinks(page)).toEqual(UK);
    await checkScreen(page, "help-no-plan");
    await page.getByRole("link", { name: "Back to sign in" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
  });

  it("opens from the register screen too, with 988 to call or text and 911 last for a device in New York", async () => {
    const b = await browserAt("America/New_York", "en-US");
    const page = await offlineAtStart(b);
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    await page.getByTestId("crisis-button").click();
    await page.getByRole("heading", { name: "Help right now" }).waitFor();
    expect(await resourceLinks(page)).toEqual(US);
    await page.goBack();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
  });

  it("after a session ends, shows the safety plan this device holds, read-only and offline, without signing in", async () => {
    const token = await apiToken(server, "help-plan");
    const put = await server.put(`${base()}/api/v1/safety-plan`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        warningSigns: ["Not sleeping for two nights", LONG_WORD],
        copingSteps: ["Box breathing for five minutes"],
        peopleAndPlaces: ["My sister Ana"],
        professionals: [],
        safeEnvironment: ["Give the spare tablets to the pharmacy"],
      },
    });
    expect(put.status(), await put.text()).toBe(200);

    const b = await browserAt("Europe/London", "en-GB");
    const page = await b.context.newPage();
    await signIn(page, "help-plan");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await openScreen(page, "Safety plan");
    await expect
      .poll(() => page.getByTestId("plan-warningSigns").textContent(), { timeout: 20_000 })
      .toContain("Not sleeping for two nights");

    // The session expires: it ends here at the next sync, and the plan stays. (Signed out from
    // another device is a revocation, which wipes the plan too: tests/e2e/device-lock.test.ts.)
    await expireSession(page);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => page.getByTestId("saved-plan-link").textContent())
      .toMatch(/safety plan is still on this device/);
    await checkScreen(page, "help-session-ended");

    await b.context.setOffline(true);
    await page.getByRole("link", { name: "open the safety plan" }).click();
    await page.getByRole("heading", { name: "Your safety plan" }).waitFor();
    await expect.poll(() => page.getByTestId("plan-warningSigns").textContent()).toContain(LONG_WORD);
    expect(await page.getByTestId("plan-safeEnvironment").textContent()).toContain("Give the spare tablets");
    expect(await page.getByTestId("saved-plan-owner").textContent()).toMatch(/Saved on this device for E2e Help-plan/);
    expect(await resourceLinks(page)).toEqual(UK);
    // Read-only: nothing here changes it.
    expect(await page.getByRole("button", { name: "Edit plan" }).count()).toBe(0);
    // The long word wraps inside the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await checkScreen(page, "help-saved-plan");

    // A reload with no network opens it again, from the precache and the device.
    await page.reload();
    await expect.poll(() => page.getByTestId("plan-warningSigns").textContent()).toContain(LONG_WORD);
    await page.goBack();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await b.context.setOffline(false);
  });
});

describe("Alert my care team", () => {
  it("sends one alert however it is tapped, shown pending offline and delivered online, one high sos flag for staff", async () => {
    const b = await browserAt("Europe/London", "en-GB");
    const page = await b.context.newPage();
    await signIn(page, "sos");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.getByTestId("crisis-button").click();
    const sos = page.getByTestId("sos-button");
    await sos.waitFor();
    expect(await page.getByRole("region", { name: "Alert my care team" }).textContent()).toMatch(
      /Your care team will see an urgent alert\. If you are in danger now, call 999\./,
    );
    expect(await page.getByRole("link", { name: "999", exact: true }).first().getAttribute("href")).toBe("tel:999");

    await b.context.setOffline(true);
    await sos.dblclick();
    const status = page.getByTestId("flag-status");
    await expect.poll(() => status.getAttribute("data-state")).toBe("pending");
    expect(await status.textContent()).toMatch(/Pending: your alert is saved on this device .* waiting to send/);
    // Two taps in one frame, and a tap while it waits: still the one alert.
    await sos.evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await sos.click({ force: true });
    await page.waitForTimeout(500);
    expect(await outbox(page)).toBe(1);
    expect(await sos.getAttribute("aria-disabled")).toBe("true");
    await checkScreen(page, "crisis-sos-pending");

    // Still pending after a reload with no network: the alert and its state are on the device.
    await page.reload();
    await expect.poll(() => page.getByTestId("flag-status").getAttribute("data-state")).toBe("pending");

    await backOnline(b, page);
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 30_000 }).toBe("delivered");
    expect(await status.textContent()).toMatch(
      /^Delivered at .+: your care team can now see your alert, marked urgent\. If you are in danger now/,
    );
    const flags = (await flagsOf("sos")).filter((f) => f.source === "sos");
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ level: "high", status: "open" });
    await checkScreen(page, "crisis-sos-delivered");

    // Delivered: the patient may alert again, and that is a second alert.
    expect(await sos.textContent()).toBe("Alert my care team again");
    await sos.click();
    await expect
      .poll(async () => (await flagsOf("sos")).filter((f) => f.source === "sos").length, {
        timeout: 30_000,
      })
      .toBe(2);
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 30_000 }).toBe("delivered");
  });

  it("is not offered to staff", async () => {
    const b = await browserAt("Europe/London", "en-GB");
    const page = await b.context.newPage();
    await signIn(page, "therapist@demo.haven");
    await page.getByTestId("crisis-button").click();
    await page.getByRole("heading", { name: "Help right now" }).waitFor();
    expect(await resourceLinks(page)).toEqual(UK);
    expect(await page.getByTestId("sos-button").count()).toBe(0);
  });
});

describe("a low mood check-in", () => {
  it("shows the numbers at once, and the flag for the care team pending offline, then delivered", async () => {
    const b = await browserAt("Europe/London", "en-GB");
    const page = await b.context.newPage();
    await signIn(page, "low-mood");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await b.context.setOffline(true);
    await page.getByRole("radio", { name: "2, very low" }).check();
    await page.getByRole("button", { name: "Save check-in" }).click();
    const help = page.getByTestId("mood-crisis");
    await help.waitFor();
    expect(await resourceLinks(page)).toEqual(UK);
    const status = help.getByTestId("flag-status");
    await expect.poll(() => status.getAttribute("data-state")).toBe("pending");
    expect(await status.textContent()).toMatch(/Your care team will be told.*Pending.*next sync/);
    expect(await page.getByTestId("moods").textContent()).toMatch(/waiting to sync; your care team will be told then/);
    await checkScreen(page, "today-low-mood-pending");

    await backOnline(b, page);
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 30_000 }).toBe("delivered");
    expect(await status.textContent()).toMatch(/^Delivered at .+: your care team can now see this/);
    const flags = (await flagsOf("low-mood")).filter((f) => f.source === "low_mood");
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ level: "low" });
    await checkScreen(page, "today-low-mood-delivered");

    // A check-in that raises nothing shows no crisis box.
    await page.getByRole("radio", { name: "7, good" }).check();
    await page.getByRole("button", { name: "Save check-in" }).click();
    await expect.poll(() => help.count()).toBe(0);
  });
});
