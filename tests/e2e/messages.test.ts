/**
 * Messages in real Chromium: the inbox and care team from the device's copy, a message written
 * offline that survives a reload and reaches the therapist exactly once, the therapist's reply
 * arriving through sync (and marked read by opening it), the policy's refusal shown before any
 * attempt, and search that works with the network gone.
 */
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eId } from "./accounts";
import { apiToken, type Browser, base, checkScreen, launchBrowser, openScreen, signIn } from "./browser";

let browser: Browser;
/** The therapist's side, through the API with a cookie jar of its own (the page's is the patient's). */
let staff: APIRequestContext;
let asTherapist: Record<string, string>;

beforeAll(async () => {
  browser = await launchBrowser();
  staff = await request.newContext();
  asTherapist = { Authorization: `Bearer ${await apiToken(staff, "therapist@demo.haven")}` };
}, 60_000);

afterAll(async () => {
  await staff?.dispose();
  await browser?.close();
});

const patientId = e2eId("messages");

/** The conversation as the therapist sees it on the server. */
async function conversationOnServer(): Promise<Message[]> {
  const res = await staff.get(`${base()}/api/v1/messages/with/${patientId}?limit=100`, { headers: asTherapist });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: Message[] }).items;
}

/** The therapist sends the patient a message through the API (as the staff app would). */
async function therapistSends(body: string): Promise<Message> {
  const res = await staff.post(`${base()}/api/v1/messages`, {
    headers: asTherapist,
    data: { opId: crypto.randomUUID(), recipientId: patientId, body },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { message: Message }).message;
}

interface Message {
  id: string;
  senderId: string;
  recipientId: string;
  body: string;
  readAt: string | null;
}

const backOnline = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event("online")));

