/**
 * The companion in real Chromium against `npm start`, whose provider is a local HTTP server
 * speaking the OpenAI streaming protocol (tests/e2e/global-setup.ts): consent first, the reply
 * streaming in word by word and a Stop button; then, with the network gone, the crisis check on
 * the device (resources at once, the flag queued and delivered to the care team on the next
 * sync) and the exercises, whose thought record syncs through the outbox.
 */
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eId } from "./accounts";
import { apiGet, apiToken, type Browser, base, checkScreen, launchBrowser, openScreen, signIn } from "./browser";

let browser: Browser;
let server: APIRequestContext;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await request.newContext();
}, 60_000);

afterAll(async () => {
  await server?.dispose();
  await browser?.close();
});

/** A new page on the Companion screen, with the service worker ready (so it reloads offline). */
async function companionPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(base());
  await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
  await openScreen(page, "Companion");
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  return page;
}

describe("the companion", () => {
  it("asks for consent, then streams a reply word by word, and stops when asked", async () => {
    const page = await browser.context.newPage();
    await signIn(page, "companion");
    await openScreen(page, "Companion");
    await expect.poll(() => page.getByTestId("safety-note").textContent()).toMatch(/not a clinician/);
    // Before anything is typed, the chat says it is off (issue 19).
    await expect.poll(() => page.getByTestId("chat-not-ready").textContent()).toMatch(/The AI companion is off/);
    const box = page.getByLabel("Message to the companion");
    await box.fill("I had a long day at work");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => page.getByTestId("chat-status").textContent()).toMatch(/Turn on the AI companion/);

    await page.getByLabel(/Chat with the AI companion/).check();
    await expect.poll(() => page.getByLabel(/Chat with the AI companion/).isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId("chat-not-ready").count()).toBe(0);
    await box.fill("I had a long day at work");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const reply = page.getByTestId("chat").locator("li.companion").last();
    // Words arrive while the reply is still streaming (the Stop button is up)…
    await expect.poll(() => reply.textContent(), { timeout: 15_000 }).toContain("That sounds");
    expect(await page.getByRole("button", { name: "Stop" }).count()).toBe(1);
    // …and the whole reply once it ends.
    await expect
      .poll(() => reply.textContent(), { timeout: 15_000 })
      .toContain("A café walk — or a slow breath 🌿 — might help a little.");
    await expect.poll(() => page.getByRole("button", { name: "Stop" }).count()).toBe(0);
    await checkScreen(page, "companion");

    // Stop: the stream is cut, and the patient is told.
    await box.fill("Can you tell me something calming");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    // The fake model (`gentle`) pauses 4 s before its last words ("…help a little."): Stop lands in
    // that pause even on a busy machine. The second reply is watched by its position: until its
    // first words arrive, `.last()` is still the first reply, which already says "That…" and "help a
    // little" (a CI run on 2026-12-04 pressed Stop before the second reply existed and read the first).
    const second = page.getByTestId("chat").locator("li.companion").nth(1);
    await expect.poll(() => second.textContent(), { timeout: 15_000 }).toContain("That");
    await page.getByRole("button", { name: "Stop" }).click();
    await expect.poll(() => page.getByTestId("chat-status").textContent()).toBe("Stopped.");
    expect(await second.textContent()).not.toContain("help a little");

    // The history is on the server, and the patient can delete it.
    const token = await apiToken(server, "companion");
    const saved = async () =>
      (await apiGet<{ items: { id: string }[] }>(server, token, "/companion/conversations")).items.length;
    expect(await saved()).toBe(1);
    await expect.poll(() => page.getByTestId("history-count").textContent()).toMatch(/^1 conversation saved/);
    await page.getByRole("button", { name: "Delete my chat history" }).click();
    await page.getByRole("button", { name: "Yes, delete every chat" }).click();
    await expect.poll(() => page.getByTestId("history-count").textContent()).toBe("No chats are saved.");
    expect(await saved()).toBe(0);
    await page.close();
  });

  it("when the model's second opinion finds risk the words alone did not, shows the resources and the care team gets a medium flag", async () => {
    const page = await browser.context.newPage();
    await page.goto(base());
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    await openScreen(page, "Companion");
    // The rules pass this sentence; the fake model's reviewer reads dandelions as a wish to be dead.
    const text = "I keep looking at the dandelions by the fence";
    const { assessRisk } = await import("../../shared/safety/crisis-risk");
    expect(assessRisk(text).level).toBe("none");
    await page.getByLabel("Message to the companion").fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const crisis = page.getByTestId("chat-crisis");
    await expect.poll(() => crisis.textContent(), { timeout: 15_000 }).toContain("116 123");
    await expect.poll(() => crisis.textContent()).toMatch(/care team can now see this/);
    // The reply still comes (medium: the companion answers, kindly).
    await expect
      .poll(() => page.getByTestId("chat").locator("li.companion").last().textContent(), { timeout: 15_000 })
      .toContain("help a little");
    const clinician = await apiToken(server, "clinician@demo.haven");
    const { items } = await apiGet<{ items: { source: string; level: string; category: string | null }[] }>(
      server,
      clinician,
      `/staff/patients/${e2eId("companion")}/flags`,
    );
    expect(items).toContainEqual(expect.objectContaining({ source: "companion", level: "medium" }));
    await page.close();
  });

  it("offline: shows crisis help at once for risk language, queues the flag for the care team, and the exercises work", async () => {
    const page = await companionPage();
    const clinician = await apiToken(server, "clinician@demo.haven");
    const openFlags = async () => {
      const { items } = await apiGet<{ items: { id: string; openFlags: number }[] }>(
        server,
        clinician,
        "/staff/patients",
      );
      return items.find((p) => p.id === e2eId("companion"))?.openFlags ?? -1;
    };
    const before = await openFlags();

    await browser.context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => page.getByTestId("safety-note").count()).toBe(1);
      await page.getByLabel("Message to the companion").fill("i want to kill myself tonight");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      const crisis = page.getByTestId("chat-crisis");
      await expect.poll(() => crisis.textContent()).toContain("116 123");
      await expect.poll(() => crisis.textContent()).toMatch(/told as soon as this phone is back online/);
      await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/1 change/);
      await checkScreen(page, "companion-crisis-offline");

      // The exercises, clearly not the AI, all without a connection.
      await page.getByRole("button", { name: "Start breathing exercise" }).click();
      await expect.poll(() => page.getByTestId("breath-phase").textContent()).toMatch(/Breathe in… [1-4]/);
      await page.getByRole("button", { name: "Stop breathing exercise" }).click();
      await page.getByRole("button", { name: "Start grounding" }).click();
      await expect.poll(() => page.getByTestId("grounding-step").textContent()).toBe("Name 5 things you can see.");
      await page.getByRole("button", { name: "Next" }).click();
      await expect.poll(() => page.getByTestId("grounding-step").textContent()).toBe("Name 4 things you can touch.");
      await page.getByLabel(/^Situation/).fill("Missed the bus to work");
      await page.getByLabel(/^Thoughts/).fill("I always mess everything up");
      await page.getByLabel(/^A more balanced thought/).fill("Buses are late for everyone sometimes");
      await page.getByRole("button", { name: "Save to my journal" }).click();
      await expect.poll(() => page.getByTestId("journal").textContent()).toContain("waiting to sync");
      await expect.poll(() => page.getByTestId("sync-banner").textContent()).toMatch(/2 changes/);
    } finally {
      await browser.context.setOffline(false);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId("journal").textContent()).not.toContain("waiting to sync");
    // The care team now has exactly one more open flag, and the journal entry is on the server.
    expect(await openFlags()).toBe(before + 1);
    const token = await apiToken(server, "companion");
    const exported = await apiGet<{ journal?: { entry: { situation: string } }[] }>(server, token, "/me/export");
    expect(exported.journal?.map((j) => j.entry.situation)).toEqual(["Missed the bus to work"]);
    await page.close();
  });

  it("offline, the on-device check (rules + learned model) shows help for hopelessness the rules alone miss, and the care team gets a medium flag", async () => {
    const page = await companionPage();
    const clinician = await apiToken(server, "clinician@demo.haven");
    const mediumFlags = async () => {
      const { items } = await apiGet<{ items: { source: string; level: string }[] }>(
        server,
        clinician,
        `/staff/patients/${e2eId("companion")}/flags`,
      );
      return items.filter((f) => f.source === "companion" && f.level === "medium").length;
    };
    const before = await mediumFlags();
    await browser.context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => page.getByTestId("safety-note").count()).toBe(1);
      await page.getByLabel("Message to the companion").fill("i have stopped seeing the point of waking up");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect.poll(() => page.getByTestId("chat-crisis").textContent()).toContain("116 123");
      await expect.poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 15_000 }).toMatch(/1 change/);
    } finally {
      await browser.context.setOffline(false);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(mediumFlags, { timeout: 15_000 }).toBe(before + 1);
    await page.close();
  });

  it("says it is not set up before the patient types, when this Haven has no model", async () => {
    const page = await browser.context.newPage();
    // This stack has a model (the fake provider); the answer of a Haven without one stands in.
    await page.route("**/api/v1/companion/status", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ configured: false }) }),
    );
    // Signed in already (the cookie from the tests before).
    await page.goto(base());
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    await openScreen(page, "Companion");
    await expect
      .poll(() => page.getByTestId("chat-not-ready").textContent())
      .toMatch(/The AI companion is not set up on this Haven/);
    expect(await page.getByLabel("Message to the companion").inputValue()).toBe("");
    await checkScreen(page, "companion-not-set-up");
    await page.close();
  });
});
