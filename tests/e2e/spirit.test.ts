/**
 * Spirit in real Chromium, as the demo patient (three weeks of seeded history; this file only
 * reads it): progress as the server has it, mood and sleep charts over 7 / 30 / 90 days with
 * text alternatives that match the server's check-ins, adherence, the year in pixels and the
 * mood patterns (recomputed here from the server's data), and all of it offline.
 */
import type { APIRequestContext, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDay } from "../../shared/domain/local-day";
import {
  apiGet,
  apiToken,
  type Browser,
  checkScreen,
  DESKTOP,
  launchBrowser,
  openScreen,
  PHONE,
  signIn,
  signOut,
} from "./browser";
import { stackNow } from "./stack-clock";

const DEMO = "patient@demo.haven";

interface Progress {
  level: number;
  tier: string;
  xp: number;
  coins: number;
  streaks: { habitId: string; name: string; current: number; best: number }[];
}
interface Mood {
  localDay: string;
  mood: number;
  sleepQuality: number;
}

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
}, 60_000);

afterAll(() => browser?.close());

/** Every check-in the server holds for the patient from `since` on (the API pages newest first). */
async function moodsSince(request: APIRequestContext, token: string, since: string): Promise<Mood[]> {
  const all: Mood[] = [];
  let cursor: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: "100", from: since, ...(cursor ? { cursor } : {}) });
    const page = await apiGet<{ items: Mood[]; cursor: string | null; hasMore: boolean }>(
      request,
      token,
      `/moods?${query}`,
    );
    all.push(...page.items);
    if (!page.hasMore || !page.cursor) return all;
    cursor = page.cursor;
  }
}

/** The sentence the chart's text alternative should say, computed here from the server's check-ins. */
function expectedSummary(what: string, range: number, values: number[]): string {
  if (values.length === 0) return `${what} over the last ${range} days: no check-ins yet.`;
  const average = (values.reduce((s, v) => s + v, 0) / values.length).toFixed(1);
  const count = `${values.length} check-in${values.length === 1 ? "" : "s"}`;
  return `${what} over the last ${range} days: average ${average}, from ${Math.min(...values)} to ${Math.max(...values)}, across ${count}.`;
}

const chartLabel = (page: Page, testId: string) => page.getByTestId(testId).getAttribute("aria-label");

