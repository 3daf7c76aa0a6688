/**
 * The local demo clinic (PRODUCT.md, "Local demo data"). These accounts exist only in local
 * development: the Worker refuses their sign-in elsewhere and `npm run predeploy:check` refuses
 * a database that holds them.
 */
import { DEFAULT_DAY_START_HOUR } from "../../shared/domain/local-day";
import { mfaRequiredFor, type Role } from "../../shared/roles";
import { hashPassword } from "../auth/password";
import { demoHistorySql } from "./demo-history";
import { sqlString } from "./lib";

export const DEMO_PASSWORD = "haven-demo-2026";

/**
 * The demo staff's two-factor key (staff must use 2FA: shared/roles.ts). Published like the
 * password, so it is only as safe as the demo accounts are, which never sign in outside local
 * development. Add it to an authenticator app, or print the current code: `npm run demo:code`.
 */
export const DEMO_STAFF_TOTP_SECRET = "HAVENDEMOSTAFFTWOFACTORKEYLOCAL2";

export interface DemoAccount {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  timezone: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    id: "0d3c0000-0000-4000-8000-000000000001",
    email: "admin@demo.haven",
    role: "admin",
    displayName: "Ada Admin",
    timezone: "Europe/London",
  },
  {
    id: "0d3c0000-0000-4000-8000-000000000002",
    email: "clinician@demo.haven",
    role: "clinician",
    displayName: "Dr Chidi Okafor",
    timezone: "Europe/London",
  },
  {
    id: "0d3c0000-0000-4000-8000-000000000003",
    email: "therapist@demo.haven",
    role: "therapist",
    displayName: "Tess Therapist",
    timezone: "Europe/London",
  },
  {
    id: "0d3c0000-0000-4000-8000-000000000004",
    email: "patient@demo.haven",
    role: "patient",
    displayName: "Priya Patel",
    timezone: "Europe/London",
  },
  {
    id: "0d3c0000-0000-4000-8000-000000000005",
    email: "patient2@demo.haven",
    role: "patient",
    displayName: "Sam Rivera",
    timezone: "America/New_York",
  },
];

/**
 * The SQL that adds one demo account (with the demo password's hash; staff with the published
 * two-factor key), ignored when the id or email exists. The benchmark seeds its accounts with it too.
 */
export function demoUserSql(a: DemoAccount, passwordHash: string, now: number): string {
  const values = [
    a.id,
    a.email,
    a.role,
    "active",
    a.displayName,
    a.timezone,
    DEFAULT_DAY_START_HOUR,
    passwordHash,
    mfaRequiredFor(a.role) ? DEMO_STAFF_TOTP_SECRET : null,
    // Demo addresses count as confirmed: no confirmation banner on the demo screens.
    now,
    // The demo accounts have been using Haven for weeks: no first-run flow.
    now,
    now,
    now,
  ].map(sqlString);
  return `INSERT OR IGNORE INTO users (id, email, role, status, display_name, timezone, day_start_hour, password_hash, totp_secret, email_verified_at, onboarded_at, created_at, updated_at) VALUES (${values.join(", ")});`;
}

/**
 * SQL that seeds the demo clinic idempotently: `INSERT OR IGNORE` on fixed ids and unique
 * emails, so running it on every start changes nothing once the accounts exist (a demo user's
 * changed password or profile is kept), plus a few weeks of history for both patients.
 */
export async function demoSeedSql(now = Date.now()): Promise<string> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const rows = DEMO_ACCOUNTS.map((a) => demoUserSql(a, hash, now));
  // A demo staff account without 2FA (seeded before it was mandatory, or reset by the demo admin)
  // gets the published key back, so the printed logins always work.
  for (const a of DEMO_ACCOUNTS.filter((account) => mfaRequiredFor(account.role))) {
    rows.push(
      `UPDATE users SET totp_secret = ${sqlString(DEMO_STAFF_TOTP_SECRET)}, totp_pending_secret = NULL WHERE id = ${sqlString(a.id)} AND totp_secret IS NULL;`,
    );
  }
  // Demo accounts seeded before email confirmation existed (migration 0021) are confirmed too,
  // while they still have their demo address.
  for (const a of DEMO_ACCOUNTS) {
    rows.push(
      `UPDATE users SET email_verified_at = ${sqlString(now)} WHERE id = ${sqlString(a.id)} AND email = ${sqlString(a.email)} AND email_verified_at IS NULL;`,
    );
  }
  const patients = DEMO_ACCOUNTS.filter((a) => a.role === "patient");
  const staff = DEMO_ACCOUNTS.filter((a) => a.role === "therapist" || a.role === "clinician");
  const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin");
  // Both demo patients are looked after by both demo staff members.
  for (const s of staff) {
    for (const p of patients) {
      rows.push(
        `INSERT OR IGNORE INTO assignments (staff_id, patient_id, created_at, created_by) VALUES (${[s.id, p.id, now, admin?.id ?? s.id].map(sqlString).join(", ")});`,
      );
    }
  }
  const history = patients.map((patient, i) => demoHistorySql(patient, i + 1, now));
  return `${[...rows, ...history].join("\n")}\n`;
}
