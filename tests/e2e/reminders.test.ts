/**
 * Reminders and the unread badge in real Chromium (issue 17, items 2 and 4): the patient turns on
 * the daily check-in reminder in Settings; with no push on this device, Today shows the gentle
 * nudge once its time has come, and it goes when they check in. The therapist replies (through
 * the API, as the care app would) and the Messages badge appears without a reload, within the
 * 30-second poll; opening the conversation marks it read and the badge goes.
 */
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eId } from "./accounts";
import {
  apiGet,
  apiToken,
  type Browser,
  base,
  checkScreen,
  DESKTOP,
  launchBrowser,
  openScreen,
  PHONE,
  signIn,
} from "./browser";
import { stackNow } from "./stack-clock";

let browser: Browser;
let server: APIRequestContext;
let patientToken: string;
const patientId = e2eId("reminders");

/** The Etc/GMT zone where it is about noon now (Etc/GMT-5 is UTC+5), and its local minute now. */
function noon(now: number): { timezone: string; minuteNow: number } {
  const offset = 12 - new Date(now).getUTCHours();
  const timezone = offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
  const local = new Date(now + offset * 3_600_000);
  return { timezone, minuteNow: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

let minuteNow = 0;

beforeAll(async () => {
  server = await request.newContext();
  patientToken = await apiToken(server, "reminders");
  // Where it is about noon: "ten minutes ago" is always earlier the same local day.
  const zone = noon(stackNow());
  minuteNow = zone.minuteNow;
  const res = await server.patch(`${base()}/api/v1/me`, {
    headers: { Authorization: `Bearer ${patientToken}` },
    data: { timezone: zone.timezone, dayStartHour: 4 },
  });
  expect(res.status(), await res.text()).toBe(200);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await server?.dispose();
  await browser?.close();
});

const nudge = (page: Page) => page.getByTestId("reminder-nudge");
const badge = (page: Page) => page.getByTestId("messages-unread");

describe("reminders and the unread badge", () => {
  it("turns on the check-in reminder, nudges on Today until the check-in, and badges a new message live", async () => {
    const page = await browser.context.newPage();
    await signIn(page, "reminders");

    // Settings → Reminders: everything off to begin with.
    await openScreen(page, "Settings");
    const section = page.getByTestId("reminders");
    const checkin = section.getByTestId("reminder-checkin");
    await expect.poll(() => checkin.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await checkin.isChecked()).toBe(false);
    // Nothing due yet, so no nudge on Today.
    await checkin.check();
    await section.getByTestId("reminder-checkin-time").fill(hhmm(minuteNow - 10));
    await section.getByTestId("reminders-save").click();
    await expect
      .poll(() => page.getByTestId("reminders-done").textContent(), { timeout: 15_000 })
      .toBe("Your reminders are saved.");
    const saved = await apiGet<{ checkin: { enabled: boolean; minute: number } }>(
      server,
      patientToken,
      "/notifications/reminders",
    );
    expect(saved.checkin).toEqual({ enabled: true, minute: minuteNow - 10 });
    await section.scrollIntoViewIfNeeded();
    await checkScreen(page, "settings-reminders");

    // Reopening the app: no push on this device, so Today shows the nudge — kind words only.
    await page.goto(base());
    await expect.poll(() => nudge(page).count(), { timeout: 20_000 }).toBe(1);
    const words = (await nudge(page).textContent()) ?? "";
    expect(words).toContain("A moment for your check-in, whenever suits you.");
    expect(words).not.toMatch(/missed|forgot|streak|should|haven't/i);
    await checkScreen(page, "today-reminder-nudge");

    // Checking in: the nudge goes at once, and stays gone once the server has the check-in.
    await page.getByRole("button", { name: "Save check-in" }).click();
    await expect.poll(() => nudge(page).count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(async () => (await apiGet<{ nudges: unknown[] }>(server, patientToken, "/notifications/summary")).nudges, {
        timeout: 30_000,
      })
      .toEqual([]);
    await page.reload();
    await page.getByTestId("welcome").waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1000);
    expect(await nudge(page).count()).toBe(0);

    // The therapist writes; the badge appears within the poll, without a reload.
    expect(await badge(page).count()).toBe(0);
    const staffToken = await apiToken(server, "therapist@demo.haven");
    const sent = await server.post(`${base()}/api/v1/messages`, {
      headers: { Authorization: `Bearer ${staffToken}` },
      data: { opId: crypto.randomUUID(), recipientId: patientId, body: "Thanks for checking in today." },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    await expect.poll(() => badge(page).count(), { timeout: 45_000, interval: 1000 }).toBe(1);
    const nav = page.getByRole("navigation", { name: "Main" });
    // On a phone Messages is under More: the More tab carries the count, heard as "More, 1 unread message".
    await page.setViewportSize(PHONE);
    expect(await nav.getByRole("link", { name: /^More ?, 1 unread message$/ }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("more-unread").textContent()).toMatch(/^1,/);
    // On a wide screen the side navigation's Messages link is heard as "Messages, 1 unread".
    await page.setViewportSize(DESKTOP);
    expect(await nav.getByRole("link", { name: /^Messages ?, 1 unread$/ }).count()).toBe(1);
    await checkScreen(page, "messages-unread-badge");

    // Opening the conversation marks it read, and the badge goes.
    await openScreen(page, /^Messages/);
    // The message reaches the device's copy with the next sync.
    const thread = page.getByTestId("conversations").getByRole("button", { name: /Tess Therapist/ });
    await expect.poll(() => thread.textContent(), { timeout: 45_000 }).toContain("Thanks for checking in today.");
    await thread.click();
    await expect.poll(() => page.getByTestId("conversation").textContent()).toContain("Thanks for checking in today.");
    await expect.poll(() => badge(page).count(), { timeout: 15_000 }).toBe(0);
    await page.setViewportSize(DESKTOP);
    expect(await nav.getByRole("link", { name: "Messages", exact: true }).count()).toBe(1);
    expect(await page.getByTestId("more-unread").count()).toBe(0);
    await page.setViewportSize(PHONE);
    const summary = await apiGet<{ unreadMessages: number }>(server, patientToken, "/notifications/summary");
    expect(summary.unreadMessages).toBe(0);
  }, 240_000);
});
