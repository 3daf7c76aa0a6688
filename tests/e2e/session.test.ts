/**
 * Sessions in real Chromium (issue 11, defects 6 and 9): a reload while a token refresh is in
 * flight, a refresh the service cannot answer, signing out with changes that have not synced,
 * and a session the server ends while changes wait on the device.
 */
import { type BrowserContext, type Page, type Route, request } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REFRESH_GRACE_SECONDS } from "../../shared/limits";
import { E2E_PASSWORD, e2eEmail } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  expireSession,
  launchBrowser,
  pressSignOut,
  signIn,
  storeCounts,
} from "./browser";

let browser: Browser;
let context: BrowserContext;

// A fresh browser (profile, cookies, IndexedDB) for every test: each starts signed out.
beforeEach(async () => {
  browser = await launchBrowser();
  context = browser.context;
}, 60_000);

afterEach(() => browser?.close());

const REFRESH = "**/api/v1/auth/refresh";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signed in: the welcome is shown and the sign-in form is not. */
async function expectSignedIn(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.getByTestId("welcome").textContent(), { timeout: 15_000 }).toBe(`Welcome, ${name}`);
  expect(await page.getByRole("heading", { name: "Sign in" }).count()).toBe(0);
}

/**
 * Reloads and checks the session is real, not the cached user of an offline start: the welcome
 * is shown and the sync engine's pull, which needs an access token, succeeds.
 */
async function reloadSignedIn(page: Page, name: string): Promise<void> {
  const pulled = page.waitForResponse((res) => res.url().includes("/api/v1/sync/pull") && res.status() === 200, {
    timeout: 20_000,
  });
  await page.reload();
  await expectSignedIn(page, name);
  await pulled;
  expect(await page.getByTestId("sync-banner").count()).toBe(0);
}

/** The changes waiting in this device's outbox. */
async function outbox(page: Page): Promise<number> {
  const [n] = await storeCounts(page, ["outbox"]);
  return n ?? -1;
}

/** Saves one check-in (with a note) from Today, while it cannot sync: it waits in the outbox. */
async function saveCheckIn(page: Page, note: string): Promise<void> {
  const before = await outbox(page);
  await page.getByLabel("Note (optional)").fill(note);
  await page.getByRole("button", { name: "Save check-in" }).click();
  await expect.poll(() => outbox(page)).toBe(before + 1);
}