describe("Messages", () => {
  it("sends to the therapist while offline, keeps it across a reload, delivers it once, and shows the reply", async () => {
    const { context } = browser;
    const page = await context.newPage();
    const body = `Hello Tess, the breathing exercise helped with the marigold worry today (${crypto.randomUUID().slice(0, 8)})`;

    await signIn(page, "messages");
    // Under the service worker's control, so the app reloads with the network gone.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    await openScreen(page, "Messages");
    await expect.poll(() => page.getByTestId("screen-title").textContent()).toBe("Messages");

    // The care team, fetched online and kept for offline: the therapist can be written to; the
    // clinician is shown, with the reason, and offers no way to write.
    const team = page.getByTestId("care-team");
    await expect.poll(() => team.textContent(), { timeout: 15_000 }).toContain("Tess Therapist");
    const clinician = team.locator("li", { hasText: "Dr Chidi Okafor" });
    expect(await clinician.textContent()).toMatch(/can't message a clinician directly/);
    expect(await clinician.getByRole("button").count()).toBe(0);
    await expect.poll(() => page.getByRole("button", { name: "Message Tess Therapist" }).count()).toBe(1);
    await checkScreen(page, "messages");

    await context.setOffline(true);
    try {
      await page.getByRole("button", { name: "Message Tess Therapist" }).click();
      await expect.poll(() => page.locator("#conversation-title").textContent()).toContain("Tess Therapist");
      const box = page.getByLabel("Message to Tess Therapist");
      await box.fill(body);
      expect(await page.getByTestId("compose-count").textContent()).toBe(`${body.length} / 10,000 characters`);
      await page.getByRole("button", { name: "Send", exact: true }).click();
      const conversation = page.getByTestId("conversation");
      await expect.poll(() => conversation.textContent()).toContain(body);
      await expect.poll(() => conversation.textContent()).toContain("waiting to sync");
      expect(await box.inputValue()).toBe("");
      await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/offline/);

      // Closing and reopening the app offline: the conversation reopens, the message still waits.
      await page.reload();
      await expect.poll(() => conversation.textContent(), { timeout: 15_000 }).toContain(body);
      expect(await conversation.textContent()).toContain("waiting to sync");

      // Search runs on the device: it finds the word with no network.
      await page.getByRole("button", { name: "← All conversations" }).click();
      await page.getByLabel("Words to find").fill("MARIGOLD");
      await expect.poll(() => page.getByTestId("search-results").textContent()).toContain("marigold worry");
      expect(await page.getByTestId("search-status").textContent()).toBe("1 found");
      await page.getByLabel("Words to find").fill("marigold nowhere-to-be-found");
      await expect.poll(() => page.getByTestId("search-status").textContent()).toBe("0 found");
      await page.getByLabel("Words to find").fill("");
    } finally {
      await context.setOffline(false);
    }
    await backOnline(page);

    // Synced: the therapist has it exactly once, and the device no longer says it waits.
    await expect
      .poll(async () => (await conversationOnServer()).filter((m) => m.body === body).length, { timeout: 30_000 })
      .toBe(1);
    const thread = page.getByTestId("conversations").getByRole("button", { name: /Tess Therapist/ });
    await expect.poll(() => thread.textContent(), { timeout: 30_000 }).not.toContain("waiting to sync");

    // The therapist replies through the API; the reply reaches the patient's device by sync.
    const reply = `Glad it helped. Let's talk about the marigolds on Thursday (${crypto.randomUUID().slice(0, 8)})`;
    const replyId = (await therapistSends(reply)).id;
    await expect.poll(() => thread.textContent(), { timeout: 45_000 }).toContain("1 unread");
    expect(await thread.textContent()).toContain("Glad it helped");

    // Opening the conversation shows the reply and marks it read on the server.
    await thread.click();
    const conversation = page.getByTestId("conversation");
    await expect.poll(() => conversation.textContent()).toContain(reply);
    expect((await conversation.textContent())?.indexOf(body)).toBeLessThan(
      (await conversation.textContent())?.indexOf(reply) ?? -1,
    );
    await expect
      .poll(async () => (await conversationOnServer()).find((m) => m.id === replyId)?.readAt ?? null, {
        timeout: 15_000,
      })
      .not.toBeNull();
    // Still exactly once after all the syncing.
    expect((await conversationOnServer()).filter((m) => m.body === body)).toHaveLength(1);
    await checkScreen(page, "messages-conversation");
    await page.close();
  });

  it("deletes a message for the patient only, and says plainly that deleting needs a connection", async () => {
    const { context } = browser;
    const page = await context.newPage();
    const body = `A note to delete (${crypto.randomUUID().slice(0, 8)})`;
    const { id } = await therapistSends(body);

    // Still signed in from the first test (the refresh cookie lives in the shared profile).
    await page.goto(`${base()}/messages`);
    const thread = page.getByTestId("conversations").getByRole("button", { name: /Tess Therapist/ });
    await expect.poll(() => thread.textContent(), { timeout: 45_000 }).toContain("A note to delete");
    await thread.click();
    const message = page.getByTestId("message").filter({ hasText: body });
    await expect.poll(() => message.count()).toBe(1);

    await context.setOffline(true);
    try {
      await message.getByRole("button", { name: /Delete for me/ }).click();
      await message.getByRole("button", { name: "Delete", exact: true }).click();
      await expect
        .poll(() => page.getByTestId("conversation-status").textContent())
        .toBe("Deleting needs a connection. Try again when you're online.");
      expect(await message.count()).toBe(1);
    } finally {
      await context.setOffline(false);
    }
    await backOnline(page);

    await message.getByRole("button", { name: /Delete for me/ }).click();
    await message.getByRole("button", { name: "Delete", exact: true }).click();
    await expect.poll(() => message.count()).toBe(0);
    await expect.poll(() => page.getByTestId("conversation-status").textContent()).toMatch(/deleted for you/);
    // The therapist keeps their copy.
    expect((await conversationOnServer()).map((m) => m.id)).toContain(id);
    await page.close();
  });
  it("delivers seven long messages written offline, each once, though together they exceed one push's 64 KB", async () => {
    // A phone of its own (a fresh profile), so this test stands alone.
    const phone = await launchBrowser();
    const page = await phone.context.newPage();
    await signIn(page, "messages");
    await openScreen(page, "Messages");
    await expect
      .poll(() => page.getByRole("button", { name: "Message Tess Therapist" }).count(), { timeout: 20_000 })
      .toBe(1);
    await page.getByRole("button", { name: "Message Tess Therapist" }).click();
    const box = page.getByLabel("Message to Tess Therapist");
    const run = crypto.randomUUID().slice(0, 8);
    // 9,600 characters each: 67 KB of JSON in all, over the server's 64 KiB body limit.
    const bodies = Array.from({ length: 7 }, (_, n) =>
      `Long letter ${n + 1} (${run}) `.padEnd(9_600, "and the days went on "),
    );
    await phone.context.setOffline(true);
    try {
      for (const body of bodies) {
        await box.fill(body);
        await page.getByRole("button", { name: "Send", exact: true }).click();
        await expect.poll(() => box.inputValue()).toBe("");
      }
      await expect
        .poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 })
        .toMatch(/7 changes waiting to sync/);
    } finally {
      await phone.context.setOffline(false);
    }
    try {
      await backOnline(page);
      await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
      const delivered = (await conversationOnServer()).filter((m) => m.body.includes(`(${run})`));
      expect(delivered.map((m) => m.body).sort()).toEqual([...bodies].sort());
    } finally {
      await phone.close();
    }
  });
});
