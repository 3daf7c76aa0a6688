/**
 * Blocking in real Chromium (issue 13, item 6): a patient who gets messages from another patient
 * blocks them from the conversation; the sender is refused from then on; unblocking lets them
 * write again. Care staff cannot be blocked, so their conversations have no such button.
 */
import { type APIRequestContext, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eId, e2eName } from "./accounts";
import { apiToken, type Browser, base, checkScreen, launchBrowser, openScreen, signIn } from "./browser";

let browser: Browser;
let other: APIRequestContext;
let asPest: Record<string, string>;

beforeAll(async () => {
  browser = await launchBrowser();
  other = await request.newContext();
  asPest = { Authorization: `Bearer ${await apiToken(other, "pest")}` };
}, 60_000);

afterAll(async () => {
  await other?.dispose();
  await browser?.close();
});

const send = (body: string) =>
  other.post(`${base()}/api/v1/messages`, {
    headers: asPest,
    data: { opId: crypto.randomUUID(), recipientId: e2eId("blocking"), body },
  });

describe("Blocking another patient's messages", () => {
  it("blocks from the conversation, the sender is refused, and unblocking lets them write again", async () => {
    expect((await send("hey, want to be friends?")).status()).toBe(201);
    const page = await browser.context.newPage();
    await signIn(page, "blocking");
    await openScreen(page, "Messages");
    await page
      .getByRole("button", { name: new RegExp(e2eName("pest")) })
      .first()
      .click();
    await expect.poll(() => page.getByTestId("conversation").textContent()).toContain("want to be friends");

    // A double tap on Block asks once, then blocks once.
    await page.getByRole("button", { name: `Block messages from ${e2eName("pest")}` }).click();
    await page.getByRole("button", { name: "Block", exact: true }).dblclick();
    await expect.poll(() => page.getByTestId("block-status").textContent()).toMatch(/won't get new messages/);
    await checkScreen(page, "messages-blocked");
    const refused = await send("why did you block me");
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("MESSAGE_BLOCKED");

    await page.getByRole("button", { name: `Unblock ${e2eName("pest")}` }).click();
    await expect.poll(() => page.getByTestId("block-status").textContent()).toMatch(/can message you again/);
    expect((await send("sorry")).status()).toBe(201);

    // The care team's conversation has no block button.
    await page.getByRole("button", { name: /All conversations/ }).click();
    await page
      .getByRole("button", { name: /^Message / })
      .first()
      .click();
    await expect.poll(() => page.locator("#conversation-title").textContent()).toMatch(/therapist|clinician/);
    expect(await page.getByTestId("block-sender").count()).toBe(0);
    await page.close();
  });
});
