/**
 * Real Chromium for the browser tests: Debian's package (installed by .ci/run) driven by
 * playwright-core, with a persistent profile (Chromium never offers to install an app from an
 * incognito one), plus the helpers every screen test needs: sign in, read the server through the
 * API, check accessibility with axe-core, and save screenshots at phone and desktop sizes.
 */
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type APIRequestContext, type BrowserContext, chromium, type Page, type Route } from "playwright-core";
import { expect, inject } from "vitest";
import { mfaRequiredFor } from "../../shared/roles";
import { DEMO_ACCOUNTS } from "../../worker/scripts/demo-data";
import { ROOT } from "../../worker/scripts/lib";
import { E2E_PASSWORD, type E2eAccount, e2eEmail } from "./accounts";
import { stackNow } from "./stack-clock";
import { demoStaffToken, withDemoStaffCode } from "./staff-sign-in";

/** The demo staff accounts: they sign in with a second factor (staff-sign-in.ts). */
function isDemoStaff(email: string): boolean {
  return DEMO_ACCOUNTS.some((a) => a.email === email && mfaRequiredFor(a.role));
}

/** Where CI (.ci/run) and README's set-up put Chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 820, height: 1180 };

/** The running stack's URL (tests/e2e/global-setup.ts). */
export function base(): string {
  return inject("base");
}

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Chromium with a fresh profile. `clock: true` installs Playwright's clock (running on in real
 * time) even at the real hour, for tests that move the page's time forward; at a pinned hour it
 * is always installed, set to the stack's time. `timezoneId` and `locale` set where the device
 * says it is (the help shown before anyone signs in goes by them).
 */
export async function launchBrowser(
  options: { clock?: boolean; timezoneId?: string; locale?: string } = {},
): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), "haven-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: PHONE,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // At a pinned hour the page's clock runs at the stack's hour too. Playwright's clock then runs
  // on in real time, timers included.
  if (options.clock || inject("clockOffsetMs") !== 0) await context.clock.install({ time: stackNow() });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Signs a seeded test patient (or a demo account, by email) in through the sign-in form. Sign-in
 * is limited to 5 a minute per account and 30 per address (every test signs in from this one);
 * when the server refuses, this waits as long as its Retry-After says, as a person would, rather
 * than a fixed guess.
 */
export async function signIn(page: Page, who: E2eAccount | `${string}@${string}`): Promise<void> {
  const email = who.includes("@") ? who : e2eEmail(who as E2eAccount);
  await page.goto(base());
  for (let attempt = 0; ; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"), { timeout: 15_000 });
    await page.getByRole("button", { name: "Sign in" }).click();
    const res = await answer;
    if (res.status() === 429) {
      // Limited (per account, or per address: every test signs in from this one): wait as long
      // as the server says, as a person would, then try again.
      if (attempt >= 3) throw new Error(`${email} stayed rate-limited`);
      await page
        .getByRole("alert")
        .filter({ hasText: /too many attempts/i })
        .waitFor({ timeout: 15_000 });
      await page.waitForTimeout((Number(res.headers()["retry-after"] ?? "20") + 1) * 1000);
      continue;
    }
    if (isDemoStaff(email)) {
      // Staff: the second step, with the demo authenticator's code.
      const codeField = page.getByLabel(/code from your authenticator app/i);
      await codeField.waitFor({ timeout: 15_000 });
      await withDemoStaffCode(async (code) => {
        await codeField.fill(code);
        const verified = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/2fa/verify"));
        await page.getByRole("button", { name: "Verify" }).click();
        return (await verified).ok();
      });
    }
    await page.getByTestId("welcome").waitFor({ timeout: 15_000 });
    return;
  }
}

/** Whether the page is at a phone's width, where the bottom tab bar and More stand in for the side navigation. */
async function isPhone(page: Page): Promise<boolean> {
  return (page.viewportSize()?.width ?? PHONE.width) < 768;
}

/** Opens the phone's More screen from the tab bar (a no-op when already there). */
async function openMore(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^More\b/ })
    .click();
  await page.getByRole("heading", { name: "More", exact: true }).waitFor({ timeout: 15_000 });
}

