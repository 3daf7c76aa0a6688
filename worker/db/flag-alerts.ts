/**
 * Risk-flag alerting (issue 17, item 3): claiming new flags once, the staff to alert, escalation
 * of unacknowledged high flags to the on-call contact, and the escalation settings an admin
 * configures (app_settings). The rules that use these are worker/notify/flag-alerts.ts.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { ESCALATION_MINUTES_DEFAULT, ESCALATION_MINUTES_MAX, ESCALATION_MINUTES_MIN } from "../../shared/schemas/admin";
import type { Database } from "./client";
import { appSettings, assignments, auditEvents, riskFlags, users } from "./schema";

/** How many flags one sweep claims at most; the next sweep (a minute later) takes the rest. */
export const FLAG_CLAIM_BATCH = 100;

export interface ClaimedFlag {
  patientId: string;
  flagId: string;
  level: "high" | "medium" | "low";
}

/**
 * Marks flags nobody was alerted about yet as notified at `now`, and answers them: one UPDATE …
 * RETURNING, so two sweeps at once (the cron and a commit's fast path) never claim the same flag.
 */
export async function claimUnnotifiedFlags(db: Database, now: number): Promise<ClaimedFlag[]> {
  const rows = await db
    .update(riskFlags)
    .set({ notifiedAt: now })
    .where(
      sql`rowid IN (SELECT rowid FROM ${riskFlags} WHERE ${riskFlags.notifiedAt} IS NULL ORDER BY ${riskFlags.createdAt} LIMIT ${FLAG_CLAIM_BATCH})`,
    )
    .returning({ patientId: riskFlags.userId, flagId: riskFlags.id, level: riskFlags.level })
    .all();
  return rows;
}

export interface StaffContact {
  patientId: string;
  staffId: string;
  email: string;
}

/** Every active therapist and clinician assigned to these patients. */
export function assignedStaff(db: Database, patientIds: string[]): Promise<StaffContact[]> {
  if (patientIds.length === 0) return Promise.resolve([]);
  return db
    .select({ patientId: assignments.patientId, staffId: users.id, email: users.email })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.staffId))
    .where(
      and(
        inArray(assignments.patientId, patientIds),
        eq(users.status, "active"),
        inArray(users.role, ["therapist", "clinician"]),
      ),
    )
    .all();
}

// ---------------------------------------------------------------------------------------------
// Escalation settings (app_settings), and the on-call contact.

const MINUTES_KEY = "escalation.minutes";
const ON_CALL_KEY = "escalation.on_call_user_id";

export interface EscalationSettings {
  minutes: number;
  /** The configured on-call user's id, whatever their account's state now. */
  onCallUserId: string | null;
}

export interface OnCallContact {
  id: string;
  displayName: string;
  role: "therapist" | "clinician";
  email: string;
}

/** The escalation settings: 15 minutes and nobody on call until an admin sets them. */
export async function readEscalationSettings(db: Database): Promise<EscalationSettings> {
  const rows = await db
    .select({ key: appSettings.key, value: appSettings.value })
    .from(appSettings)
    .where(inArray(appSettings.key, [MINUTES_KEY, ON_CALL_KEY]))
    .all();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const stored = Number(value(MINUTES_KEY));
  const minutes =
    Number.isInteger(stored) && stored >= ESCALATION_MINUTES_MIN && stored <= ESCALATION_MINUTES_MAX
      ? stored
      : ESCALATION_MINUTES_DEFAULT;
  return { minutes, onCallUserId: value(ON_CALL_KEY) || null };
}

/** A user who may be on call: an active therapist or clinician; null otherwise. */
export async function onCallCandidate(db: Database, userId: string): Promise<OnCallContact | null> {
  const row = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, "active"), inArray(users.role, ["therapist", "clinician"])))
    .get();
  return row ? { ...row, role: row.role as OnCallContact["role"] } : null;
}