describe("Spirit", () => {
  it("shows the server's progress, charts that tell the server's history, adherence and streaks, offline too", async () => {
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const token = await apiToken(page.request, DEMO);
    const { user } = await apiGet<{ user: { timezone: string; dayStartHour: number } }>(page.request, token, "/me");
    const progress = await apiGet<Progress>(page.request, token, "/progress");
    const moods = await moodsSince(page.request, token, new Date(stackNow() - 100 * 86_400_000).toISOString());
    const today = localDay(stackNow(), user.timezone, user.dayStartHour);
    const inRange = (range: number) =>
      moods.filter((m) => m.localDay >= addDays(today, -(range - 1)) && m.localDay <= today);
    expect(inRange(30).length).toBeGreaterThan(10); // the seeded three weeks

    await signIn(page, DEMO);
    await openScreen(page, "Spirit");
    await expect.poll(() => page.getByTestId("screen-title").textContent(), { timeout: 15_000 }).toBe("Spirit");

    // Level, tier and coins are the server's.
    await expect
      .poll(() => page.getByTestId("spirit-level").textContent(), { timeout: 15_000 })
      .toBe(`Level ${progress.level} · ${progress.tier}`);
    // The first pull arrives in pages: wait for the coins as well, not only the level.
    await expect
      .poll(() => page.getByTestId("spirit-coins").textContent(), { timeout: 15_000 })
      .toContain(new Intl.NumberFormat("en-GB").format(progress.coins));
    expect(await page.getByRole("progressbar").first().getAttribute("value")).not.toBeNull();

    // Each range's charts say what the server's check-ins in that range add up to.
    const summaries = new Map<number, string>();
    for (const range of [30, 7, 90]) {
      await page.getByRole("radio", { name: `${range} days` }).check();
      const moodSummary = expectedSummary(
        "Mood",
        range,
        inRange(range).map((m) => m.mood),
      );
      const sleepSummary = expectedSummary(
        "Sleep quality",
        range,
        inRange(range).map((m) => m.sleepQuality),
      );
      await expect.poll(() => chartLabel(page, "mood-chart"), { timeout: 15_000 }).toBe(moodSummary);
      expect(await chartLabel(page, "sleep-chart")).toBe(sleepSummary);
      expect(moodSummary).toMatch(/average \d+\.\d, from \d+ to \d+/);
      // A real canvas, an image to assistive technology, drawn at the card's width.
      const canvas = page.getByRole("img", { name: moodSummary });
      expect(await canvas.evaluate((el) => el.tagName)).toBe("CANVAS");
      expect(await page.getByRole("heading", { name: `Habits kept, last ${range} days` }).count()).toBe(1);
      summaries.set(range, moodSummary);
    }
    expect(summaries.get(7)).not.toBe(summaries.get(30));
    expect(summaries.get(30)).not.toBe(summaries.get(90));

    // The numbers as a table, for anyone who cannot see the chart.
    await page.getByText("Show these check-ins as a table").click();
    const days = new Set(inRange(90).map((m) => m.localDay));
    expect(await page.getByTestId("history-table").locator("tbody tr").count()).toBe(days.size);

    // Adherence for every habit, and the streaks the server computes.
    const habits = await apiGet<{ items: { id: string; name: string; archived: boolean }[] }>(
      page.request,
      token,
      "/habits",
    );
    const adherence = page.getByTestId("adherence").locator("li");
    expect(await adherence.count()).toBe(habits.items.filter((h) => !h.archived).length);
    for (const habit of habits.items.filter((h) => !h.archived)) {
      const row = adherence.filter({ hasText: habit.name });
      expect(await row.textContent()).toMatch(/\d+%/);
      const value = Number(await row.getByRole("meter").getAttribute("value"));
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    for (const streak of progress.streaks) {
      const row = page.getByTestId("streaks").locator("li", { hasText: streak.name });
      expect(await row.textContent()).toContain(`best ${streak.best} day`);
      if (streak.current > 0) expect(await row.textContent()).toContain(`${streak.current}-day streak`);
    }

    // The chart follows its container from phone to desktop.
    const width = async () => (await page.getByTestId("mood-chart").boundingBox())?.width ?? 0;
    await page.setViewportSize(DESKTOP);
    await expect.poll(width).toBeGreaterThan(600);
    await page.setViewportSize(PHONE);
    await expect.poll(width).toBeLessThan(390);
    await expect.poll(width).toBeGreaterThan(250);

    // Offline: the lazy chunk comes from the precache and the history from the device.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // Let the session resume finish first: a reload that cuts off a refresh loses the rotated cookie.
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => chartLabel(page, "mood-chart"), { timeout: 15_000 }).toBe(summaries.get(30));
    await context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => page.getByTestId("screen-title").textContent(), { timeout: 15_000 }).toBe("Spirit");
      await expect.poll(() => chartLabel(page, "mood-chart"), { timeout: 15_000 }).toBe(summaries.get(30));
      expect(await page.getByTestId("spirit-level").textContent()).toBe(`Level ${progress.level} · ${progress.tier}`);
      await page.getByRole("radio", { name: "7 days" }).check();
      await expect.poll(() => chartLabel(page, "mood-chart")).toBe(summaries.get(7));
    } finally {
      await context.setOffline(false);
    }

    await checkScreen(page, "spirit");
    expect(cspErrors).toEqual([]);
    await signOut(page);
    await page.close();
  });

  it("colours the year in pixels and states the mood patterns from the server's data, offline too, at phone width", async () => {
    const page = await context.newPage();
    const token = await apiToken(page.request, DEMO);
    const { user } = await apiGet<{ user: { timezone: string; dayStartHour: number } }>(page.request, token, "/me");
    const data = await apiGet<ExportData>(page.request, token, "/me/export");
    const today = localDay(stackNow(), user.timezone, user.dayStartHour);
    const days = dailyMoods(data.moods);
    expect(days.size).toBeGreaterThan(10); // the seeded three weeks

    await signIn(page, DEMO);
    await openScreen(page, "Spirit");
    const pixels = page.getByTestId("year-in-pixels");
    await expect
      .poll(() => pixels.locator("rect[data-level]:not([data-level='0'])").count(), { timeout: 15_000 })
      .toBe(days.size);

    // Every day with a check-in is coloured by its average mood's band and titled with it; today is outlined.
    for (const [day, { mood, count }] of days) {
      const square = pixels.locator(`rect[data-day="${day}"]`);
      expect(await square.getAttribute("data-level"), day).toBe(
        String(Math.ceil(Math.min(10, Math.max(1, Math.round(mood))) / 2)),
      );
      const shown = Number.isInteger(mood) ? String(mood) : mood.toFixed(1);
      expect(await square.locator("title").textContent()).toMatch(
        new RegExp(`: mood ${shown.replace(".", "\\.")}${count > 1 ? ` \\(${count} check-ins\\)` : ""}$`),
      );
    }
    // The day before the first check-in (three weeks back, well inside the year) is blank.
    const blank = addDays([...days.keys()].sort()[0] ?? today, -1);
    expect(await pixels.locator(`rect[data-day="${blank}"]`).getAttribute("data-level")).toBe("0");
    expect(await pixels.locator(`rect[data-day="${blank}"] title`).textContent()).toMatch(/: no check-in$/);
    expect(await pixels.locator("rect.pixel-today").getAttribute("data-day")).toBe(today);
    // Twelve months, each an image named by its summary in words, and the same as a table.
    expect(await pixels.getByRole("img").count()).toBe(12);
    const thisMonth = [...days].filter(([d]) => d.startsWith(today.slice(0, 7)));
    const monthCheckIns = data.moods.filter((m) => m.localDay.startsWith(today.slice(0, 7))).length;
    if (thisMonth.length > 0) {
      const average = (thisMonth.reduce((s, [, d]) => s + d.mood, 0) / thisMonth.length).toFixed(1);
      const label = await pixels.locator(`svg[data-month="${today.slice(0, 7)}"]`).getAttribute("aria-label");
      expect(label).toContain(
        `: ${monthCheckIns} check-in${monthCheckIns === 1 ? "" : "s"} on ${thisMonth.length} day`,
      );
      expect(label).toContain(`average mood ${average}`);
    }
    await page.getByText("Show each month in words").click();
    expect(await page.getByTestId("pixels-table").locator("tbody tr").count()).toBe(12);

    // The patterns: each habit's, and sleep's, with the numbers recomputed here, or none below five days a side.
    const expected = expectedPatterns(data, days, today, user);
    expect(expected.shown.length + expected.hidden.length).toBeGreaterThan(0);
    const patterns = async () => (await page.locator("section[aria-labelledby='patterns-title']").textContent()) ?? "";
    for (const sentence of expected.shown) await expect.poll(patterns, { timeout: 15_000 }).toContain(sentence);
    for (const prefix of expected.hidden) expect(await patterns()).not.toContain(prefix);
    expect(await patterns()).toContain("not causes");

    // Nothing widens the phone's page.
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // Offline, from the device's copy.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(() => page.getByTestId("welcome").count(), { timeout: 15_000 }).toBe(1);
    await context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => page.getByTestId("screen-title").textContent(), { timeout: 15_000 }).toBe("Spirit");
      await expect
        .poll(() => pixels.locator("rect[data-level]:not([data-level='0'])").count(), { timeout: 15_000 })
        .toBe(days.size);
      for (const sentence of expected.shown) expect(await patterns()).toContain(sentence);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await context.setOffline(false);
    }

    // Axe and screenshots at phone and desktop, in the light and the dark theme.
    await checkScreen(page, "spirit-insights");
    await signOut(page);
    await page.close();
  });
});

