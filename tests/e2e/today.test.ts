/**
 * Today (the Sanctum) shows the patient's own today, whatever the hour: after midnight it is
 * still the evening before, from the day-start hour (04:00) it is the new day, across DST
 * changes too. This file runs at the real hour and at every pinned clock (tests/e2e/clock.ts);
 * its patients have three weeks of the demo history, so "today" already holds something at
 * some hours and nothing at others. Expected days come from the pinned clocks' hand-worked days
 * or the tests' own Intl reading of the wall clock (wall-clock.ts).
 */
import { type APIRequestContext, type BrowserContext, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { addDays, localDayStart } from "../../shared/domain/local-day";
import { type E2eAccount, e2eTimezone } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  launchBrowser,
  openScreen,
  signIn,
  signOut,
} from "./browser";
import { PINNED_CLOCKS } from "./clock";
import { stackNow } from "./stack-clock";
import { expectedDay } from "./wall-clock";

const pinned = PINNED_CLOCKS.find((c) => c.name === inject("clockName"));

interface Habit {
  id: string;
  name: string;
  schedule: { type: "daily"; perDay: number };
  today: number;
  archived: boolean;
}
interface Progress {
  today: { localDay: string; xp: number; coins: number };
}

let browser: Browser;
let context: BrowserContext;
let server: APIRequestContext;

beforeAll(async () => {
  browser = await launchBrowser({ clock: true });
  context = browser.context;
  server = await request.newContext();
}, 60_000);

afterAll(async () => {
  await server?.dispose();
  await browser?.close();
});

/** The local day the patient is living now, by the pinned clock's hand-worked answer or Intl. */
function today(who: E2eAccount): string {
  const zone = e2eTimezone(who);
  const day = expectedDay(stackNow(), zone);
  if (pinned) expect(day).toBe(pinned.localDay[zone as keyof typeof pinned.localDay]);
  return day;
}

describe("Today", () => {
  for (const who of ["today", "today-ny"] as const) {
    it(`shows ${e2eTimezone(who)}'s today: habits done today, what today earned, and a check-in counted on today`, async () => {
      const token = await apiToken(server, who);
      const day = today(who);
      const progress = await apiGet<Progress>(server, token, "/progress");
      expect(progress.today.localDay).toBe(day);
      const { items } = await apiGet<{ items: Habit[] }>(server, token, "/habits");
      const habits = items.filter((h) => !h.archived);
      const moods = await apiGet<{ items: { localDay: string }[] }>(server, token, "/moods?limit=100");
      const checkedInToday = moods.items.some((m) => m.localDay === day);

      const page = await context.newPage();
      await signIn(page, who);
      // Each habit counts today's completions, as the server does.
      for (const habit of habits) {
        const row = page.getByTestId("habits").locator("li", { hasText: habit.name });
        await expect
          .poll(() => row.textContent(), { timeout: 20_000 })
          .toContain(`${Math.min(habit.today, habit.schedule.perDay)}/${habit.schedule.perDay}`);
      }
      await expect
        .poll(() => page.getByTestId("today-earned").textContent(), { timeout: 20_000 })
        .toContain(`Today: +${progress.today.xp} XP and +${progress.today.coins} coins`);
      await checkScreen(page, `today-${who}${pinned ? `-${pinned.name}` : ""}`);

      // A check-in now counts for today: the first of the day earns its 5 XP, a later one none.
      const note = `Checking in at this hour (${who}, ${stackNow().toString(36)})`;
      await page.getByLabel("Note (optional)").fill(note);
      await page.getByRole("button", { name: "Save check-in" }).click();
      const synced = async () =>
        (
          await apiGet<{ items: { localDay: string; note: string | null }[] }>(server, token, "/moods?limit=5")
        ).items.find((m) => m.note === note);
      await expect.poll(synced, { timeout: 20_000 }).toBeDefined();
      expect((await synced())?.localDay).toBe(day);
      const after = await apiGet<Progress>(server, token, "/progress");
      expect(after.today.xp - progress.today.xp).toBe(checkedInToday ? 0 : 5);
      await expect
        .poll(() => page.getByTestId("today-earned").textContent(), { timeout: 20_000 })
        .toContain(`Today: +${after.today.xp} XP`);
      await signOut(page);
      await page.close();
    });
  }

  it("turns to the new day at the day start while the app stays open, even offline", async () => {
    const who = "today";
    const zone = e2eTimezone(who);
    const token = await apiToken(server, who);
    const { items } = await apiGet<{ items: Habit[] }>(server, token, "/habits");
    const habits = items.filter((h) => !h.archived);
    const page = await context.newPage();
    await signIn(page, who);
    await expect.poll(() => page.getByTestId("today-earned").count(), { timeout: 20_000 }).toBe(1);
    await context.setOffline(true);
    try {
      // The phone stays on this screen past the next day start (04:00 local)…
      const next = localDayStart(addDays(today(who), 1), zone, 4);
      await page.clock.fastForward(next - stackNow() + 60_000);
      // …and shows the new day: nothing done yet, nothing earned yet, every habit open again.
      for (const habit of habits) {
        const row = page.getByTestId("habits").locator("li", { hasText: habit.name });
        await expect.poll(() => row.textContent(), { timeout: 35_000 }).toContain(`0/${habit.schedule.perDay}`);
        expect(await page.getByRole("button", { name: `Done: ${habit.name}` }).isEnabled()).toBe(true);
      }
      await expect.poll(() => page.getByTestId("today-earned").textContent()).toContain("Today: +0 XP and +0 coins");
    } finally {
      // The context's clock back to the stack's time, and the network back, for what follows.
      await page.clock.setSystemTime(stackNow());
      await context.setOffline(false);
    }
    await page.close();
  });
});

