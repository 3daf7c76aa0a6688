import { type SQL, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { ErrorCode } from "../../shared/errors";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { auditEvents } from "../db/schema";
import { hmacSha256 } from "./crypto";
import { toHex } from "./encoding";

export type AuditOutcome = "success" | "failure" | "blocked";

/**
 * One audit event. Callers pass identifiers and codes only: never passwords, tokens, TOTP or
 * recovery codes, or health content (`target` is an id or a hash, such as an email's).
 */
export interface AuditInput {
  action: string;
  outcome: AuditOutcome;
  userId?: string | null;
  role?: string | null;
  target?: string | null;
  errorCode?: ErrorCode | null;
  /** The request's IP hash unless given (null: an event that must not carry it, such as a deletion's). */
  ipHash?: string | null;
}

function auditValues(c: Context<AppEnv>, input: AuditInput): typeof auditEvents.$inferInsert {
  const auth = c.get("auth") as AppEnv["Variables"]["auth"] | undefined;
  return {
    at: Date.now(),
    requestId: c.get("requestId"),
    userId: input.userId !== undefined ? input.userId : (auth?.userId ?? null),
    role: input.role !== undefined ? input.role : (auth?.role ?? null),
    action: input.action,
    target: input.target ?? null,
    outcome: input.outcome,
    errorCode: input.errorCode ?? null,
    ipHash: input.ipHash !== undefined ? input.ipHash : c.get("ipHash"),
  };
}

/**
 * The insert as an unexecuted statement, to put in the same D1 batch as the write it
 * describes. (Synchronous on purpose: drizzle builders are thenables, so returning one from an
 * async function would run it on the spot, outside the batch.)
 */
export function auditStatement(c: Context<AppEnv>, input: AuditInput) {
  return database(c.env.DB).insert(auditEvents).values(auditValues(c, input));
}

/**
 * The insert as an unexecuted statement that writes only while `condition` holds when it runs.
 * Put it in the same D1 batch (one transaction) as a write guarded by the same condition, before
 * it: the write and its event then happen together or not at all, even when another request
 * changed the row between this request's read and its write.
 */
export function auditStatementIf(c: Context<AppEnv>, input: AuditInput, condition: SQL) {
  const v = auditValues(c, input);
  // INSERT … SELECT the values FROM one row WHERE the condition holds: no row, no event. The
  // selected keys follow the table's column order, as drizzle requires; the id is SQLite's.
  return database(c.env.DB)
    .insert(auditEvents)
    .select((qb) =>
      qb
        .select({
          id: sql<number>`NULL`.as("id"),
          at: sql<number>`${v.at}`.as("at"),
          requestId: sql<string>`${v.requestId}`.as("request_id"),
          userId: sql<string | null>`${v.userId ?? null}`.as("user_id"),
          role: sql<string | null>`${v.role ?? null}`.as("role"),
          action: sql<string>`${v.action}`.as("action"),
          target: sql<string | null>`${v.target ?? null}`.as("target"),
          outcome: sql<string>`${v.outcome}`.as("outcome"),
          errorCode: sql<string | null>`${v.errorCode ?? null}`.as("error_code"),
          ipHash: sql<string | null>`${v.ipHash ?? null}`.as("ip_hash"),
        })
        .from(sql`(SELECT 1)`)
        .where(condition),
    );
}

/** Appends an audit event and waits for it: an auth event that is not recorded did not happen. */
export async function audit(c: Context<AppEnv>, input: AuditInput): Promise<void> {
  await auditStatement(c, input);
}

/**
 * The keyed hash of an email address, for audit targets (and per-account rate-limit keys): an
 * HMAC under a key derived from the server secret, so nobody holding a copy of the audit log can
 * confirm a guessed address by hashing it. The address is normalised as the schemas do.
 */
export async function emailAuditHash(env: Pick<Env, "JWT_SECRET">, email: string): Promise<string> {
  return toHex(await hmacSha256(`audit-email:${env.JWT_SECRET}`, email.trim().toLowerCase()));
}

/**
 * What a deleted account is called in the audit log from then on: `deleted:` and an HMAC of its
 * id under a key derived from the server secret. The same person always maps to the same
 * tombstone (their events still read as one person's), and without the key nobody can tell
 * whose it was.
 */
export async function auditTombstone(env: Pick<Env, "JWT_SECRET">, userId: string): Promise<string> {
  return `deleted:${toHex(await hmacSha256(`audit-tombstone:${env.JWT_SECRET}`, userId)).slice(0, 32)}`;
}

/**
 * Crisis events (risk flags, an SOS, a companion reply replaced for safety, staff working on a
 * flag) are clinical information: admins see that they happened, and when, only in aggregate —
 * never per patient (GET /admin/audit hides who, which flag, which request and the IP hash).
 */
export const CRISIS_AUDIT_ACTIONS = [
  "companion.risk",
  "patient.sos",
  "command.risk.flag",
  "companion.reply_replaced",
] as const;
export const CRISIS_AUDIT_PREFIX = "staff.flag.";

export function isCrisisAuditAction(action: string): boolean {
  return (CRISIS_AUDIT_ACTIONS as readonly string[]).includes(action) || action.startsWith(CRISIS_AUDIT_PREFIX);
}

/** The audit action of sync operations whose type is not a known command (one event per push). */
export const UNKNOWN_OPERATION_ACTION = "sync.unknown_operation";

/** A refused request (a role or an object the caller may not reach): one `authz.denied` event naming the method and path. */
export function auditDenial(c: Context<AppEnv>, errorCode: ErrorCode): Promise<void> {
  return audit(c, {
    action: "authz.denied",
    outcome: "failure",
    target: `${c.req.method} ${new URL(c.req.url).pathname}`,
    errorCode,
  });
}
