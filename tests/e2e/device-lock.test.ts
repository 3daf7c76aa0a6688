/**
 * Issue 13 item 7 in real Chromium against the running stack: a device signed out from elsewhere
 * forgets the patient's data at once (the outbox kept, hidden, for the same patient only), and an
 * app PIN keeps the data behind a lock screen, with crisis help still one tap away.
 */
import { type BrowserContext, type Page, request } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REFRESH_IDLE_SECONDS } from "../../shared/limits";
import { E2E_PASSWORD, e2eEmail } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  endOtherSessions,
  launchBrowser,
  openScreen,
  signIn,
  storeCounts,
} from "./browser";

let browser: Browser;
let context: BrowserContext;

beforeEach(async () => {
  browser = await launchBrowser();
  context = browser.context;
});
afterEach(async () => {
  await browser.close();
});

const counts = (page: Page) => storeCounts(page, ["entities", "outbox", "notices", "results"]);

/** The meta rows the device keeps, by key. */
function metaKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("haven");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction("meta").objectStore("meta").getAllKeys();
          req.onsuccess = () => {
            db.close();
            resolve((req.result as string[]).sort());
          };
        };
      }),
  );
}

describe("a device signed out from elsewhere", () => {
  it("forgets the health data, says why, keeps the offline outbox hidden, and syncs it for the same patient", async () => {
    const server = await request.newContext();
    const token = await apiToken(server, "device-lock");
    const put = await server.put(`${base()}/api/v1/safety-plan`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        warningSigns: ["Pacing at night"],
        copingSteps: ["Walk the dog"],
        peopleAndPlaces: [],
        professionals: [],
        safeEnvironment: [],
      },
    });
    expect(put.status(), await put.text()).toBe(200);
    const page = await context.newPage();
    await signIn(page, "device-lock");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    // Offline and back: still signed in on the local data.
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    await context.setOffline(false);
    await page.reload();
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await counts(page))[0], { timeout: 20_000 }).toBeGreaterThan(0);

    const word = `kept-hidden-${Date.now().toString(36)}`;
    await context.setOffline(true);
    try {
      await page.getByLabel("Note (optional)").fill(word);
      await page.getByRole("button", { name: "Save check-in" }).click();
      await expect.poll(async () => (await counts(page))[1]).toBe(1);
      // Meanwhile the patient signs this device out from another one (the sessions list there).
      await endOtherSessions(server, token);
    } finally {
      await context.setOffline(false);
    }

    await page.reload();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count(), { timeout: 20_000 }).toBe(1);
    const ended = page.getByTestId("session-ended");
    await expect.poll(() => ended.getAttribute("data-reason")).toBe("DEVICE_SIGNED_OUT");
    expect(await ended.textContent()).toMatch(/this device was signed out from elsewhere/i);
    // The health data is gone; the outbox is still stored, but shown nowhere (nor whose it is).
    expect(await counts(page)).toEqual([0, 1, 0, 0]);
    expect(await metaKeys(page)).toEqual(expect.not.arrayContaining(["user", "cursor", "progress", "careTeam"]));
    expect(await page.getByTestId("unsynced-safe").count()).toBe(0);
    expect(await page.textContent("body")).not.toContain(word);
    expect(await page.textContent("body")).not.toContain(e2eEmail("device-lock"));
    await checkScreen(page, "signed-out-elsewhere");

    // Still after another reload; the saved safety plan went with the rest; crisis help works.
    await page.reload();
    await expect.poll(() => ended.getAttribute("data-reason")).toBe("DEVICE_SIGNED_OUT");
    await page.goto(`${new URL(page.url()).origin}/safety-plan`);
    await page.getByTestId("no-saved-plan").waitFor();
    await page.getByRole("link", { name: "Crisis help" }).first().click();
    await page.getByRole("heading", { name: "Help right now" }).waitFor();
    await page.getByRole("link", { name: "Back to sign in" }).click();

    // The same patient signs in again: the hidden change syncs.
    await page.getByLabel("Email").fill(e2eEmail("device-lock"));
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await counts(page))[1], { timeout: 30_000 }).toBe(0);
    const moods = await apiGet<{ items: { note: string | null }[] }>(server, token, "/moods?limit=20");
    expect(moods.items.filter((m) => m.note === word)).toHaveLength(1);
    expect(await metaKeys(page)).toEqual(expect.not.arrayContaining(["signedOut", "outboxOwner"]));
    await server.dispose();
    await page.close();
  });
});

