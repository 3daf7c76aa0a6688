/**
 * Staff onboarding by invitation in real Chromium (issue 18, item 4): the demo admin invites a
 * clinician on the Users screen and sends the invite again; the stack's mailbox receives both
 * emails; the first email's link no longer works; the second one's opens "Welcome to Haven — set
 * your password" in a fresh browser, which sets the password, signs in and lands on two-factor
 * set-up; the admin's list then shows the account as active.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  base,
  checkCareScreen,
  checkScreen,
  DESKTOP,
  launchBrowser,
  PHONE,
  screenshots,
  signIn,
} from "./browser";
import { type CapturedEmail, linkIn, mailTo } from "./mailbox";

const TAG = crypto.randomUUID().slice(0, 6);
const CLINICIAN = { name: `Ines Invited ${TAG}`, email: `invited-${TAG}@e2e.haven` };
const PASSWORD = "ines chooses her own passphrase";
const SUBJECT = "You're invited to Haven";

let adminBrowser: Browser;
let admin: Page;

beforeAll(async () => {
  adminBrowser = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
  admin = await adminBrowser.context.newPage();
  await admin.setViewportSize(DESKTOP);
  await signIn(admin, "admin@demo.haven");
});
afterAll(async () => {
  await adminBrowser?.close();
});

const row = (page: Page) => page.getByTestId("users").locator("tbody tr").filter({ hasText: CLINICIAN.email });

/** The invite link in an email, on this stack (APP_URL is the stack's own address). */
function inviteLink(mail: CapturedEmail): string {
  const link = linkIn(mail, `${base()}/invite?`);
  expect(new URL(link).searchParams.get("email")).toBe(CLINICIAN.email);
  return link;
}

/** A fresh browser (no session, no storage) at the phone size, opened at `link`. */
async function openLink(link: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser({ timezoneId: "Europe/London", locale: "en-GB" });
  const page = await browser.context.newPage();
  await page.setViewportSize(PHONE);
  await page.goto(link);
  await page.getByRole("heading", { name: "Welcome to Haven — set your password", level: 2 }).waitFor();
  return { browser, page };
}

describe("staff onboarding by invitation", () => {
  it("an invited clinician sets their password from the email and goes straight to two-factor set-up", async () => {
    await expect.poll(() => admin.getByTestId("screen-title").textContent()).toBe("Users");
    const since = Date.now();
    await admin.getByRole("button", { name: "Invite a therapist or clinician" }).click();
    const form = admin.getByTestId("invite-staff");
    // Nothing filled in: every problem is said beside its field.
    await form.getByRole("button", { name: "Send the invite" }).click();
    await admin.getByTestId("invite-error").waitFor();
    expect(await form.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("Name").fill(CLINICIAN.name);
    await form.getByLabel("Email").fill(CLINICIAN.email);
    await form.getByLabel("Role").selectOption("clinician");
    await checkCareScreen(admin, "admin-invite-form");
    await form.getByRole("button", { name: "Send the invite" }).click();
    await expect
      .poll(() => admin.getByTestId("invited-account").textContent())
      .toContain(`Invite sent to ${CLINICIAN.name}`);
    // The list shows the account waiting, with the invite's expiry and "Send again".
    await expect.poll(() => row(admin).count(), { timeout: 10_000 }).toBe(1);
    expect(await row(admin).textContent()).toContain("Invited — waiting for them to set a password");
    expect(await row(admin).textContent()).toMatch(/Invite works until/);
    await checkCareScreen(admin, "admin-users-invited");

    // The email: who invited them, the code, the link, 7 days, two-factor sign-in next.
    const [first] = await mailTo(CLINICIAN.email, { since, subject: SUBJECT });
    if (!first) throw new Error("no invite email");
    expect(first.text).toMatch(/has invited you to join Haven as a clinician/);
    expect(first.text).toContain("7 days");
    expect(first.text).toContain("two-factor sign-in");
    const firstLink = inviteLink(first);

    // Sent again: a new email, and the first one's code stops working.
    await row(admin)
      .getByRole("button", { name: /Send again/ })
      .click();
    await expect.poll(() => admin.getByTestId("users-notice").textContent()).toContain("A new invite is on its way");
    await expect.poll(async () => (await mailTo(CLINICIAN.email, { since, subject: SUBJECT })).length).toBe(2);
    const second = (await mailTo(CLINICIAN.email, { since, subject: SUBJECT })).at(-1);
    if (!second) throw new Error("no second invite email");
    const secondLink = inviteLink(second);
    expect(secondLink).not.toBe(firstLink);

    const stale = await openLink(firstLink);
    try {
      await stale.page.getByLabel(/^Password/).fill(PASSWORD);
      await stale.page.getByRole("button", { name: "Set my password and sign in" }).click();
      await expect
        .poll(() => stale.page.getByRole("alert").textContent())
        .toBe("The email or invite code is not correct, or the invite has expired or been used.");
    } finally {
      await stale.browser.close();
    }

    // The second link, in a fresh browser: the page, the address and code filled in (and taken
    // out of the address bar), the password rules; then set-up.
    const { browser, page } = await openLink(secondLink);
    try {
      expect(new URL(page.url()).pathname).toBe("/invite");
      expect(new URL(page.url()).search).toBe("");
      expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe(CLINICIAN.email);
      expect(await page.getByLabel(/Invite code/).inputValue()).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
      await checkScreen(page, "invite-accept");
      // Too short: said at once, nothing sent.
      await page.getByLabel(/^Password/).fill("short");
      await page.getByRole("button", { name: "Set my password and sign in" }).click();
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toMatch(/Choose a password of \d+ to \d+ characters/);
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole("button", { name: "Set my password and sign in" }).click();
      await page.getByRole("heading", { name: "Set up two-factor sign-in", level: 2 }).waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe("/");
      await screenshots(page, "invite-accepted-2fa-setup");
      // Forced: a reload still lands there, not on the care screens.
      await page.reload();
      await page.getByRole("heading", { name: "Set up two-factor sign-in", level: 2 }).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("welcome").count()).toBe(0);
    } finally {
      await browser.close();
    }

    // The admin's list: the account is active now, with no invite waiting.
    await admin.reload();
    await expect.poll(() => row(admin).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row(admin).textContent()).toContain("Active");
    expect(await row(admin).textContent()).not.toContain("waiting for them to set a password");
    expect(
      await row(admin)
        .getByRole("button", { name: /Send again/ })
        .count(),
    ).toBe(0);
  });
});
