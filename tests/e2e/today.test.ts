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
import { apiGet, apiToken, type Browser, checkScreen, launchBrowser, signIn, signOut } from "./browser";
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