describe("issue 11 defect 6: refreshing the session", () => {
  it("reloading while a token refresh is in flight never signs the patient out, now or later", async () => {
    const page = await context.newPage();
    await signIn(page, "session");
    await reloadSignedIn(page, "E2e Session");

    // Each refresh is forwarded to the server (which spends the token and issues the next), but
    // while `hold` is on its answer — carrying the new cookie — is held back, and the page
    // reloads before it lands: the browser still holds the token the server has just spent.
    let hold = false;
    let forwarded: () => void = () => undefined;
    const handler = async (route: Route) => {
      const req = route.request();
      const headers = await req.allHeaders();
      const res = await fetch(req.url(), {
        method: "POST",
        headers: {
          cookie: headers.cookie ?? "",
          origin: headers.origin ?? new URL(base()).origin,
          "user-agent": headers["user-agent"] ?? "",
        },
      });
      const body = await res.text();
      const answer = {
        status: res.status,
        headers: {
          "content-type": res.headers.get("content-type") ?? "application/json",
          "set-cookie": res.headers.getSetCookie().join("\n"),
        },
        body,
      };
      if (hold) {
        forwarded();
        await sleep(3_000);
      }
      // Lost when the page has gone meanwhile, as a response is when its page reloads.
      await route.fulfill(answer).catch(() => undefined);
    };
    await page.route(REFRESH, handler);
    try {
      for (let i = 0; i < 10; i++) {
        hold = true;
        const spent = new Promise<void>((resolve) => {
          forwarded = resolve;
        });
        await page.reload();
        await spent;
        hold = false;
        await reloadSignedIn(page, "E2e Session");
      }
      // Several lost answers in a row, each reload presenting the same spent token again.
      hold = true;
      for (let i = 0; i < 3; i++) {
        const spent = new Promise<void>((resolve) => {
          forwarded = resolve;
        });
        await page.reload();
        await spent;
      }
      hold = false;
      await reloadSignedIn(page, "E2e Session");
    } finally {
      await page.unroute(REFRESH, handler);
    }
    // Long after the grace window, the token this browser now holds is still good: nothing
    // that was lost is ever presented as theft.
    await sleep((REFRESH_GRACE_SECONDS + 1) * 1000);
    await reloadSignedIn(page, "E2e Session");
    await page.close();
  });

  it("a refresh the service cannot answer (503, or no network) keeps the patient in the app, offline", async () => {
    const page = await context.newPage();
    await signIn(page, "session");
    await expectSignedIn(page, "E2e Session");
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);

    for (const failure of ["503", "network"] as const) {
      const unavailable = (route: Route) =>
        failure === "503"
          ? route.fulfill({
              status: 503,
              contentType: "application/json",
              body: JSON.stringify({ error: { code: "INTERNAL", message: "Unavailable", requestId: "x" } }),
            })
          : route.abort("internetdisconnected");
      await page.route(REFRESH, unavailable);
      try {
        await page.reload();
        await expectSignedIn(page, "E2e Session");
        await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);
        await saveCheckIn(page, `written while refresh fails (${failure})`);
        // The sync engine keeps trying; the patient is never sent to the sign-in screen.
        await page.evaluate(() => window.dispatchEvent(new Event("online")));
        await sleep(1_500);
        await expectSignedIn(page, "E2e Session");
      } finally {
        await page.unroute(REFRESH, unavailable);
      }
      // Back: the same session refreshes and the waiting change syncs.
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
      await expectSignedIn(page, "E2e Session");
      expect(await outbox(page)).toBe(0);
    }

    // Mid-session: the access token is refused (as when it expires) and the refresh gets a 503.
    let refused = false;
    const expired = (route: Route) => {
      if (refused) return route.fallback();
      refused = true;
      return route.fulfill({
        status: 401,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "TOKEN_INVALID", message: "Expired", requestId: "x" } }),
      });
    };
    const unavailable = (route: Route) => route.fulfill({ status: 503, body: "" });
    await page.route("**/api/v1/sync/**", expired);
    await page.route(REFRESH, unavailable);
    try {
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await expect.poll(() => refused).toBe(true);
      await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);
      await expectSignedIn(page, "E2e Session");
    } finally {
      await page.unroute("**/api/v1/sync/**", expired);
      await page.unroute(REFRESH, unavailable);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
    await expectSignedIn(page, "E2e Session");
    await page.close();
  });
});

