/**
 * The patient's offline day, end to end, as issue 6 describes it: a patient with the demo
 * history (their own copy of it: tests never write to the demo accounts) signs in, the
 * network goes, the app reloads from its service worker with the data still there, a mood, a
 * habit completion, a new quest and a message to the therapist are all made offline, the page is
 * closed and reopened offline with everything still pending, and when the network returns the
 * outbox drains and the server holds each item exactly once, with the XP the rules give.
 */
import { type APIRequestContext, type BrowserContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HABIT_XP } from "../../shared/domain/progression";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  endOtherSessions,
  launchBrowser,
  openScreen,
  signIn,
  storeCounts,
} from "./browser";
import { stackNow } from "./stack-clock";

const PATIENT = "journey";
const THERAPIST_ID = "0d3c0000-0000-4000-8000-000000000003";

interface Habit {
  id: string;
  name: string;
  difficulty: keyof typeof HABIT_XP;
  schedule: { type: "daily"; perDay: number } | { type: "weekly"; timesPerWeek: number };
  today: number;
}
interface Progress {
  xp: number;
  coins: number;
  today: { localDay: string; xp: number };
}

let browser: Browser;
let context: BrowserContext;
let token = "";
/** The tests' own API client, apart from the browser's cookie jar (its sign-in must not replace the app's session). */
let server: APIRequestContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
  server = await request.newContext();
  token = await apiToken(server, PATIENT);
}, 60_000);

afterAll(async () => {
  await server?.dispose();
  await browser?.close();
});

