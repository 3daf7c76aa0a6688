/**
 * Patients for the browser tests, one per test file, seeded into the stack's local D1 by the
 * global setup (registration is rate-limited per IP, so tests cannot register their way to
 * fresh accounts). Each is assigned to the demo therapist and clinician, like the demo patients.
 * Some get three weeks of the demo history as well (HISTORY below), so a test can write to a
 * patient with a past without touching the demo accounts: those are only ever read by tests, so
 * one file's failure (or a write that outlives a timed-out test) cannot change what another
 * file sees.
 */
import { hashPassword } from "../../worker/auth/password";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../worker/scripts/demo-data";
import { demoHistorySql } from "../../worker/scripts/demo-history";
import { sqlString } from "../../worker/scripts/lib";

export const E2E_ACCOUNTS = [
  "shell",
  "signin",
  "offline",
  "sanctum",
  "quests",
  "habits",
  "spirit",
  "pet",
  "messages",
  "assessments",
  "safety",
  "settings",
  "settings-delete",
  "companion",
  "crisis",
  "journey",
  "today",
  "today-ny",
  "offline-ny",
  "session",
  "signout",
  "session-end",
  "first-session",
  "double-tap",
  "help-plan",
  "sos",
  "low-mood",
  "cssrs",
  "blocking",
  "pest",
  "device-lock",
  "device-pin",
  "care-inbox",
  "care-clinical",
  "care-dashboard",
  "care-admin",
  "push",
  "reminders",
  "forgot-password",
  "verify-email",
  "onboarding",
  "onboarding-skip",
  "layout",
  "pet-shop",
  "level-up",
] as const;
export type E2eAccount = (typeof E2E_ACCOUNTS)[number];

export const E2E_PASSWORD = DEMO_PASSWORD;

/** The accounts seeded with the demo history (worker/scripts/demo-history.ts), and their zones. */
const HISTORY: Partial<Record<E2eAccount, string>> = {
  journey: "Europe/London",
  today: "Europe/London",
  "today-ny": "America/New_York",
  "offline-ny": "America/New_York",
  "care-dashboard": "Europe/London",
};

/** The accounts whose email address starts unconfirmed (issue 18: the confirmation banner's test). */
const UNVERIFIED: readonly E2eAccount[] = ["verify-email"];

/** The accounts that have not yet been through the first-run flow (issue 19: its own test). */
const NOT_ONBOARDED: readonly E2eAccount[] = ["onboarding", "onboarding-skip"];

/**
 * Coins an account starts with (issue 19: the pet's wardrobe test buys a 100-coin bow, which the
 * honest way, a few habits a day, would take days to earn). Written as one earned reward and the
 * matching running total, as the server would have them.
 */
const COINS: Partial<Record<E2eAccount, number>> = { "pet-shop": 150 };

/** XP an account starts with: three short of level 2 (100 XP), for the level-up celebration's test. */
const XP: Partial<Record<E2eAccount, number>> = { "level-up": 97 };

/** The time zone an account lives in (Europe/London unless it has history elsewhere). */
export function e2eTimezone(name: E2eAccount): string {
  return HISTORY[name] ?? "Europe/London";
}

export function e2eEmail(name: E2eAccount): string {
  return `${name}@e2e.haven`;
}

export function e2eId(name: E2eAccount): string {
  return `e2e00000-0000-4000-8000-${String(E2E_ACCOUNTS.indexOf(name) + 1).padStart(12, "0")}`;
}

/** A display name a person could have: "E2e Pet" for the pet file's patient. */
export function e2eName(name: E2eAccount): string {
  return `E2e ${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

export async function e2eAccountsSql(now = Date.now()): Promise<string> {
  const hash = await hashPassword(E2E_PASSWORD);
  const staff = DEMO_ACCOUNTS.filter((a) => a.role === "therapist" || a.role === "clinician");
  const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")?.id ?? "";
  const rows: string[] = [];
  for (const name of E2E_ACCOUNTS) {
    const id = e2eId(name);
    const timezone = e2eTimezone(name);
    // Confirmed addresses, so no screen shows the confirmation banner, except where a test needs it.
    const verifiedAt = UNVERIFIED.includes(name) ? null : now;
    // Past the first-run flow, so it opens on Today, except for the flow's own test.
    const onboardedAt = NOT_ONBOARDED.includes(name) ? null : now;
    const values = [
      ...[id, e2eEmail(name), "patient", "active", e2eName(name), timezone, 4, hash],
      ...[verifiedAt, onboardedAt, now, now],
    ];
    rows.push(
      `INSERT OR IGNORE INTO users (id, email, role, status, display_name, timezone, day_start_hour, password_hash, email_verified_at, onboarded_at, created_at, updated_at) VALUES (${values.map(sqlString).join(", ")});`,
    );
    for (const s of staff) {
      rows.push(
        `INSERT OR IGNORE INTO assignments (staff_id, patient_id, created_at, created_by) VALUES (${[s.id, id, now, admin].map(sqlString).join(", ")});`,
      );
    }
    const coins = COINS[name] ?? 0;
    const xp = XP[name] ?? 0;
    if (coins || xp) {
      // Earned before today (a week ago), so today's earnings and first check-in start from zero.
      const at = now - 7 * 86_400_000;
      const day = new Date(at).toISOString().slice(0, 10);
      rows.push(
        `INSERT OR IGNORE INTO rewards (user_id, op_id, source, ref_id, local_day, xp, coins, at) VALUES (${[id, `e2e-start-${id}`, "quest", null, day, xp, coins, at].map(sqlString).join(", ")});`,
        `INSERT OR IGNORE INTO progress (user_id, xp, coins, updated_at) VALUES (${[id, xp, coins, at].map(sqlString).join(", ")});`,
      );
    }
    if (HISTORY[name]) {
      const account = { id, email: e2eEmail(name), role: "patient" as const, displayName: e2eName(name), timezone };
      rows.push(demoHistorySql(account, 100 + E2E_ACCOUNTS.indexOf(name), now));
    }
  }
  return `${rows.join("\n")}\n`;
}
