/**
 * The PWA shell in real Chromium (Debian's, driven by playwright-core), served by `npm start`:
 * installable (the browser's own installability check), controlled by its service worker, and
 * able to open with the network gone.
 */
import { type BrowserContext, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiToken,
  type Browser,
  base,
  checkScreen,
  launchBrowser,
  openScreen,
  signIn,
  signOut,
  skipOnboarding,
  storeCounts,
} from "./browser";

let browser: Browser;
let context: BrowserContext;
const stack = {
  get base() {
    return base();
  },
};

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
}, 60_000);

afterAll(() => browser?.close());

describe("the PWA shell", () => {
  it("is installable: a manifest with name, icons 192/512/maskable, standalone display, and no installability errors", async () => {
    const page = await context.newPage();
    await page.goto(stack.base);
    const manifest = (await (await page.request.get(`${stack.base}/manifest.webmanifest`)).json()) as {
      name: string;
      short_name: string;
      display: string;
      start_url: string;
      scope: string;
      theme_color: string;
      background_color: string;
      icons: { sizes: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({
      name: "Haven",
      short_name: "Haven",
      display: "standalone",
      start_url: "/",
      scope: "/",
    });
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
    ]);
    for (const icon of ["/icons/icon-192.png", "/icons/icon-512.png", "/icons/maskable-512.png"]) {
      const res = await page.request.get(`${stack.base}${icon}`);
      expect(res.status(), icon).toBe(200);
      expect(res.headers()["content-type"]).toBe("image/png");
    }
    // Installability needs an active service worker with a fetch handler.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
    await page.close();
  });

  it("is served with its strict CSP and shows the API's health, with no console errors", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    const res = await page.goto(stack.base);
    expect(res?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    // The health check ran and found the service up; a patient is not shown developer details (issue 19).
    await expect.poll(() => page.getByTestId("api-status").getAttribute("data-health")).toBe("ok");
    expect(await page.getByTestId("api-status").textContent()).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens offline from the service worker's precache, saying plainly that the service cannot be reached", async () => {
    const page = await context.newPage();
    await page.goto(stack.base);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Reload once so the page is controlled by the worker, then cut the network.
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Haven");
      await expect.poll(() => page.getByTestId("api-status").textContent()).toMatch(/cannot be reached/);
      // A deep link works offline too (the navigation fallback serves the shell).
      await page.goto(`${stack.base}/quests/anything`);
      expect(await page.locator("h1").textContent()).toBe("Haven");
    } finally {
      await context.setOffline(false);
      await page.close();
    }
  });
});