/** Archives a habit the test made (it keeps its history), leaving the patient's list as seeded. */
async function archive(id: string): Promise<void> {
  const res = await server.delete(`${base()}/api/v1/habits/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
}

const online = async (page: Page) => {
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
};

/**
 * A once-a-day habit of the test's own, made through the API before the app's first pull, so
 * it has room today at any hour: the patient's seeded habits may all have met their targets
 * already (after midnight, "today" is still the evening before). One request, no search loop: a
 * timed-out test must not go on writing to the stack behind the next file's back.
 */
async function freshHabit(name: string): Promise<Habit> {
  const res = await server.post(`${base()}/api/v1/habits`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { name, difficulty: "medium", schedule: { type: "daily", perDay: 1 } },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { ...((await res.json()) as { habit: Omit<Habit, "today"> }).habit, today: 0 };
}

describe("an offline day for a patient with the demo history", () => {
  it("loses nothing offline and syncs each item exactly once with the expected XP", async () => {
    const word = `journey-${Date.now().toString(36)}`;
    const habit = await freshHabit(`Journey walk ${word}`);
    const page = await context.newPage();
    await signIn(page, PATIENT);
    // The service worker installs and controls the page after a reload.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(() => page.getByTestId("moods").locator("li").count(), { timeout: 20_000 }).toBeGreaterThan(0);

    const before = await apiGet<Progress>(server, token, "/progress");
    const moodsToday = await apiGet<{ items: { localDay: string }[] }>(server, token, "/moods?limit=100");
    const firstMoodToday = !moodsToday.items.some((m) => m.localDay === before.today.localDay);
    const thread = async () =>
      (await apiGet<{ items: { body: string }[] }>(server, token, `/messages/with/${THERAPIST_ID}?limit=100`)).items;

    await context.setOffline(true);
    try {
      // Reload offline: the shell comes from the service worker and the data from IndexedDB.
      await page.reload();
      await expect.poll(() => page.getByTestId("moods").locator("li").count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId("habits").textContent()).toContain(habit.name);
      await checkScreen(page, "sanctum-offline");

      // 1. a mood
      await page.getByLabel("Note (optional)").fill(`Calm evening ${word}`);
      await page.getByRole("button", { name: "Save check-in" }).click();
      await expect.poll(() => page.getByTestId("moods").textContent()).toContain("waiting to sync");
      // 2. a habit completion
      await page.getByRole("button", { name: `Done: ${habit.name}` }).click();
      await expect
        .poll(() => page.getByTestId("habits").locator("li", { hasText: habit.name }).textContent())
        .toContain("waiting to sync");
      // 3. a quest
      await openScreen(page, "Quests");
      const form = page.getByRole("form", { name: "Start a quest" });
      await form.getByLabel("Title").fill(`Walk by the river ${word}`);
      await form.getByRole("button", { name: "Start quest" }).click();
      await expect.poll(() => page.getByTestId("quests-active").textContent()).toContain(`Walk by the river ${word}`);
      // 4. a message to the therapist
      await openScreen(page, "Messages");
      await page.getByRole("button", { name: "Message Tess Therapist" }).click();
      await page.getByLabel("Message to Tess Therapist").fill(`Checking in from the train ${word}`);
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect.poll(() => page.getByTestId("conversation").textContent()).toContain(word);
      await expect
        .poll(() => page.getByTestId("sync-banner").textContent(), { timeout: 20_000 })
        .toMatch(/offline.*4 changes waiting to sync/);

      // Close the app and open it again, still offline: every pending item is still there.
      await page.close();
      const again = await context.newPage();
      await again.goto(base());
      await expect.poll(() => again.getByTestId("sync-banner").textContent()).toMatch(/4 changes waiting to sync/);
      await expect.poll(() => again.getByTestId("moods").textContent()).toContain("waiting to sync");
      await openScreen(again, "Quests");
      await expect.poll(() => again.getByTestId("quests-active").textContent()).toContain(word);

      // Online again: the outbox drains.
      await online(again);
      await expect.poll(() => again.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
      await again.close();
    } finally {
      await context.setOffline(false);
    }

    // The server holds each item exactly once, with the XP the rules give.
    const moods = await apiGet<{ items: { note: string | null }[] }>(server, token, "/moods?limit=100");
    expect(moods.items.filter((m) => m.note?.includes(word))).toHaveLength(1);
    const quests = await apiGet<{ items: { title: string; status: string }[] }>(server, token, "/quests");
    expect(quests.items.filter((q) => q.title.includes(word))).toEqual([expect.objectContaining({ status: "active" })]);
    expect((await thread()).filter((m) => m.body.includes(word))).toHaveLength(1);
    const { items } = await apiGet<{ items: Habit[] }>(server, token, "/habits");
    expect(items.find((h) => h.id === habit.id)?.today).toBe(habit.today + 1);
    const after = await apiGet<Progress>(server, token, "/progress");
    expect(after.xp - before.xp).toBe(HABIT_XP[habit.difficulty] + (firstMoodToday ? 5 : 0));
    await archive(habit.id);
  });

  it("shows why the server refused an offline completion past the day's target", async () => {
    const page = await context.newPage();
    await page.goto(base());
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    // A once-a-day habit of its own, so nothing else done today gets in the way.
    const name = `Journey stretch ${Date.now().toString(36)}`;
    const created = await server.post(`${base()}/api/v1/habits`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { name, difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
    });
    expect(created.status()).toBe(201);
    const { id } = ((await created.json()) as { habit: { id: string } }).habit;
    await page.evaluate(() => window.dispatchEvent(new Event("online"))); // sync now, not in 30 s
    const row = page.getByTestId("habits").locator("li", { hasText: name });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await context.setOffline(true);
    try {
      // This phone, offline, completes the habit…
      await page.getByRole("button", { name: `Done: ${name}` }).click();
      await expect.poll(() => row.textContent()).toContain("waiting to sync");
      // …while another device (still online) completed it two minutes earlier.
      const other = await server.post(`${base()}/api/v1/habits/${id}/completions`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { opId: crypto.randomUUID(), at: new Date(stackNow() - 120_000).toISOString() },
      });
      expect(other.status(), await other.text()).toBe(201);
    } finally {
      await context.setOffline(false);
    }
    await online(page);
    await expect.poll(() => page.getByTestId("notice").textContent(), { timeout: 30_000 }).toMatch(/target/i);
    await expect.poll(() => row.textContent()).toMatch(/not saved: .*target/i);
    const { items } = await apiGet<{ items: Habit[] }>(server, token, "/habits");
    expect(items.find((h) => h.id === id)?.today).toBe(1);
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => page.getByTestId("notice").count()).toBe(0);
    await expect.poll(() => row.textContent()).not.toContain("not saved");
    await archive(id);
    await page.close();
  });

  it("returns to sign-in when the session ends, keeping the outbox, which syncs after signing in again", async () => {
    const page = await context.newPage();
    await page.goto(base());
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    const word = `expiry-${Date.now().toString(36)}`;
    await context.setOffline(true);
    try {
      await page.getByLabel("Note (optional)").fill(word);
      await page.getByRole("button", { name: "Save check-in" }).click();
      await expect.poll(() => page.getByTestId("moods").textContent()).toContain("waiting to sync");
      // Meanwhile the session ends elsewhere (signed out from another device): every session
      // but the tests' own goes.
      await endOtherSessions(server, token);
    } finally {
      await context.setOffline(false);
    }
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect.poll(() => page.getByRole("heading", { name: "Sign in" }).count(), { timeout: 30_000 }).toBe(1);
    const [kept] = await storeCounts(page, ["outbox"]);
    expect(kept).toBe(1);
    await signIn(page, PATIENT);
    // The kept check-in shows, note and all (the list shows each check-in's note).
    await expect.poll(() => page.getByTestId("moods").textContent(), { timeout: 30_000 }).toContain(word);
    await expect.poll(() => page.getByTestId("sync-banner").count(), { timeout: 30_000 }).toBe(0);
    const moods = await apiGet<{ items: { note: string | null }[] }>(server, token, "/moods?limit=100");
    expect(moods.items.filter((m) => m.note === word)).toHaveLength(1);
    await page.close();
  });
});