/** The settings with the on-call contact resolved (null when none is set or they may no longer be on call). */
export async function escalationConfig(
  db: Database,
): Promise<{ minutes: number; onCall: OnCallContact | null; onCallUserId: string | null }> {
  const settings = await readEscalationSettings(db);
  const onCall = settings.onCallUserId ? await onCallCandidate(db, settings.onCallUserId) : null;
  return { minutes: settings.minutes, onCall, onCallUserId: settings.onCallUserId };
}

/** Stores both settings, in one batch with `audit`. */
export async function writeEscalationSettings(
  db: Database,
  settings: EscalationSettings,
  by: string,
  now: number,
  audit: BatchItem<"sqlite">,
): Promise<void> {
  const upsert = (key: string, value: string) =>
    db
      .insert(appSettings)
      .values({ key, value, updatedAt: now, updatedBy: by })
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: now, updatedBy: by } });
  await db.batch([
    upsert(MINUTES_KEY, String(settings.minutes)),
    upsert(ON_CALL_KEY, settings.onCallUserId ?? ""),
    audit,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Escalation.

/** The audit actor of what the scheduled sweep does on its own (no user, no request). */
export const SYSTEM_ROLE = "system";

/**
 * Claims the high flags still open (nobody acknowledged them), already alerted, not escalated
 * yet and raised at or before `now - minutes`: sets escalated_at and escalated_to in one UPDATE …
 * RETURNING (two sweeps never escalate a flag twice), then records one `flag.escalated` audit
 * event per flag (actor: the system).
 */
export async function claimOverdueFlags(
  db: Database,
  now: number,
  minutes: number,
  onCallUserId: string,
): Promise<{ patientId: string; flagId: string }[]> {
  const rows = await db
    .update(riskFlags)
    .set({ escalatedAt: now, escalatedTo: onCallUserId })
    .where(
      and(
        eq(riskFlags.level, "high"),
        eq(riskFlags.status, "open"),
        isNull(riskFlags.escalatedAt),
        isNotNull(riskFlags.notifiedAt),
        lte(riskFlags.createdAt, now - minutes * 60_000),
      ),
    )
    .returning({ patientId: riskFlags.userId, flagId: riskFlags.id })
    .all();
  if (rows.length > 0) {
    await db
      .insert(auditEvents)
      .values(
        rows.map((r) => ({
          at: now,
          requestId: `scheduled:${now}`,
          userId: null,
          role: SYSTEM_ROLE,
          action: "flag.escalated",
          target: r.flagId,
          outcome: "success" as const,
          errorCode: null,
          ipHash: null,
        })),
      )
      .run();
  }
  return rows;
}

export interface UnacknowledgedHighRow {
  flagId: string;
  createdAt: number;
  escalatedAt: number | null;
  escalatedToName: string | null;
}

/** How many unacknowledged high flags the health screen lists at most (oldest first). */
export const UNACKNOWLEDGED_LIST_MAX = 50;

/** High flags still open (nobody acknowledged them), oldest first, with whom each escalated to. */
export async function unacknowledgedHighFlags(
  db: Database,
): Promise<{ count: number; items: UnacknowledgedHighRow[] }> {
  const open = and(eq(riskFlags.level, "high"), eq(riskFlags.status, "open"));
  const [items, [total]] = await Promise.all([
    db
      .select({
        flagId: riskFlags.id,
        createdAt: riskFlags.createdAt,
        escalatedAt: riskFlags.escalatedAt,
        escalatedToName: users.displayName,
      })
      .from(riskFlags)
      .leftJoin(users, eq(users.id, riskFlags.escalatedTo))
      .where(open)
      .orderBy(asc(riskFlags.createdAt), asc(riskFlags.id))
      .limit(UNACKNOWLEDGED_LIST_MAX)
      .all(),
    db.select({ n: sql<number>`count(*)` }).from(riskFlags).where(open).all(),
  ]);
  return { count: total?.n ?? 0, items };
}
