/**
 * The Settings screen in real Chromium: profile (the header follows), consent, two-factor sign-in
 * from enrolment to a signed-in second step and back off, sessions, export, offline behaviour,
 * and deleting the account, each checked against the server through the API.
 */
import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECOVERY_CODE_COUNT, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "../../shared/limits";
import type { PublicUser } from "../../shared/schemas/auth";
import { E2E_PASSWORD, e2eEmail } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  expectAccessible,
  launchBrowser,
  openScreen,
  screenshots,
  signIn,
  signOut,
} from "./browser";

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
}, 60_000);

afterAll(() => browser?.close());

/**
 * The TOTP code (RFC 6238: HMAC-SHA1 over the time step, dynamic truncation) an authenticator
 * app would show for `secret` at `step`, written here independently of the Worker's own.
 */
function totp(secret: string, step: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...secret.toUpperCase()].map((ch) => alphabet.indexOf(ch).toString(2).padStart(5, "0")).join("");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = (mac.at(-1) ?? 0) & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, "0");
}

const stepNow = () => Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);

/** Rows left in every object store of the app's IndexedDB database. */
function localRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("haven");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          // Closed at once: an open connection would hold up the app's own deletion of the database.
          const done = (total: number) => {
            idb.close();
            resolve(total);
          };
          const names = [...idb.objectStoreNames];
          if (names.length === 0) return done(0);
          const tx = idb.transaction(names);
          let total = 0;
          let left = names.length;
          for (const name of names) {
            const count = tx.objectStore(name).count();
            count.onsuccess = () => {
              total += count.result;
              if (--left === 0) done(total);
            };
          }
        };
      }),
  );
}

async function me(page: Page, token: string): Promise<PublicUser> {
  return (await apiGet<{ user: PublicUser }>(page.request, token, "/me")).user;
}

