/**
 * Confirming and changing my email address (issue 18, item 2) in real Chromium against
 * `npm start`, with the codes read from the development mailbox: the banner on an unconfirmed
 * account, a new code sent and typed (a wrong one refused first), the banner gone; a change of
 * address in Settings brings the banner back and tells the old address; the email's link
 * confirms signed in, and signed out after signing in first; "Not now" lasts the session.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_PASSWORD, e2eEmail } from "./accounts";
import { type Browser, base, checkScreen, launchBrowser, openScreen, signIn, signOut } from "./browser";
import { linkIn, mailTo } from "./mailbox";

const FIRST = e2eEmail("verify-email");
const SUBJECT = "Confirm your Haven email address";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(() => browser?.close());

/** The newest confirmation code mailed to `address` since `since`, and its link. */
async function codeFor(address: string, since: number): Promise<{ code: string; link: string }> {
  const mails = await mailTo(address, { since, subject: SUBJECT });
  const mail = mails.at(-1);
  if (!mail) throw new Error(`no confirmation email to ${address}`);
  const code = /Your confirmation code: (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in "${mail.text}"`);
  return { code, link: linkIn(mail, `${base()}/verify-email?`) };
}

/** Changes the address in Settings (with the password) and waits for the answer. */
async function changeEmail(page: Page, address: string): Promise<void> {
  await openScreen(page, "Settings");
  const section = page.getByTestId("email-section");
  await section.getByLabel("New email address").fill(address);
  await section.getByLabel("Your password").fill(E2E_PASSWORD);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/me/email") && r.request().method() === "PATCH");
  await section.getByRole("button", { name: "Change email address" }).click();
  expect((await answer).status()).toBe(200);
  await section.getByTestId("email-done").waitFor({ timeout: 15_000 });
}

const banner = (page: Page) => page.getByTestId("verify-email-banner");

describe("email confirmation", () => {
  it("banner, a code by email, a change of address in Settings, and the email's link signed in and out", async () => {
    const page = await browser.context.newPage();
    await signIn(page, "verify-email");

    // Unconfirmed: the banner says where the code goes; the rest of the app works as ever.
    await banner(page).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("verify-email-address").textContent()).toBe(FIRST);
    await checkScreen(page, "verify-email-banner");

    // A new code, by email.
    let since = Date.now();
    const sent = page.waitForResponse((r) => r.url().endsWith("/api/v1/me/email/verification"));
    await banner(page).getByRole("button", { name: "Send a new code" }).click();
    expect((await sent).status()).toBe(204);
    await page.getByTestId("verify-email-note").waitFor();
    const first = await codeFor(FIRST, since);

    // A wrong code is refused, in words; the right one confirms, and the banner goes.
    const field = banner(page).getByLabel("Confirmation code");
    await field.fill(first.code === "000000" ? "111111" : "000000");
    await banner(page).getByRole("button", { name: "Confirm" }).click();
    await expect
      .poll(() => page.getByTestId("verify-email-error").textContent(), { timeout: 15_000 })
      .toMatch(/not correct/);
    await field.fill(first.code);
    const verified = page.waitForResponse((r) => r.url().endsWith("/api/v1/me/email/verify"));
    await banner(page).getByRole("button", { name: "Confirm" }).click();
    expect((await verified).status()).toBe(200);
    await page.getByTestId("verify-email-done").waitFor({ timeout: 15_000 });
    expect(await banner(page).count()).toBe(0);

    // Settings shows the address confirmed; changing it brings the banner back for the new one,
    // and the old address is told.
    await openScreen(page, "Settings");
    expect(await page.getByTestId("email-state").textContent()).toBe("(confirmed)");
    const second = `verify-email-2-${crypto.randomUUID().slice(0, 6)}@e2e.haven`;
    since = Date.now();
    await changeEmail(page, second);
    await banner(page).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("verify-email-address").textContent()).toBe(second);
    expect(await page.getByTestId("email-current").textContent()).toBe(second);
    expect(await page.getByTestId("email-state").textContent()).toBe("(not confirmed yet)");
    await checkScreen(page, "settings-email-changed");
    const [notice] = await mailTo(FIRST, { since, subject: "Your Haven email was changed" });
    expect(notice?.text).toContain("v•••@e2e.haven");

    // Signed in, the email's link confirms at once and leaves the link's address behind.
    const byLink = await codeFor(second, since);
    await page.goto(byLink.link);
    await page.getByTestId("verify-email-done").waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe("/");
    expect(new URL(page.url()).search).toBe("");
    expect(await banner(page).count()).toBe(0);

    // Another change; "Not now" hides the banner for this session, a reload included.
    const third = `verify-email-3-${crypto.randomUUID().slice(0, 6)}@e2e.haven`;
    since = Date.now();
    await changeEmail(page, third);
    await banner(page).waitFor({ timeout: 15_000 });
    await page.getByTestId("verify-email-dismiss").click();
    expect(await banner(page).count()).toBe(0);
    await page.reload();
    await page.getByTestId("welcome").waitFor({ timeout: 20_000 });
    expect(await banner(page).count()).toBe(0);

    // Signed out, the link asks to sign in first, then confirms.
    const signedOutLink = await codeFor(third, since);
    await signOut(page);
    await page.goto(signedOutLink.link);
    await page.getByTestId("verify-email-sign-in").waitFor({ timeout: 20_000 });
    await checkScreen(page, "verify-email-sign-in");
    await page.getByLabel("Email").fill(third);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    const login = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"));
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await login).status()).toBe(200);
    await page.getByTestId("verify-email-done").waitFor({ timeout: 20_000 });
    await openScreen(page, "Settings");
    expect(await page.getByTestId("email-state").textContent()).toBe("(confirmed)");
    expect(await page.getByTestId("email-current").textContent()).toBe(third);
  });
});
