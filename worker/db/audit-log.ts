/** Reading the audit trail (admins). Writing it is worker/lib/audit.ts. */
import { and, desc, eq, gte, inArray, like, lt, not, or, type SQL } from "drizzle-orm";
import type { AuditEventView } from "../../shared/schemas/admin";
import { CRISIS_AUDIT_ACTIONS, CRISIS_AUDIT_PREFIX, isCrisisAuditAction } from "../lib/audit";
import type { Database } from "./client";
import { auditEvents } from "./schema";

export type AuditEventRow = typeof auditEvents.$inferSelect;

const isCrisis = or(
  inArray(auditEvents.action, [...CRISIS_AUDIT_ACTIONS]),
  like(auditEvents.action, `${CRISIS_AUDIT_PREFIX}%`),
) as SQL;

export interface AuditFilter {
  userId?: string;
  action?: string;
  outcome?: AuditEventRow["outcome"];
  requestId?: string;
  /** Times in ms since the epoch; `to` exclusive. */
  from?: number;
  to?: number;
  /** Only events older than this id (the page before). */
  beforeId?: number;
  limit: number;
}

/**
 * Audit events matching the filter, newest (highest id) first, at most `limit`. Crisis events are
 * clinical information: an admin sees that they happened, never whose they were, so a search for
 * one person's events (or one request's, which would name the person through the request's
 * other events) leaves them out.
 */
export function auditEventsMatching(db: Database, q: AuditFilter): Promise<AuditEventRow[]> {
  const filters: (SQL | undefined)[] = [];
  if (q.userId) filters.push(eq(auditEvents.userId, q.userId));
  if (q.userId || q.requestId) filters.push(not(isCrisis));
  if (q.action) filters.push(eq(auditEvents.action, q.action));
  if (q.outcome) filters.push(eq(auditEvents.outcome, q.outcome));
  if (q.requestId) filters.push(eq(auditEvents.requestId, q.requestId));
  if (q.from !== undefined) filters.push(gte(auditEvents.at, q.from));
  if (q.to !== undefined) filters.push(lt(auditEvents.at, q.to));
  if (q.beforeId !== undefined) filters.push(lt(auditEvents.id, q.beforeId));
  return db
    .select()
    .from(auditEvents)
    .where(and(...filters))
    .orderBy(desc(auditEvents.id))
    .limit(q.limit)
    .all();
}

/** An audit event as admins read it: a crisis event names nobody (who, what and request are null). */
export function auditEventView(r: AuditEventRow): AuditEventView {
  return {
    ...r,
    ...(isCrisisAuditAction(r.action) ? { userId: null, target: null, ipHash: null, requestId: null } : {}),
    at: new Date(r.at).toISOString(),
  };
}