describe("the Settings screen", () => {
  it("changes the profile and consent, turns two-factor sign-in on and off, lists sessions, exports, and says when it is offline", async () => {
    const page = await context.newPage();
    await signIn(page, "settings");
    const token = await apiToken(page.request, "settings");
    await openScreen(page, "Settings");
    await expect.poll(() => page.getByTestId("screen-title").textContent()).toBe("Settings");

    // Profile: the header greets the new name at once, and the server has all three fields.
    await page.getByLabel("Display name").fill("Robin Settings");
    await page.getByLabel("Time zone").selectOption("America/New_York");
    await page.getByLabel("My day starts at").selectOption("6");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect.poll(() => page.getByTestId("welcome").textContent()).toBe("Welcome, Robin Settings");
    await expect.poll(() => page.getByTestId("profile-done").textContent()).toMatch(/saved/);
    expect(await me(page, token)).toMatchObject({
      displayName: "Robin Settings",
      timezone: "America/New_York",
      dayStartHour: 6,
    });

    // Consent: off by default; turning the companion on reaches the server, research stays off.
    const companion = page.getByLabel("Chat with the AI companion");
    const research = page.getByLabel("Donate de-identified data for research");
    expect(await companion.isChecked()).toBe(false);
    expect(await research.isChecked()).toBe(false);
    await companion.check();
    await expect.poll(async () => (await me(page, token)).consent).toEqual({ companion: true, research: false });
    await expect.poll(() => companion.isChecked()).toBe(true);
    await expect.poll(() => companion.isEnabled()).toBe(true);

    // Sessions: this device is marked, and the tests' own API sign-in is listed too.
    await expect.poll(() => page.getByTestId("sessions").locator("li").count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId("this-device").count()).toBe(1);

    // Export: the JSON file is downloaded (Blob + object URL) and holds this patient's data.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download Everything (JSON)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("haven-export.json");
    const exported = await readFile(await download.path(), "utf8");
    expect(exported).toContain(e2eEmail("settings"));
    expect((JSON.parse(exported) as { user: PublicUser }).user.displayName).toBe("Robin Settings");
    await expect.poll(() => page.getByTestId("export-status").textContent()).toMatch(/Downloaded haven-export\.json/);

    // Two-factor sign-in takes the password first (issue 13, item 5): a wrong one is refused and
    // nothing is set up. Then the QR code and the key for manual entry; a code computed here from
    // that key (RFC 6238, the Worker's own implementation) turns it on.
    const twoFactor = page.getByRole("region", { name: "Two-factor sign-in" });
    const twoFactorCalls: string[] = [];
    page.on("request", (req) => {
      const path = new URL(req.url()).pathname;
      if (path.startsWith("/api/v1/auth/2fa/")) twoFactorCalls.push(path.slice("/api/v1/auth/2fa/".length));
    });
    await twoFactor.getByLabel("Password").fill("not my password at all");
    await twoFactor.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await expect.poll(() => page.getByTestId("twofa-error").textContent()).toMatch(/password/i);
    expect(await page.getByTestId("totp-secret").count()).toBe(0);
    await screenshots(page, "settings-2fa-password");
    await twoFactor.getByLabel("Password").fill(E2E_PASSWORD);
    // A double tap sends one enrolment.
    await twoFactor.getByRole("button", { name: "Set up two-factor sign-in" }).dblclick();
    await expect.poll(() => page.getByTestId("totp-secret").count()).toBe(1);
    expect(twoFactorCalls).toEqual(["enroll", "enroll"]);
    expect(await page.getByRole("img", { name: "QR code for your authenticator app" }).isVisible()).toBe(true);
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshots(page, "settings-2fa-enrol");
    const confirmStep = stepNow();
    await page.getByLabel("6-digit code the app shows").fill(totp(secret, confirmStep));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).dblclick();
    await expect.poll(() => page.getByTestId("recovery-codes").locator("li").count()).toBe(RECOVERY_CODE_COUNT);
    expect(twoFactorCalls).toEqual(["enroll", "enroll", "confirm"]);
    // Every other session ended (here the tests' API sign-in); this one stays, and the patient is told.
    expect(await twoFactor.textContent()).toMatch(/Your other device was signed out/);
    const stolen = await page.request.get(`${base()}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(stolen.status()).toBe(401);
    await expect.poll(() => page.getByTestId("sessions").locator("li").count()).toBe(1);
    await screenshots(page, "settings-2fa-codes");
    const recoveryCode = (await page.getByTestId("recovery-codes").locator("li").first().textContent()) ?? "";
    expect(recoveryCode).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/i);
    await expectAccessible(page, "settings: recovery codes");
    // Copy and Download (issue 19): each says it worked, and the file holds every code shown.
    const shown = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base() });
    await page.getByRole("button", { name: "Copy codes" }).click();
    await expect.poll(() => page.getByTestId("codes-saved").textContent()).toMatch(/^Copied\./);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    for (const code of shown) expect(copied).toContain(code);
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download codes" }).click(),
    ]);
    expect(file.suggestedFilename()).toBe("haven-recovery-codes.txt");
    const text = await readFile(await file.path(), "utf8");
    expect(text.split("\n").filter((line) => /^[a-z0-9]{5}-[a-z0-9]{5}$/i.test(line))).toEqual(shown);
    expect(text).toContain(e2eEmail("settings"));
    await expect.poll(() => page.getByTestId("codes-saved").textContent()).toMatch(/^Downloaded/);
    await page.getByRole("button", { name: "I have saved these" }).click();
    await expect.poll(() => page.getByTestId("twofa-state").textContent()).toMatch(/is on/);
    expect(await page.getByTestId("twofa-done").textContent()).toMatch(/is on\. Your other device was signed out/);

    // Signing in again now takes the second step.
    // Sign out: under More on a phone, in the side navigation on a wide screen (issue 19).
    await signOut(page);
    await page.getByLabel("Email").fill(e2eEmail("settings"));
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const codeField = page.getByLabel("Code from your authenticator app (or a recovery code)");
    await expect.poll(() => codeField.isVisible()).toBe(true);
    // A code is accepted once: use a later time step than the confirmation's (±1 step is allowed).
    await codeField.fill(totp(secret, Math.max(stepNow(), confirmStep + 1)));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect.poll(() => page.getByTestId("welcome").textContent()).toBe("Welcome, Robin Settings");

    // Turning it off takes the password and a code: here one of the recovery codes.
    await openScreen(page, "Settings");
    await expect.poll(() => page.getByTestId("twofa-state").textContent()).toMatch(/is on/);
    await twoFactor.getByLabel("Password").fill(E2E_PASSWORD);
    await twoFactor.getByLabel("Code from the app, or a recovery code").fill(recoveryCode);
    await twoFactor.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
    await expect.poll(() => page.getByTestId("twofa-state").textContent()).toMatch(/is off/);
    // No other session was left to end (the browser's first one signed out above).
    expect(await page.getByTestId("twofa-done").textContent()).toBe(
      "Two-factor sign-in is off. You sign in with your password alone.",
    );
    // A new API sign-in for the checks below: 2FA is off again, so the password alone signs in.
    const again = await apiToken(page.request, "settings");
    expect((await me(page, again)).mfaEnabled).toBe(false);

    // Offline, every action is turned off and the screen says why.
    await context.setOffline(true);
    try {
      await expect.poll(() => page.getByTestId("settings-offline").textContent()).toMatch(/offline/);
      for (const name of [
        "Save profile",
        "Set up two-factor sign-in",
        "Change password",
        "Download Everything (JSON)",
        "Delete my account",
      ]) {
        expect(await page.getByRole("button", { name }).isDisabled(), name).toBe(true);
      }
      expect(await page.getByLabel("Chat with the AI companion").isDisabled()).toBe(true);
    } finally {
      await context.setOffline(false);
    }
    await expect.poll(() => page.getByTestId("settings-offline").count()).toBe(0);
    await expect.poll(() => page.getByRole("button", { name: "Save profile" }).isEnabled()).toBe(true);

    // Back online the list reloads: the earlier browser session was signed out, so the other one
    // is the tests' second API sign-in (after 2FA went off). Signing it out here ends it on the server.
    await expect.poll(() => page.getByTestId("sessions").locator("li").count()).toBe(2);
    expect(await page.getByTestId("this-device").count()).toBe(1);
    await page
      .getByTestId("sessions")
      .getByRole("button", { name: /^Sign out/ })
      .click();
    await expect.poll(() => page.getByTestId("sessions").locator("li").count()).toBe(1);
    const ended = await page.request.get(`${base()}/api/v1/me`, { headers: { Authorization: `Bearer ${again}` } });
    expect(ended.status()).toBe(401);

    await checkScreen(page, "settings");
    // Sign out: under More on a phone, in the side navigation on a wide screen (issue 19).
    await signOut(page);
    await page.close();
  }, 180_000);

  it("deletes the account with the password: back to sign-in, nothing left on the device, and no way back in", async () => {
    // Whatever the test before left behind, this one starts signed out.
    await context.clearCookies();
    const page = await context.newPage();
    await signIn(page, "settings-delete");
    await openScreen(page, "Settings");
    await expect.poll(() => page.getByTestId("screen-title").textContent()).toBe("Settings");
    // The device holds this patient's copy (at least the signed-in user) before the deletion.
    await expect.poll(() => localRows(page)).toBeGreaterThan(0);

    const confirm = page.getByLabel("Type your password to confirm");
    await confirm.fill("not my password at all");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect
      .poll(() => page.getByRole("region", { name: "Delete my account" }).getByRole("alert").textContent())
      .toMatch(/password/i);
    expect(await page.getByTestId("welcome").count()).toBe(1);

    await confirm.fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId("welcome").count()).toBe(0);
    // The sign-in screen says plainly that it is done (issue 19).
    expect(await page.getByTestId("session-ended").getAttribute("data-reason")).toBe("ACCOUNT_DELETED");
    expect(await page.getByTestId("session-ended").textContent()).toMatch(/Your account and data are deleted/);
    await expect.poll(() => localRows(page)).toBe(0);
    await checkScreen(page, "settings-deleted");

    const login = await page.request.post(`${base()}/api/v1/auth/login`, {
      data: { email: e2eEmail("settings-delete"), password: E2E_PASSWORD },
    });
    expect(login.status()).toBe(401);
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe("INVALID_CREDENTIALS");
    await page.close();
  });
});
