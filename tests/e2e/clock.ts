/**
 * The hours of the day every `npm test` also runs the day-sensitive browser tests at (journey,
 * Today, Spirit and the demo history check), each against its own `npm start` whose clock is set
 * with HAVEN_CLOCK (README "Trying Haven at another hour"), so no hour of the day can fail CI.
 * The demo patients keep the day-start hour 04:00; the local days below are worked out by hand
 * from the zones' rules, not by the code under test.
 */
export interface PinnedClock {
  name: string;
  /** The instant the stack's clock reads when it starts; time runs on from it. */
  at: string;
  why: string;
  /** The local day a patient is living at `at` (day start 04:00), by time zone. */
  localDay: { "Europe/London": string; "America/New_York": string };
}

export const PINNED_CLOCKS: readonly PinnedClock[] = [
  {
    name: "after-midnight",
    at: "2026-11-15T00:05:00Z",
    why: "00:05 in London: a new calendar date, but still the evening of the 14th",
    localDay: { "Europe/London": "2026-11-14", "America/New_York": "2026-11-14" },
  },
  {
    name: "before-day-start",
    at: "2026-11-15T03:50:00Z",
    why: "03:50 in London: ten minutes before the 14th ends",
    localDay: { "Europe/London": "2026-11-14", "America/New_York": "2026-11-14" },
  },
  {
    name: "after-day-start",
    at: "2026-11-15T04:05:00Z",
    why: "04:05 in London: the 15th has just begun (New York is still on the 14th)",
    localDay: { "Europe/London": "2026-11-15", "America/New_York": "2026-11-14" },
  },
  {
    name: "dst-spring",
    at: "2027-03-28T02:30:00Z",
    why: "03:30 BST, 90 minutes after London's clocks went forward: the 27th is a 23-hour day",
    localDay: { "Europe/London": "2027-03-27", "America/New_York": "2027-03-27" },
  },
  {
    name: "dst-autumn",
    at: "2026-10-25T02:30:00Z",
    why: "02:30 GMT, after London's 01:00–02:00 ran twice: the 24th is a 25-hour day",
    localDay: { "Europe/London": "2026-10-24", "America/New_York": "2026-10-24" },
  },
];

/** The clock a run was started for (HAVEN_TEST_CLOCK names one), or undefined for the real one. */
export function pinnedClock(name: string | undefined): PinnedClock | undefined {
  if (name === undefined || name === "") return undefined;
  const clock = PINNED_CLOCKS.find((c) => c.name === name);
  if (!clock) throw new Error(`HAVEN_TEST_CLOCK=${name} is not one of ${PINNED_CLOCKS.map((c) => c.name).join(", ")}`);
  return clock;
}
