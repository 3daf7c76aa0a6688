/**
 * Issue 13, item 5 in real Chromium: a clinician an admin has just created signs in with the
 * password and lands on two-factor set-up, with nothing else of the app reachable; sets it up
 * with an authenticator (the key read off the screen), saves the recovery codes, and only then
 * gets into the app. The next sign-in asks for the code, and Settings offers no way to turn it off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hotp, totpStep } from "../../worker/auth/totp";
import { DEMO_PASSWORD } from "../../worker/scripts/demo-data";
import { apiToken, type Browser, base, checkScreen, launchBrowser, openScreen, signOut } from "./browser";
import { stackNow } from "./stack-clock";

let browser: Browser;
let email: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken(browser.context.request, "admin@demo.haven");
  email = `new-clinician-${crypto.randomUUID().slice(0, 8)}@example.org`;
  const res = await fetch(`${base()}/api/v1/admin/users`, {
    method: "POST",
    headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
    body: JSON.stringify({ email, displayName: "Dr Firstday", role: "clinician", password: DEMO_PASSWORD }),
  });
  expect(res.status, await res.text()).toBe(201);
}, 180_000);

afterAll(() => browser?.close());

const codeFor = (secret: string, offset = 0) => hotp(secret, totpStep(stackNow()) + offset);

describe("mandatory two-factor sign-in for staff", () => {
  it("a new clinician sets it up at first sign-in before anything else opens", async () => {
    const page = await browser.context.newPage();
    await page.goto(base());
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    const heading = page.getByRole("heading", { name: "Set up two-factor sign-in", level: 2 });
    await heading.waitFor();
    // Nothing of the app is there: no navigation, no screens.
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    expect(await page.getByTestId("welcome").count()).toBe(0);
    await checkScreen(page, "staff-mfa-required");

    // Going somewhere else by address lands on the same screen.
    await page.goto(`${base()}/messages`);
    await heading.waitFor();

    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel("6-digit code the app shows").fill(await codeFor(secret));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    // The codes stay on screen until saved, though 2FA is on already.
    await heading.waitFor();
    await checkScreen(page, "staff-mfa-recovery-codes");
    await page.getByRole("button", { name: "I have saved these" }).click();
    await page.getByTestId("welcome").waitFor();

    // Their account (the care team's app has no patient Settings): on, and no form to turn it off.
    await openScreen(page, "Account");
    await expect.poll(() => page.getByTestId("twofa-state").textContent()).toMatch(/is on/);
    expect(await page.getByRole("button", { name: "Turn off two-factor sign-in" }).count()).toBe(0);
    await expect.poll(() => page.getByText(/staff accounts always use it/i).count()).toBe(1);

    // The next sign-in asks for the code; the confirmation's step is spent, so the next one.
    await signOut(page);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel(/code from your authenticator app/i).fill(await codeFor(secret, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByTestId("welcome").waitFor();
    await page.close();
  }, 180_000);
});