describe("opening offline after more than a week without the server", () => {
  it("shows the signed-out screen with crisis help instead of the data, and the data again once connected", async () => {
    const page = await context.newPage();
    await signIn(page, "device-lock");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    const stored = Number(await page.evaluate(() => localStorage.getItem("haven.lastContact")));
    expect(stored).toBeGreaterThan(Date.now() - 60_000);
    // The last authenticated answer was 7 days and a minute ago.
    await page.evaluate(
      (at) => localStorage.setItem("haven.lastContact", String(at)),
      Date.now() - REFRESH_IDLE_SECONDS * 1000 - 60_000,
    );
    await context.setOffline(true);
    try {
      await page.reload();
      const ended = page.getByTestId("session-ended");
      await expect.poll(() => ended.getAttribute("data-reason"), { timeout: 15_000 }).toBe("OFFLINE_TOO_LONG");
      expect(await page.getByTestId("welcome").count()).toBe(0);
      expect((await counts(page))[0]).toBeGreaterThan(0); // kept, only not shown
      await checkScreen(page, "offline-too-long");
      await page.getByTestId("crisis-button").click();
      await page.getByRole("heading", { name: "Help right now" }).waitFor();
      await page.getByRole("link", { name: "Back to sign in" }).click();
    } finally {
      await context.setOffline(false);
    }
    // Connected again: the refresh cookie still works, so the data is back without signing in.
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 20_000 }).toBe(1);
    await page.close();
  });
});

describe("the app PIN", () => {
  it("locks the data behind the PIN at start, refuses a wrong one, keeps crisis help reachable, and 10 wrong ones sign out", async () => {
    const page = await context.newPage();
    await signIn(page, "device-pin");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await openScreen(page, "Settings");
    const section = page.getByTestId("pin-section");
    await section.getByTestId("pin-new").fill("2468");
    await section.getByTestId("pin-repeat").fill("2468");
    await section.getByTestId("pin-save").click();
    await expect.poll(() => page.getByTestId("pin-done").count(), { timeout: 15_000 }).toBe(1);

    await page.goto(new URL(page.url()).origin);
    await page.getByTestId("lock-screen").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("welcome").count()).toBe(0);
    expect(await page.getByTestId("screen-title").count()).toBe(0);
    await checkScreen(page, "lock-screen");

    // Crisis help from the lock screen, and back.
    await page.getByTestId("crisis-button").click();
    await page.getByRole("heading", { name: "Help right now" }).waitFor();
    expect(await page.getByTestId("welcome").count()).toBe(0);
    await page.getByRole("link", { name: "Back to unlock" }).click();
    await page.getByTestId("lock-screen").waitFor();

    await page.getByTestId("unlock-pin").fill("1357");
    await page.getByTestId("unlock-submit").click();
    await expect
      .poll(() => page.getByTestId("unlock-error").textContent(), { timeout: 15_000 })
      .toMatch(/9 tries left/);
    await checkScreen(page, "lock-screen-wrong");
    expect(await page.getByTestId("welcome").count()).toBe(0);
    await page.getByTestId("unlock-pin").fill("2468");
    await page.getByTestId("unlock-submit").click();
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);

    // Offline too, the PIN comes first.
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId("lock-screen").waitFor({ timeout: 15_000 });
    await context.setOffline(false);

    // Ten wrong PINs: signed out, the data forgotten.
    for (let i = 0; i < 10; i++) {
      await page.getByTestId("unlock-pin").fill("0000");
      await page.getByTestId("unlock-submit").click();
      if (i < 9) await expect.poll(() => page.getByTestId("unlock-error").textContent()).toMatch(`${9 - i} tr`);
    }
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("session-ended").getAttribute("data-reason")).toBe("PIN_LOCKOUT");
    expect((await counts(page))[0]).toBe(0);
    expect(await metaKeys(page)).not.toContain("pin");
    // The server session is over too.
    const server = await request.newContext();
    const token = await apiToken(server, "device-pin");
    const sessions = await apiGet<{ items: unknown[] }>(server, token, "/auth/sessions");
    expect(sessions.items).toHaveLength(1); // only the test's own
    await server.dispose();
    await page.close();
  });
});