/**
 * Presses Sign out where it is (under More on a phone, the side navigation's foot on a wide
 * screen) and nothing more: what follows (the unsynced-changes dialog, or the sign-in screen) is
 * the caller's to check.
 */
export async function pressSignOut(page: Page): Promise<void> {
  // The patient app on a phone keeps Sign out under More; the care team's app has no More.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.waitFor({ timeout: 15_000 });
  if ((await isPhone(page)) && (await nav.getByRole("link", { name: /^More\b/ }).count()) > 0) {
    await openMore(page);
    await page.locator(".more-sign-out").getByRole("button", { name: "Sign out" }).click();
  } else {
    await page.getByRole("button", { name: "Sign out" }).click();
  }
}

/**
 * Signs out — under More on a phone, at the foot of the side navigation on a wide screen — and
 * waits until the sign-in screen shows, so the next page in the same browser context starts
 * signed out (closing the page mid-sign-out could leave the session in place). A change still
 * waiting to sync is synced first, never discarded.
 */
export async function signOut(page: Page): Promise<void> {
  await pressSignOut(page);
  const signInHeading = page.getByRole("heading", { name: "Sign in" });
  const dialog = page.getByRole("dialog");
  const outcome = await Promise.race([
    signInHeading.waitFor({ timeout: 20_000 }).then(() => "out" as const),
    dialog.waitFor({ timeout: 20_000 }).then(() => "waiting" as const),
  ]);
  if (outcome === "waiting") {
    await dialog.getByRole("button", { name: "Sync now" }).click();
    await dialog.getByText("All your changes are synced").waitFor({ timeout: 20_000 });
    await dialog.getByRole("button", { name: "Sign out" }).click();
    await signInHeading.waitFor({ timeout: 20_000 });
  }
}

/**
 * Follows an in-app link from the navigation (or the crisis button) by its visible name. A name
 * given as text matches exactly, or with the unread badge the link may carry ("Messages, 2 unread").
 * On a phone a screen that is not a tab (Habits, Messages, Settings…) is reached through More.
 */
export async function openScreen(page: Page, name: string | RegExp): Promise<void> {
  const literal = typeof name === "string" ? name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : "";
  const exactly = typeof name === "string" ? new RegExp(`^${literal}( ?, \\d+ unread)?$`) : name;
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.waitFor({ timeout: 15_000 });
  const inNav = nav.getByRole("link", { name: exactly });
  if ((await inNav.count()) > 0) {
    await inNav.first().click();
    return;
  }
  if (await isPhone(page)) {
    await openMore(page);
    await page.locator(".more-list").getByRole("link", { name: exactly }).click();
    return;
  }
  await inNav.click();
}

/** An access token for checking the server's state through the API, as the tests' own client. */
export async function apiToken(
  request: APIRequestContext,
  who: E2eAccount | `${string}@${string}`,
  password = E2E_PASSWORD,
): Promise<string> {
  const email = who.includes("@") ? who : e2eEmail(who as E2eAccount);
  if (isDemoStaff(email)) return demoStaffToken(base(), email, password);
  let res = await request.post(`${base()}/api/v1/auth/login`, { data: { email, password } });
  // The per-account sign-in limit (5 a minute): wait as long as the server says, up to twice.
  for (let attempt = 0; res.status() === 429 && attempt < 2; attempt++) {
    await new Promise((r) => setTimeout(r, (Number(res.headers()["retry-after"] ?? "20") + 1) * 1000));
    res = await request.post(`${base()}/api/v1/auth/login`, { data: { email, password } });
  }
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** GET through the API with a token; the parsed JSON body. */
export async function apiGet<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const res = await request.get(`${base()}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/**
 * Signs out every session of the token's user except the token's own, as "sign out other
 * devices" does from another device: the browser's session ends on its next request.
 */
export async function endOtherSessions(request: APIRequestContext, token: string): Promise<void> {
  const sessions = await apiGet<{ items: { id: string; current: boolean }[] }>(request, token, "/auth/sessions");
  for (const s of sessions.items.filter((s) => !s.current)) {
    const res = await request.delete(`${base()}/api/v1/auth/sessions/${s.id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status()).toBe(204);
  }
}