describe("creating an account", () => {
  it("registers a new patient from the sign-in screen, refusing a short password first", async () => {
    const page = await context.newPage();
    await page.goto(stack.base);
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
    await checkScreen(page, "sign-in");
    await page.getByRole("button", { name: "Create an account" }).click();
    await checkScreen(page, "register");
    const email = `new-${Date.now().toString(36)}@example.org`;
    await page.getByLabel("Your name").fill("Robin New");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^Password/).fill("too short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/12 to 128 characters/);
    await page.getByLabel(/^Password/).fill("a long and gentle passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    // A new patient meets the first-run flow first (issue 19; its own test: onboarding.test.ts).
    await skipOnboarding(page);
    await expect.poll(() => page.getByTestId("welcome").textContent(), { timeout: 15_000 }).toBe("Welcome, Robin New");
    // Checked through the tests' own client (not the page's cookie jar, which holds the app's session).
    const server = await request.newContext();
    const token = await apiToken(server, email as `${string}@${string}`, "a long and gentle passphrase");
    const me = await server.get(`${stack.base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { user: { role: string } }).user).toMatchObject({ role: "patient" });
    await server.dispose();
    // Sign out lives under More on a phone (issue 19).
    await openScreen(page, "More");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
    await page.close();
  });
});

describe("signing in", () => {
  it("refuses a wrong password with a readable message, then signs a patient in and out", async () => {
    const page = await context.newPage();
    await page.goto(stack.base);
    await page.getByLabel("Email").fill("signin@e2e.haven");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/email or password is not correct/i);
    await page.getByLabel("Password").fill("haven-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("welcome").textContent()).toBe("Welcome, E2e Signin");
    // The access token lives in memory only; a reload resumes the session from the HttpOnly cookie.
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toMatch(/eyJ/);
    await page.reload();
    await expect.poll(() => page.getByTestId("welcome").textContent()).toBe("Welcome, E2e Signin");
    // Sign out lives under More on a phone (issue 19).
    await openScreen(page, "More");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).isVisible()).toBe(true);
    await page.close();
  });
});

describe("signing out offline", () => {
  it("still forgets everything on the device, though the server cannot be told", async () => {
    const page = await context.newPage();
    await signIn(page, "shell");
    await page.getByLabel("Note (optional)").fill("before signing out");
    await context.setOffline(true);
    try {
      await page.getByRole("button", { name: "Save check-in" }).click();
      await expect.poll(() => page.getByTestId("moods").textContent()).toContain("waiting to sync");
      // Sign out lives under More on a phone (issue 19).
      await openScreen(page, "More");
      await page.getByRole("button", { name: "Sign out" }).click();
      // A change is still waiting: discarding it takes its own confirmation (issue 11, defect 9).
      await page.getByRole("dialog").getByRole("button", { name: "Discard 1 change and sign out" }).click();
      await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
      const stores = await storeCounts(page, ["entities", "outbox", "meta"]);
      expect(stores).toEqual([0, 0, 0]);
      // Reopened offline, the app does not come back signed in.
      await page.reload();
      await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
    } finally {
      await context.setOffline(false);
    }
    await page.close();
  });
});

describe("a full disk", () => {
  it("is shown to the patient, not swallowed (nor shown as offline when a sync hits it), nothing is half-saved, and the notice goes once a write succeeds", async () => {
    const page = await context.newPage();
    await signIn(page, "shell");
    await expect.poll(() => page.getByTestId("moods").count()).toBe(1);
    const before = await page.getByTestId("moods").locator("li").count();
    // A browser cannot be made to run out of disk on demand (Chromium's quota override does not
    // stop small IndexedDB writes), so IndexedDB is made to answer exactly as a full disk does.
    const fill = () =>
      page.evaluate(() => {
        const w = window as unknown as { realIdb?: { add: unknown; put: unknown } };
        w.realIdb ??= { add: IDBObjectStore.prototype.add, put: IDBObjectStore.prototype.put };
        const full = () => {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
        IDBObjectStore.prototype.add = full;
        IDBObjectStore.prototype.put = full;
      });
    const freeSpace = () =>
      page.evaluate(() => {
        const real = (
          window as unknown as {
            realIdb: { add: typeof IDBObjectStore.prototype.add; put: typeof IDBObjectStore.prototype.put };
          }
        ).realIdb;
        IDBObjectStore.prototype.add = real.add;
        IDBObjectStore.prototype.put = real.put;
      });
    await fill();
    await page.getByRole("button", { name: "Save check-in" }).click();
    await expect.poll(() => page.getByTestId("storage-warning").textContent()).toMatch(/out of storage space/);
    // The check-in and its outbox entry are written together or not at all.
    expect(await page.getByTestId("moods").locator("li").count()).toBe(before);
    const [outbox] = await storeCounts(page, ["outbox"]);
    expect(outbox).toBe(0);
    // Space is freed and the next write goes through: the notice is over.
    await freeSpace();
    await page.getByRole("button", { name: "Save check-in" }).click();
    await expect
      .poll(async () => (await page.getByTestId("storage-warning").allTextContents()).join(" "))
      .not.toMatch(/out of storage space/);
    // A sync that cannot store what it pulls says so; it is not "offline" (issue 11, defect 12).
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    await fill();
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByTestId("storage-warning").textContent()).toMatch(/out of storage space/);
    expect(await page.getByTestId("sync-banner").count()).toBe(0);
    await freeSpace();
    await page.reload();
    await page.getByTestId("welcome").waitFor({ timeout: 15_000 });
    await signOut(page);
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count()).toBe(1);
    await page.close();
  });
});

describe("writing offline", () => {
  it("saves a check-in on the device while offline, keeps it across a reload, and syncs it when back online", async () => {
    const page = await context.newPage();
    await page.goto(stack.base);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await signIn(page, "offline-ny");
    await expect.poll(() => page.getByTestId("welcome").textContent()).toBe("Welcome, E2e Offline-ny");
    // The first pull fills the cache with the demo history.
    await expect.poll(() => page.getByTestId("moods").locator("li").count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await context.setOffline(true);
    try {
      await page.getByRole("button", { name: "Save check-in" }).click();
      await expect.poll(() => page.getByTestId("moods").textContent()).toContain("waiting to sync");
      await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);
      await expect.poll(() => page.getByTestId("sync-banner").textContent()).toMatch(/1 change waiting to sync/);
      // Closing and reopening the app offline loses nothing (IndexedDB + the precached shell).
      await page.reload();
      await expect.poll(() => page.getByTestId("moods").textContent()).toContain("waiting to sync");
    } finally {
      await context.setOffline(false);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect
      .poll(() => page.getByTestId("moods").textContent(), { timeout: 20_000 })
      .not.toContain("waiting to sync");
    await expect.poll(async () => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
    // The server has it, dated when it was written (offline), not when it synced.
    // (Through the tests' own client: the page's cookie jar holds the app's session.)
    const server = await request.newContext();
    const accessToken = await apiToken(server, "offline-ny");
    const moods = await server.get(`${stack.base}/api/v1/moods?limit=1`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    const [latest] = ((await moods.json()) as { items: { at: string }[] }).items;
    await server.dispose();
    expect(Date.now() - Date.parse(latest?.at ?? "")).toBeLessThan(120_000);
    // Signing out wipes this device's copy: nothing of the patient's is left in IndexedDB.
    // Sign out lives under More on a phone (issue 19).
    await openScreen(page, "More");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).isVisible()).toBe(true);
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open("haven");
          open.onsuccess = () => {
            const names = [...open.result.objectStoreNames];
            if (!names.includes("entities")) return resolve(0);
            const count = open.result.transaction("entities").objectStore("entities").count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
    expect(left).toBe(0);
    await page.close();
  });
});

describe("a phone whose clock runs 10 minutes fast", () => {
  it("keeps the check-in written before the clock was measured (late, earning nothing, and says so), tells the patient the clock is wrong, and stamps later writes with the right time", async () => {
    const page = await context.newPage();
    await signIn(page, "offline-ny");
    await expect.poll(() => page.getByTestId("welcome").textContent()).toBe("Welcome, E2e Offline-ny");
    await expect.poll(() => page.getByTestId("moods").locator("li").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const accessToken = await apiToken(page.request, "offline-ny");
    // Moods on the server from the last hour on (the seeded history lies further back).
    const since = new Date(Date.now() - 3600_000).toISOString();
    const serverMoods = async () =>
      (
        (await (
          await page.request.get(`${base()}/api/v1/moods?limit=100&from=${encodeURIComponent(since)}`, {
            headers: { Authorization: `Bearer ${accessToken}` },
          })
        ).json()) as { items: unknown[] }
      ).items.length;
    const onServer = await serverMoods();
    // The clock jumps 10 minutes ahead after the last measurement: the next write is stamped
    // "from the future", outside the window. It used to be refused and deleted.
    try {
      await page.clock.setFixedTime(new Date(Date.now() + 10 * 60_000));
      await page.getByRole("button", { name: "Save check-in" }).click();
      await expect.poll(() => page.getByTestId("notice").textContent(), { timeout: 20_000 }).toMatch(/Saved, but/);
      await expect.poll(serverMoods, { timeout: 20_000 }).toBe(onServer + 1);
      expect(await page.getByTestId("moods").textContent()).not.toMatch(/not saved/);
      // The sync measured the clock: the patient is told, and the next write is corrected.
      await expect
        .poll(() => page.getByTestId("clock-warning").textContent(), { timeout: 20_000 })
        .toMatch(/10 minutes ahead/);
      await page.evaluate(() => window.scrollTo(0, 0));
      await checkScreen(page, "clock-warning-and-late-notice");
      await page.getByRole("button", { name: "Dismiss" }).click();
      await expect.poll(() => page.getByTestId("notice").count()).toBe(0);
      await page.getByRole("button", { name: "Save check-in" }).click();
      await expect.poll(serverMoods, { timeout: 20_000 }).toBe(onServer + 2);
      await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 20_000 }).toBe(0);
      expect(await page.getByTestId("notice").count()).toBe(0);
    } finally {
      // The clock belongs to the whole browser context: put it back to real time for later tests.
      await page.clock.setSystemTime(new Date());
      await page.clock.resume();
    }
    // Sign out lives under More on a phone (issue 19).
    await openScreen(page, "More");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).isVisible()).toBe(true);
    await page.close();
  });
});

describe("today's habits", () => {
  it("complete with one tap and undo, each shown at once and confirmed by the server", async () => {
    const page = await context.newPage();
    const email = "sanctum@e2e.haven";
    const password = "haven-demo-2026";
    const accessToken = await apiToken(page.request, email);
    const auth = { Authorization: `Bearer ${accessToken}` };
    await page.request.post(`${stack.base}/api/v1/habits`, {
      headers: auth,
      data: { name: "Stretch", difficulty: "medium", schedule: { type: "daily", perDay: 2 } },
    });
    const progress = async () =>
      ((await (await page.request.get(`${stack.base}/api/v1/progress`, { headers: auth })).json()) as { xp: number })
        .xp;

    await page.goto(stack.base);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const row = page.getByTestId("habits").locator("li", { hasText: "Stretch" });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain("0/2");
    await page.getByRole("button", { name: "Done: Stretch" }).click();
    await expect.poll(() => row.textContent()).toContain("1/2");
    await expect.poll(progress, { timeout: 20_000 }).toBe(15);
    await expect.poll(() => row.textContent()).not.toContain("waiting to sync");
    await page.getByRole("button", { name: "Undo: Stretch" }).click();
    await expect.poll(() => row.textContent()).toContain("0/2");
    await expect.poll(progress, { timeout: 20_000 }).toBe(0);
    await signOut(page);
    await page.close();
  });
});
