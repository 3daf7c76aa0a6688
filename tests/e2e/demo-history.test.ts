/**
 * The demo clinic's history as a newcomer meets it after `npm start`, at whatever hour that is
 * (this file also runs at every pinned clock: tests/e2e/clock.ts). Three weeks on each demo
 * patient's own local days, every event on the day its local wall clock says, no habit over its
 * daily target, and today's earnings adding up. The expectations come from Intl's wall clock and
 * the pinned clocks' hand-worked days, not from the shared localDay() the seed itself uses.
 */
import { describe, expect, inject, it } from "vitest";
import { FIRST_MOOD_OF_DAY_XP, HABIT_XP, QUEST_XP } from "../../shared/domain/progression";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../worker/scripts/demo-data";
import { PINNED_CLOCKS } from "./clock";
import { stackNow } from "./stack-clock";
import { expectedDay, wallClock } from "./wall-clock";

const base = inject("base");
const pinned = PINNED_CLOCKS.find((c) => c.name === inject("clockName"));

interface Change {
  entity: string;
  id: string;
  data: Record<string, unknown>;
}
interface Habit {
  id: string;
  name: string;
  difficulty: keyof typeof HABIT_XP;
  schedule: { type: "daily"; perDay: number };
  today: number;
}

async function signedIn(email: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
}

describe("the demo patients' history", () => {
  for (const patient of DEMO_ACCOUNTS.filter((a) => a.role === "patient")) {
    it(`lies on ${patient.displayName}'s own local days (${patient.timezone}), within the rules, with today adding up`, async () => {
      const get = await signedIn(patient.email);
      const now = stackNow();
      const today = expectedDay(now, patient.timezone);
      if (pinned) expect(today).toBe(pinned.localDay[patient.timezone as keyof typeof pinned.localDay]);

      const progress = await get<{ xp: number; coins: number; today: { localDay: string; xp: number; coins: number } }>(
        "/progress",
      );
      expect(progress.today.localDay).toBe(today);

      const { items: habits } = await get<{ items: Habit[] }>("/habits");
      expect(habits.map((h) => h.name)).toEqual(["Drink a glass of water", "Ten-minute walk", "Wind-down routine"]);
      // A first pull (a fresh install) receives the history through the change log.
      const pull = await get<{ changes: Change[]; hasMore: boolean }>("/sync/pull?limit=1000");
      expect(pull.hasMore).toBe(false);
      const of = (entity: string) => pull.changes.filter((c) => c.entity === entity).map((c) => c.data);
      for (const entity of ["habit", "completion", "mood", "quest", "pet", "progress", "assessment", "safetyPlan"]) {
        expect(of(entity).length, entity).toBeGreaterThan(0);
      }
      expect((await get<{ pet: { name: string } }>("/pet")).pet.name).toBe(
        patient.email === "patient@demo.haven" ? "Biscuit" : "Juniper",
      );

      // Every completion and check-in is in the past, on the local day of its wall-clock time,
      // at an hour a person keeps (habits 09:00–18:59, check-ins 19:00–22:59).
      const completions = of("completion") as { habitId: string; at: string; localDay: string }[];
      const moods = of("mood") as { at: string; localDay: string }[];
      for (const [events, from, to] of [
        [completions, 9, 18],
        [moods, 19, 22],
      ] as const) {
        for (const e of events) {
          const at = Date.parse(e.at);
          expect(at).toBeLessThan(now);
          expect(e.localDay, e.at).toBe(expectedDay(at, patient.timezone));
          expect(wallClock(at, patient.timezone).hour, e.at).toBeGreaterThanOrEqual(from);
          expect(wallClock(at, patient.timezone).hour, e.at).toBeLessThanOrEqual(to);
        }
      }
      // Three weeks of local days, ending today; one check-in a day at most.
      const moodDays = moods.map((m) => m.localDay);
      expect(new Set(moodDays).size).toBe(moodDays.length);
      expect(new Set(moodDays).size).toBeGreaterThanOrEqual(19);
      expect(moodDays.every((d) => d <= today)).toBe(true);

      // No habit goes over its daily target on any local day, and the server's "today" counts
      // are the seeded completions of today.
      for (const habit of habits) {
        const perDay = new Map<string, number>();
        for (const c of completions.filter((c) => c.habitId === habit.id)) {
          perDay.set(c.localDay, (perDay.get(c.localDay) ?? 0) + 1);
        }
        expect(Math.max(...perDay.values()), habit.name).toBeLessThanOrEqual(habit.schedule.perDay);
        expect(habit.today, habit.name).toBe(perDay.get(today) ?? 0);
      }

      // The progress adds up: XP by the rules for every seeded event, and today's share of it.
      const difficulty = new Map(habits.map((h) => [h.id, h.difficulty]));
      const habitXp = (cs: typeof completions) =>
        cs.reduce((s, c) => s + HABIT_XP[difficulty.get(c.habitId) ?? "easy"], 0);
      const questXp = (of("quest") as { status: string; difficulty: keyof typeof QUEST_XP }[])
        .filter((q) => q.status === "done")
        .reduce((s, q) => s + QUEST_XP[q.difficulty], 0);
      expect(progress.xp).toBe(habitXp(completions) + moods.length * FIRST_MOOD_OF_DAY_XP + questXp);
      const todays = completions.filter((c) => c.localDay === today);
      const moodToday = moodDays.includes(today) ? 1 : 0;
      expect(progress.today.xp).toBe(habitXp(todays) + moodToday * FIRST_MOOD_OF_DAY_XP);
      expect(progress.today.coins).toBe((todays.length + moodToday) * 5);
    });
  }
});