describe("issue 11 defect 9: signing out with unsynced changes", () => {
  it("warns with the count, offers to sync first, and discards only on an explicit confirmation", async () => {
    const page = await context.newPage();
    await signIn(page, "signout");
    await expectSignedIn(page, "E2e Signout");
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    // Installed, as the patient's app is before they go offline: the service worker controls the
    // page, so its first activation cannot land in the middle of the steps below.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    const dialog = page.getByRole("dialog", { name: /unsynced changes/i });

    await context.setOffline(true);
    try {
      await saveCheckIn(page, "first unsynced note");
      await saveCheckIn(page, "second unsynced note");
      await expect.poll(() => outbox(page)).toBe(2);

      await pressSignOut(page);
      await expect.poll(() => dialog.textContent()).toMatch(/2 changes/);
      await checkScreen(page, "sign-out-unsynced");
      // Staying keeps everything.
      await dialog.getByRole("button", { name: "Stay signed in" }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      await expectSignedIn(page, "E2e Signout");
      expect(await outbox(page)).toBe(2);

      // Sync now, offline: the changes cannot go yet, and the patient is told so.
      await pressSignOut(page);
      await dialog.getByRole("button", { name: "Sync now" }).click();
      await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toMatch(/cannot be reached/i);
      expect(await outbox(page)).toBe(2);
    } finally {
      await context.setOffline(false);
    }
    // Online, Sync now sends them; then signing out loses nothing.
    await dialog.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => dialog.textContent(), { timeout: 30_000 }).toMatch(/all your changes are synced/i);
    expect(await outbox(page)).toBe(0);
    const server = await request.newContext();
    const token = await apiToken(server, "signout");
    const moods = await apiGet<{ items: { note: string | null }[] }>(server, token, "/moods?limit=10");
    expect(moods.items.map((m) => m.note)).toEqual(
      expect.arrayContaining(["first unsynced note", "second unsynced note"]),
    );
    await dialog.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);

    // Discarding takes its own, explicit confirmation.
    await signIn(page, "signout");
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    await context.setOffline(true);
    try {
      await saveCheckIn(page, "discarded note");
      await pressSignOut(page);
      await expect.poll(() => dialog.textContent()).toMatch(/1 change\b/);
      expect(await outbox(page)).toBe(1);
      await dialog.getByRole("button", { name: "Discard 1 change and sign out" }).click();
      await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
      expect(await storeCounts(page, ["entities", "outbox", "meta"])).toEqual([0, 0, 0]);
    } finally {
      await context.setOffline(false);
    }
    const after = await apiGet<{ items: { note: string | null }[] }>(server, token, "/moods?limit=10");
    expect(after.items.map((m) => m.note)).not.toContain("discarded note");
    await server.dispose();

    // Nothing waiting: signing out asks nothing.
    await signIn(page, "signout");
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    await pressSignOut(page);
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
    await page.close();
  });

  it("a session that expires says why at sign-in, keeps the unsynced changes, and syncs them after signing in again", async () => {
    const page = await context.newPage();
    await signIn(page, "session-end");
    await expectSignedIn(page, "E2e Session-end");
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);

    const server = await request.newContext();
    const token = await apiToken(server, "session-end");
    await context.setOffline(true);
    let undo: () => Promise<void> = async () => {};
    try {
      await saveCheckIn(page, "kept through a session end");
      await expect.poll(() => outbox(page)).toBe(1);
      // Meanwhile the session expires. (Signed out from another device is a revocation, which
      // wipes the device: tests/e2e/device-lock.test.ts.)
      undo = await expireSession(page);
    } finally {
      await context.setOffline(false);
    }

    // Back online, the next sync finds the session gone: the sign-in screen says why.
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count(), { timeout: 20_000 }).toBe(1);
    const ended = page.getByTestId("session-ended");
    await expect.poll(() => ended.textContent()).toMatch(/your session expired/i);
    await expect
      .poll(() => page.getByTestId("unsynced-safe").textContent())
      .toMatch(/your 1 unsynced change is safe on this device and will sync after you sign in/i);
    expect(await outbox(page)).toBe(1);
    await checkScreen(page, "sign-in-session-ended");
    // A reload does not lose them either, and still says so.
    await page.reload();
    await expect.poll(() => page.getByTestId("unsynced-safe").textContent()).toMatch(/1 unsynced change is safe/i);
    await undo();

    // Signing in again as the same patient sends them.
    await page.getByLabel("Email").fill(e2eEmail("session-end"));
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectSignedIn(page, "E2e Session-end");
    await expect.poll(() => outbox(page), { timeout: 30_000 }).toBe(0);
    const moods = await apiGet<{ items: { note: string | null }[] }>(server, token, "/moods?limit=10");
    expect(moods.items.map((m) => m.note)).toContain("kept through a session end");
    await server.dispose();
    await pressSignOut(page);
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
    await page.close();
  }, 120_000);
});
