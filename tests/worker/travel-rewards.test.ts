/**
 * Issue 13, item 13: changing time zone back and forth must never earn a day's reward twice.
 * A local day is credited once, and a new one starts for rewards only when the credited day has
 * ended in the zone it was credited in (shared/domain/credit-day.ts).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { FIRST_MOOD_OF_DAY_XP } from "../../shared/domain/progression";
import { call, fastSession, json, patientWithHabit, register } from "./helpers";

type Progress = { progress: { xp: number; coins: number } };

afterEach(() => {
  vi.useRealTimers();
});

const moveTo = async (token: string, timezone: string) =>
  expect((await call("/api/v1/me", { method: "PATCH", token, body: { timezone } })).status).toBe(200);

describe("travel never double-counts a day", () => {
  it("a first check-in of the day is rewarded once however often the time zone flips within a minute", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-11-20T16:00:00Z"));
    const p = await register();
    let token = p.accessToken;
    const mood = async (at: string) => {
      const res = await call("/api/v1/moods", { token, body: { mood: 6, sleepQuality: 6, at } });
      expect(res.status).toBe(201);
      return (await json<Progress>(res)).progress;
    };
    // 15:58 in London: the 20th, the first check-in there.
    const first = await mood("2026-11-20T15:58:00Z");
    // Kiritimati (UTC+14) is already at 05:59 on the 21st; back in London; Kiritimati again.
    await moveTo(token, "Pacific/Kiritimati");
    const east = await mood("2026-11-20T15:59:00Z");
    await moveTo(token, "Europe/London");
    const back = await mood("2026-11-20T15:59:30Z");
    await moveTo(token, "Pacific/Kiritimati");
    const again = await mood("2026-11-20T16:00:00Z");
    expect(east.xp - first.xp).toBe(0);
    expect(back.xp - first.xp).toBe(0);
    expect(again.xp - first.xp).toBe(0);
    // The day credited in London ends at 04:00 London time on the 21st: from then a check-in earns again.
    await moveTo(token, "Europe/London");
    vi.setSystemTime(Date.parse("2026-11-21T04:30:00Z"));
    token = await fastSession(p.user.id); // the first access token has expired by now
    const next = await mood("2026-11-21T04:05:00Z");
    expect(next.xp - first.xp).toBe(FIRST_MOOD_OF_DAY_XP);
  });

  it("a habit's per-day target is not reset by flipping the time zone", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-11-20T16:00:00Z"));
    const p = await patientWithHabit({ schedule: { type: "daily", perDay: 1 } });
    let token = p.accessToken;
    const complete = (at: string) => call(`/api/v1/habits/${p.habitId}/completions`, { token, body: { at } });
    expect((await complete("2026-11-20T15:55:00Z")).status).toBe(201);
    await moveTo(p.accessToken, "Pacific/Kiritimati");
    const flipped = await complete("2026-11-20T15:57:00Z");
    expect(flipped.status).toBe(409);
    // A real new day (London's 21st, after its 04:00 start) takes a completion again.
    await moveTo(p.accessToken, "Europe/London");
    vi.setSystemTime(Date.parse("2026-11-21T05:00:00Z"));
    token = await fastSession(p.user.id);
    expect((await complete("2026-11-21T04:10:00Z")).status).toBe(201);
  });
});