interface ExportData {
  moods: { localDay: string; mood: number; sleepQuality: number; sleepHours: number | null }[];
  habits: { id: string; name: string; archived: boolean; createdAt: string }[];
  completions: { habitId: string; localDay: string; undone: boolean }[];
}

/** Each local day's check-ins: their average mood and sleep, and how many. */
function dailyMoods(moods: ExportData["moods"]) {
  const days = new Map<string, { mood: number; sleepQuality: number; hours: number | null; count: number }>();
  const all = new Map<string, ExportData["moods"]>();
  for (const m of moods) all.set(m.localDay, [...(all.get(m.localDay) ?? []), m]);
  const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  for (const [day, list] of all) {
    const hours = list.map((m) => m.sleepHours).filter((h): h is number => h !== null);
    days.set(day, {
      mood: avg(list.map((m) => m.mood)),
      sleepQuality: avg(list.map((m) => m.sleepQuality)),
      hours: hours.length ? avg(hours) : null,
      count: list.length,
    });
  }
  return days;
}

/** The pattern sentences Spirit should say (five days or more on each side), and the openings of those it should not. */
function expectedPatterns(
  data: ExportData,
  days: ReturnType<typeof dailyMoods>,
  today: string,
  user: { timezone: string; dayStartHour: number },
) {
  const shown: string[] = [];
  const hidden: string[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const split = (sort: (day: string, d: { sleepQuality: number; hours: number | null }) => boolean | null) => {
    const yes: number[] = [];
    const no: number[] = [];
    for (const [day, d] of days) {
      const side = sort(day, d);
      if (side === true) yes.push(d.mood);
      if (side === false) no.push(d.mood);
    }
    const avg = (v: number[]) => (v.reduce((s, x) => s + x, 0) / v.length).toFixed(1);
    return yes.length >= 5 && no.length >= 5 ? { yes: avg(yes), no: avg(no), y: yes.length, n: no.length } : null;
  };
  for (const habit of data.habits.filter((h) => !h.archived)) {
    const since = localDay(Date.parse(habit.createdAt), user.timezone, user.dayStartHour);
    const done = new Set(data.completions.filter((c) => c.habitId === habit.id && !c.undone).map((c) => c.localDay));
    const p = split((day) => (day >= since && day < today ? done.has(day) : null));
    const opening = `On days you did “${habit.name}”, your mood averaged`;
    if (p) shown.push(`${opening} ${p.yes}; on other days, ${p.no} (${plural(p.y, "day")} and ${plural(p.n, "day")}).`);
    else hidden.push(opening);
  }
  const hours = split((_, d) => (d.hours === null ? null : d.hours >= 7));
  const hoursOpening = "After nights of 7 hours’ sleep or more, your mood averaged";
  if (hours)
    shown.push(
      `${hoursOpening} ${hours.yes}; after shorter nights, ${hours.no} (${plural(hours.y, "night")} and ${plural(hours.n, "night")}).`,
    );
  else hidden.push(hoursOpening);
  const rated = split((_, d) => d.sleepQuality >= 7);
  const ratedOpening = "After nights you rated 7 or more, your mood averaged";
  if (rated)
    shown.push(
      `${ratedOpening} ${rated.yes}; after nights rated lower, ${rated.no} (${plural(rated.y, "night")} and ${plural(rated.n, "night")}).`,
    );
  else hidden.push(ratedOpening);
  return { shown, hidden };
}
