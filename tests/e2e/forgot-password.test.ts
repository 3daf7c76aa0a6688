/**
 * "Forgot password" (issue 18, items 1 and 5) in real Chromium against `npm start`: the sign-in
 * screen's "Forgot your password?", the email read from the development mailbox npm start runs,
 * its link opening the reset form filled in, and signing in with the new password. Also the
 * mailbox's page for people: the mail listed, escaped, links clickable.
 */
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PASSWORD_RESET_REQUESTED_MESSAGE } from "../../shared/schemas/password-reset-request";
import { startEmailCapture } from "../../worker/scripts/mailbox";
import { E2E_PASSWORD, e2eEmail } from "./accounts";
import { type Browser, base, checkScreen, launchBrowser } from "./browser";
import { linkIn, mailboxUrl, mailTo } from "./mailbox";

const NEW_PASSWORD = "lanterns over a quiet harbour";
const EMAIL = e2eEmail("forgot-password");

let browser: Browser;

beforeEach(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await browser?.close();
});

/** Signs in through the form and returns what the sign-in call answered. */
async function trySignIn(page: Page, password: string): Promise<number> {
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(password);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"), { timeout: 15_000 });
  await page.getByRole("button", { name: "Sign in" }).click();
  return (await answer).status();
}

describe("forgot password", () => {
  it("asks for a code by email, opens the email's link, sets a new password and signs in with it", async () => {
    const page = await browser.context.newPage();
    await page.goto(base());
    await page.getByRole("button", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await checkScreen(page, "forgot-password");

    const since = Date.now();
    await page.getByLabel("Email").fill(EMAIL);
    const requested = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/password-reset/request"));
    await page.getByRole("button", { name: "Send me a reset code" }).click();
    expect((await requested).status()).toBe(202);
    await expect
      .poll(() => page.getByTestId("reset-requested").textContent(), { timeout: 15_000 })
      .toBe(PASSWORD_RESET_REQUESTED_MESSAGE);
    // The code form follows, the address filled in.
    expect(await page.getByLabel("Email").inputValue()).toBe(EMAIL);
    await checkScreen(page, "forgot-password-sent");

    // The email, from the development mailbox.
    const [mail] = await mailTo(EMAIL, { since, subject: "Reset your Haven password" });
    if (!mail) throw new Error("no reset email");
    const code = /Your reset code: ([0-9A-Z-]+)/.exec(mail.text)?.[1] ?? "";
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const link = linkIn(mail, `${base()}/reset-password?`);

    // Its link opens the reset form with the address and the code filled in, and takes them out
    // of the address bar.
    const fromMail = await browser.context.newPage();
    await fromMail.goto(link);
    await fromMail.getByRole("heading", { name: "Set a new password with a reset code" }).waitFor({ timeout: 15_000 });
    expect(await fromMail.getByLabel("Email").inputValue()).toBe(EMAIL);
    expect(await fromMail.getByLabel("Reset code", { exact: true }).inputValue()).toBe(code);
    expect(new URL(fromMail.url()).search).toBe("");
    await expect.poll(() => fromMail.getByText(/works once, for 30 minutes/).count()).toBe(1);
    await checkScreen(fromMail, "reset-password-link");

    await fromMail.getByLabel(/New password/).fill(NEW_PASSWORD);
    const redeemed = fromMail.waitForResponse((r) => r.url().endsWith("/api/v1/auth/password-reset/redeem"));
    await fromMail.getByRole("button", { name: "Set the new password" }).click();
    expect((await redeemed).status()).toBe(204);
    await fromMail.getByTestId("password-reset-done").waitFor({ timeout: 15_000 });
    expect(new URL(fromMail.url()).pathname).toBe("/");

    // The old password no longer works; the new one does.
    expect(await trySignIn(fromMail, E2E_PASSWORD)).toBe(401);
    await fromMail.getByRole("alert").filter({ hasText: "The email or password is not correct." }).waitFor();
    expect(await trySignIn(fromMail, NEW_PASSWORD)).toBe(200);
    await fromMail.getByTestId("welcome").waitFor({ timeout: 15_000 });

    // The code is spent: the same again is refused.
    const reused = await fromMail.request.post(`${base()}/api/v1/auth/password-reset/redeem`, {
      data: { email: EMAIL, code, newPassword: `${NEW_PASSWORD} again` },
    });
    expect(reused.status()).toBe(401);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe("RESET_CODE_INVALID");
  });

  it("answers an address nobody uses just the same, and mails nothing", async () => {
    const page = await browser.context.newPage();
    await page.goto(base());
    await page.getByRole("button", { name: "Forgot your password?" }).click();
    const nobody = `nobody-${crypto.randomUUID().slice(0, 8)}@e2e.haven`;
    await page.getByLabel("Email").fill(nobody);
    await page.getByRole("button", { name: "Send me a reset code" }).click();
    await expect
      .poll(() => page.getByTestId("reset-requested").textContent(), { timeout: 15_000 })
      .toBe(PASSWORD_RESET_REQUESTED_MESSAGE);
    await new Promise((r) => setTimeout(r, 1_000));
    const res = await fetch(`${mailboxUrl()}/messages?to=${encodeURIComponent(nobody)}`);
    expect(((await res.json()) as { messages: unknown[] }).messages).toEqual([]);
  });
});

describe("the development mailbox", () => {
  it("lists the stack's mail for people, newest first, with links clickable", async () => {
    const page = await browser.context.newPage();
    const res = await page.goto(mailboxUrl());
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-type"]).toMatch(/^text\/html/);
    await page.getByRole("heading", { name: "Development mailbox — nothing here was sent" }).waitFor();
    const reset = page.getByRole("article").filter({ hasText: EMAIL }).first();
    await reset.getByRole("heading", { name: "Reset your Haven password" }).waitFor();
    const href = await reset.getByRole("link").first().getAttribute("href");
    expect(href?.startsWith(`${base()}/reset-password?`)).toBe(true);
    await checkScreen(page, "dev-mailbox");
  });

  it("escapes what it shows and never runs it", async () => {
    const box = await startEmailCapture({ apiKey: "page-test" });
    try {
      const send = (subject: string, text: string) =>
        fetch(`${box.url}/emails`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: "Bearer page-test" },
          body: JSON.stringify({ from: "a@b.test", to: ["<b>x</b>@b.test"], subject, text }),
        });
      expect((await send("First <i>one</i>", "plain")).status).toBe(200);
      await new Promise((r) => setTimeout(r, 5));
      expect(
        (await send("<script>window.ran = 1</script>", 'Open https://x.test/a?b=1&c="2" <img src=x onerror=alert(1)>'))
          .status,
      ).toBe(200);
      const html = await (await fetch(box.url)).text();
      expect(html).not.toContain("<script>window.ran");
      expect(html).not.toContain("<img");
      expect(html).toContain("&lt;script&gt;window.ran = 1&lt;/script&gt;");
      expect(html).toContain('<a href="https://x.test/a?b=1&amp;c=" rel="noreferrer">');
      // Newest first.
      expect(html.indexOf("window.ran")).toBeLessThan(html.indexOf("First &lt;i&gt;one"));
      const page = await browser.context.newPage();
      await page.goto(box.url);
      expect(await page.evaluate(() => (window as unknown as { ran?: number }).ran)).toBeUndefined();
      expect(await page.getByRole("heading", { level: 2 }).allTextContents()).toEqual([
        "<script>window.ran = 1</script>",
        "First <i>one</i>",
      ]);
    } finally {
      await box.close();
    }
  });
});
