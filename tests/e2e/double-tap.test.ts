/**
 * One tap, one write (issue 11, defect 14). A double tap on Save check-in, on Send in a
 * conversation or on a habit's Done used to write twice: two check-ins, two messages, or a
 * completion the server then refused beside the saved one. Each is tapped here three ways (a
 * double click, two quick clicks, and two clicks in the same frame) and the records are counted
 * on the device (its IndexedDB copy) and on the server (the API).
 */
import { type APIRequestContext, type Locator, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiGet, apiToken, type Browser, base, launchBrowser, openScreen, signIn, storeCounts } from "./browser";

const THERAPIST_ID = "0d3c0000-0000-4000-8000-000000000003";

let browser: Browser;
let page: Page;
let server: APIRequestContext;
let token: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await request.newContext();
  token = await apiToken(server, "double-tap");
  page = await browser.context.newPage();
  await signIn(page, "double-tap");
}, 120_000);

afterAll(async () => {
  await server?.dispose();
  await browser?.close();
});

/** The ways a patient taps twice. */
const TAPS: Record<string, (button: Locator) => Promise<void>> = {
  "a double click": (button) => button.dblclick(),
  // The second click does not wait for the button: a finger does not either (a disabled one ignores
  // it). A finger taps the same spot on the glass twice, so both clicks land where the button was
  // before the first; asking for the button again could find it scrolled away by the first's answer.
  "two quick clicks": async (button) => {
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (box === null) throw new Error("the button is not on screen");
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const page = button.page();
    await page.mouse.click(x, y);
    await page.mouse.click(x, y);
  },
  "two clicks in the same frame": (button) =>
    button.evaluate((b: HTMLButtonElement) => {
      b.click();
      b.click();
    }),
};

/** The live records of one kind in the device's copy (IndexedDB), read beside the app. */
function onDevice<T>(entity: string): Promise<T[]> {
  return page.evaluate(
    (kind) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open("haven");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction("entities").objectStore("entities").getAll();
          req.onsuccess = () => {
            db.close();
            const rows = req.result as { entity: string; data: T | null }[];
            resolve(rows.filter((r) => r.entity === kind && r.data !== null).map((r) => r.data as T));
          };
          req.onerror = () => reject(req.error);
        };
      }),
    entity,
  );
}

/** Nothing waiting to sync: whatever the taps wrote has reached the server (or been refused). */
async function synced(): Promise<void> {
  // Past any double tap's second half: a second write, if there is one, is on the device now.
  await page.waitForTimeout(500);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect.poll(async () => (await storeCounts(page, ["outbox"]))[0], { timeout: 30_000 }).toBe(0);
  await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
}

const HOW = Object.keys(TAPS);

describe("a double tap on Save check-in", () => {
  it.each(HOW)("(%s) saves one check-in, on the device and on the server", async (how) => {
    await openScreen(page, "Today");
    await expect.poll(() => page.getByTestId("moods").count(), { timeout: 15_000 }).toBe(1);
    await synced();
    const serverMoods = async () =>
      (await apiGet<{ items: unknown[] }>(server, token, "/moods?limit=100")).items.length;
    const device = (await onDevice("mood")).length;
    const before = await serverMoods();
    await page.getByLabel("Note (optional)").fill(`double tap: ${how}`);
    await TAPS[how]?.(page.getByRole("button", { name: "Save check-in" }));
    await synced();
    expect((await onDevice("mood")).length).toBe(device + 1);
    expect(await serverMoods()).toBe(before + 1);
  });
});

describe("a double tap on Send in a conversation", () => {
  it.each(HOW)("(%s) sends one message, on the device and on the server", async (how) => {
    await openScreen(page, "Messages");
    const back = page.getByRole("button", { name: "← All conversations" });
    if ((await back.count()) > 0) await back.click();
    await page.getByRole("button", { name: "Message Tess Therapist" }).click({ timeout: 15_000 });
    const body = `Sent with ${how} (${crypto.randomUUID().slice(0, 8)})`;
    await page.getByLabel("Message to Tess Therapist").fill(body);
    await TAPS[how]?.(page.getByRole("button", { name: "Send", exact: true }));
    await synced();
    const mine = (await onDevice<{ body: string }>("message")).filter((m) => m.body === body);
    expect(mine).toHaveLength(1);
    const thread = await apiGet<{ items: { body: string }[] }>(
      server,
      token,
      `/messages/with/${THERAPIST_ID}?limit=100`,
    );
    expect(thread.items.filter((m) => m.body === body)).toHaveLength(1);
    expect(await page.getByTestId("conversation").getByText(body).count()).toBe(1);
  });
});

describe("a double tap on a habit's Done", () => {
  it.each(HOW)("(%s) records one completion and shows no refusal, whatever the day's target", async (how) => {
    await openScreen(page, "Today");
    const auth = { Authorization: `Bearer ${token}` };
    const habits: { id: string; name: string }[] = [];
    for (const perDay of [1, 2]) {
      const name = `Tapped (${how}), ${perDay} a day`;
      const res = await server.post(`${base()}/api/v1/habits`, {
        headers: auth,
        data: { name, difficulty: "easy", schedule: { type: "daily", perDay } },
      });
      expect(res.status(), await res.text()).toBe(201);
      habits.push({ id: ((await res.json()) as { habit: { id: string } }).habit.id, name });
    }
    const rows = page.getByTestId("habits");
    await synced();
    for (const habit of habits) {
      const row = rows.locator("li", { hasText: habit.name });
      await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
      await TAPS[how]?.(page.getByRole("button", { name: `Done: ${habit.name}` }));
      await synced();
      const completions = (await onDevice<{ habitId: string; undone: boolean }>("completion")).filter(
        (c) => c.habitId === habit.id && !c.undone,
      );
      expect(completions, habit.name).toHaveLength(1);
      expect(await row.textContent(), habit.name).not.toMatch(/not saved/);
      const { items } = await apiGet<{ items: { id: string; today: number }[] }>(server, token, "/habits");
      expect(items.find((h) => h.id === habit.id)?.today, habit.name).toBe(1);
    }
    // No refusal came back.
    expect(await page.getByTestId("notice").count()).toBe(0);
  });
});