describe("the check-in and what it earns", () => {
  const who = "today";
  let token: string;
  let page: import("playwright-core").Page;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    token = await apiToken(server, who);
    page = await context.newPage();
    // The test before leaves this patient signed in (it closes its page offline, without signing out).
    await page.goto(base());
    const signedIn = page.getByTestId("welcome");
    await signedIn.or(page.getByLabel("Email")).first().waitFor({ timeout: 20_000 });
    if ((await signedIn.count()) === 0) await signIn(page, who);
    await page.getByTestId("today-earned").waitFor({ timeout: 20_000 });
  }, 90_000);

  afterAll(async () => {
    await signOut(page);
    await page.close();
  });

  it("saves a one-tap mood with emotion words, tags and sleep hours, and confirms it with a friendly time", async () => {
    const note = `Feelings check (${stackNow().toString(36)})`;
    const eight = page.getByRole("radio", { name: "8, very good" });
    await eight.check();
    expect(await eight.isChecked()).toBe(true);
    // Every mood is one tap away, each with its word.
    expect(await page.getByRole("radiogroup", { name: "How are you feeling?" }).getByRole("radio").count()).toBe(10);
    await page.getByText("Add feelings and tags (optional)").click();
    for (const tag of ["calm", "grateful", "work"]) {
      const chip = page.getByRole("button", { name: tag, exact: true });
      await chip.click();
      expect(await chip.getAttribute("aria-pressed")).toBe("true");
    }
    await page.getByLabel("Your own tag").fill("Long Walk");
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByLabel("Hours slept (optional)").fill("7.5");
    await page.getByLabel("Note (optional)").fill(note);
    await page.getByRole("button", { name: "Save check-in" }).click();

    const status = page.getByTestId("checkin-status");
    await expect
      .poll(() => status.textContent())
      .toMatch(/^Saved — Today, \d{1,2}:\d{2}( ?[ap]m| ?[AP]M)? · mood 8, very good/);
    expect(await status.textContent()).not.toMatch(/\d{1,2}:\d{2}:\d{2}/);
    const newest = page.getByTestId("moods").locator("li").first();
    expect(await newest.textContent()).toMatch(/^Today, \d{1,2}:\d{2}/);
    expect(await newest.textContent()).toContain("Mood 8, very good · sleep 6/10, 7.5 h");
    expect(await newest.textContent()).toContain("calm, grateful, work, long walk");
    await checkScreen(page, `checkin-saved${pinned ? `-${pinned.name}` : ""}`);

    // On the server as sent: the words as tags, the hours slept.
    const saved = async () =>
      (
        await apiGet<{ items: { mood: number; note: string | null; tags: string[]; sleepHours: number | null }[] }>(
          server,
          token,
          "/moods?limit=5",
        )
      ).items.find((m) => m.note === note);
    await expect.poll(saved, { timeout: 20_000 }).toBeDefined();
    expect(await saved()).toMatchObject({ mood: 8, tags: ["calm", "grateful", "work", "long walk"], sleepHours: 7.5 });
  });

  it("keeps the low-mood crisis help: a one-tap low mood shows the numbers at once, then says the care team was told", async () => {
    await page.getByRole("radio", { name: "2, very low" }).check();
    // Before saving, a gentle pointer to help.
    await expect.poll(() => page.getByText("help is one tap away").count()).toBe(1);
    await page.getByRole("button", { name: "Save check-in" }).click();
    const help = page.getByTestId("mood-crisis");
    await help.waitFor({ timeout: 10_000 });
    expect(await help.getByRole("link").count()).toBeGreaterThan(0);
    const status = help.getByTestId("flag-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 30_000 }).toBe("delivered");
    expect(await status.textContent()).toMatch(/^Delivered at (Today|Yesterday), .+: your care team can now see this/);
    // A check-in that raises nothing shows no crisis box.
    await page.getByRole("radio", { name: "7, good" }).check();
    await page.getByRole("button", { name: "Save check-in" }).click();
    await expect.poll(() => help.count()).toBe(0);
  });

  it("shows a habit's XP at once while offline, marks it done today, then shows the server's number after sync", async () => {
    const name = `Water the plants (${stackNow().toString(36)})`;
    const res = await server.post(`${base()}/api/v1/habits`, {
      headers: auth(),
      data: { name, difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
    });
    expect(res.status(), await res.text()).toBe(201);
    // Made elsewhere (through the API): the next sync brings it.
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    const row = page.getByTestId("habits").locator("li", { hasText: name });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    const before = await apiGet<Progress>(server, token, "/progress");
    const earned = page.getByTestId("today-earned");
    await expect.poll(() => earned.textContent(), { timeout: 20_000 }).toContain(`Today: +${before.today.xp} XP`);

    await context.setOffline(true);
    try {
      await page.getByRole("button", { name: `Done: ${name}` }).click();
      // At once, from the outbox, by the server's own rules: an easy habit is 10 XP and 5 coins.
      await expect
        .poll(() => earned.textContent(), { timeout: 5_000 })
        .toContain(`Today: +${before.today.xp + 10} XP and +${before.today.coins + 5} coins`);
      expect(await earned.textContent()).toContain("confirmed at the next sync");
      expect(await row.textContent()).toContain("Done today");
      expect(await page.getByRole("button", { name: `Done: ${name}` }).isDisabled()).toBe(true);
    } finally {
      await context.setOffline(false);
    }
    // Synced: the server's numbers, counted once.
    await expect
      .poll(async () => (await apiGet<Progress>(server, token, "/progress")).today.xp, { timeout: 30_000 })
      .toBe(before.today.xp + 10);
    await expect
      .poll(() => earned.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^Today: \\+${before.today.xp + 10} XP and \\+${before.today.coins + 5} coins$`));
    expect(await row.textContent()).toContain("Done today");
  });

  it("celebrates a quest's completion, and under reduced motion shows only the words", async () => {
    for (const motion of ["no-preference", "reduce"] as const) {
      await page.emulateMedia({ reducedMotion: motion });
      const title = `Clear the inbox (${motion}, ${stackNow().toString(36)})`;
      const res = await server.post(`${base()}/api/v1/quests`, {
        headers: auth(),
        data: { title, difficulty: "easy" },
      });
      expect(res.status(), await res.text()).toBe(201);
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await openScreen(page, "Quests");
      const done = page.getByRole("button", { name: `Mark done: ${title}` });
      await done.waitFor({ timeout: 20_000 });
      await done.click();
      const celebration = page.getByTestId("celebration");
      await celebration.waitFor({ timeout: 5_000 });
      expect(await celebration.getAttribute("role")).toBe("status");
      expect(await celebration.textContent()).toContain(`Quest complete: “${title}” — well done`);
      const moving = await celebration.evaluate((el) => ({
        card: getComputedStyle(el).animationName,
        sparkles: getComputedStyle(el.querySelector(".sparkles") as Element).display,
        sparkle: getComputedStyle(el.querySelector(".sparkle") as Element).animationName,
      }));
      if (motion === "reduce") expect(moving).toEqual({ card: "none", sparkles: "none", sparkle: "none" });
      else expect(moving.sparkle).not.toBe("none");
      // Checked for contrast once its gentle entrance has ended.
      await celebration.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
      if (motion === "no-preference") await checkScreen(page, `quest-celebration${pinned ? `-${pinned.name}` : ""}`);
      // It goes by itself.
      await celebration.waitFor({ state: "detached", timeout: 10_000 });
      await openScreen(page, "Today");
    }
    await page.emulateMedia({ reducedMotion: null });
  });
});