/**
 * Makes the page see its session EXPIRE (idle past 7 days, or past 30), as the server answers it:
 * every API call but sign-in and health is refused `401 SESSION_REVOKED`, a refresh
 * `401 REFRESH_INVALID`. (A real expiry needs days; tests/worker/device-signed-out.test.ts checks
 * the server answers so. Signing out elsewhere is a revocation instead, DEVICE_SIGNED_OUT, which
 * wipes the device.) Returns the undo.
 */
export async function expireSession(page: Page): Promise<() => Promise<void>> {
  const pattern = "**/api/v1/**";
  const handler = (route: Route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/api/v1/auth/login" || path === "/api/v1/health") return route.continue();
    const code = path === "/api/v1/auth/refresh" ? "REFRESH_INVALID" : "SESSION_REVOKED";
    return route.fulfill({
      status: 401,
      contentType: "application/json",
      body: JSON.stringify({ error: { code, message: "Your session has ended.", requestId: "e2e" } }),
    });
  };
  await page.route(pattern, handler);
  return () => page.unroute(pattern, handler);
}

let axeSource: string | null = null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page as it is and fails on any serious or
 * critical violation. axe is evaluated through the DevTools protocol, which the app's strict
 * CSP does not apply to, so the product's CSP stays as it is.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Both themes follow the system setting: each is checked (issue 19), and the page is left light.
  await page.emulateMedia({ colorScheme: "light" });
  await axeCheck(page, screen);
  await page.emulateMedia({ colorScheme: "dark" });
  await axeCheck(page, `${screen} (dark)`);
  await page.emulateMedia({ colorScheme: "light" });
}

async function axeCheck(page: Page, screen: string): Promise<void> {
  axeSource ??= await readFile(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target),
    }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${screen}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** Screenshots at phone and desktop sizes, light and dark (`-dark`), into tests/e2e/artifacts/ (gitignored; CI keeps them). */
export async function screenshots(page: Page, name: string): Promise<void> {
  const dir = join(ROOT, "tests/e2e/artifacts");
  await mkdir(dir, { recursive: true });
  const size = page.viewportSize() ?? PHONE;
  for (const [suffix, scheme] of [
    ["", "light"],
    ["-dark", "dark"],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: join(dir, `${name}-phone${suffix}.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: join(dir, `${name}-desktop${suffix}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(size);
}

/** Checks a screen the way every screen test should: accessible, and photographed at both sizes. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${name} (desktop)`);
  await page.setViewportSize(PHONE);
  await screenshots(page, name);
}

/**
 * Checks a care-team screen (desktop first, works on tablets): accessible at desktop and tablet
 * sizes, and photographed at both (`<name>-desktop.png`, `<name>-tablet.png`). Leaves the page
 * at the desktop size.
 */
export async function checkCareScreen(page: Page, name: string): Promise<void> {
  const dir = join(ROOT, "tests/e2e/artifacts");
  await mkdir(dir, { recursive: true });
  for (const [size, viewport] of [
    ["tablet", TABLET],
    ["desktop", DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await expectAccessible(page, `${name} (${size})`);
    await page.screenshot({ path: join(dir, `${name}-${size}.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(dir, `${name}-${size}-dark.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
  }
}

/**
 * How many rows each named store of the app's IndexedDB holds, read beside the app (the
 * connection closes at once: an open one would block the app's own upgrades and deletes).
 */
export function storeCounts(page: Page, stores: string[]): Promise<number[]> {
  return page.evaluate(
    (names) =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open("haven");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(names);
          const counts = names.map(() => -1);
          names.forEach((name, i) => {
            const req = tx.objectStore(name).count();
            req.onsuccess = () => {
              counts[i] = req.result;
            };
          });
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
        };
      }),
    stores,
  );
}

/**
 * A newly registered patient meets the first-run flow (issue 19): skips it with "Skip for now"
 * when it shows, and returns once the signed-in app is up (the `welcome` greeting).
 */
export async function skipOnboarding(page: Page): Promise<void> {
  const flow = page.getByTestId("onboarding");
  const app = page.getByTestId("welcome");
  await flow.or(app).first().waitFor({ timeout: 15_000 });
  if (await flow.isVisible()) {
    await page.getByRole("button", { name: "Skip for now" }).click();
    await flow.waitFor({ state: "detached", timeout: 15_000 });
  }
  await app.waitFor({ timeout: 15_000 });
}
