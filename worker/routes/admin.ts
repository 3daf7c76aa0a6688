import { and, desc, eq, gte, inArray, like, lt, not, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { type AuditEventView, auditPageResponse, auditQuery } from "../../shared/schemas/admin";
import type { Page } from "../../shared/schemas/common";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { auditEvents } from "../db/schema";
import { audit, CRISIS_AUDIT_ACTIONS, CRISIS_AUDIT_PREFIX, isCrisisAuditAction } from "../lib/audit";
import { decodeIdCursor, encodeIdCursor } from "../lib/cursor";
import { json, operation } from "../lib/openapi";
import { queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";
import { adminAssignments } from "./admin-assignments";
import { adminUsers } from "./admin-users";

const isCrisis = or(
  inArray(auditEvents.action, [...CRISIS_AUDIT_ACTIONS]),
  like(auditEvents.action, `${CRISIS_AUDIT_PREFIX}%`),
) as SQL;

/** /api/v1/admin: admins only — accounts, assignments and the audit trail; no clinical content. */
export const admin = new Hono<AppEnv>()
  .use(requireAuth, requireRole("admin"))
  .route("/users", adminUsers)
  .route("/assignments", adminAssignments)
  .get(
    "/audit",
    operation({
      summary: "The audit trail, newest first (paged; filter by user, action, outcome, request, time)",
      responses: { 200: json(auditPageResponse, "A page of audit events") },
    }),
    queryParams(auditQuery),
    async (c) => {
      const q = c.req.valid("query");
      const filters: (SQL | undefined)[] = [];
      if (q.userId) filters.push(eq(auditEvents.userId, q.userId));
      // Crisis events are clinical information: an admin sees that they happened, never whose they
      // were, so a search for one person's events (or one request's, which would name the person
      // through the request's other events) leaves them out, and listed they name nobody.
      if (q.userId || q.requestId) filters.push(not(isCrisis));
      if (q.action) filters.push(eq(auditEvents.action, q.action));
      if (q.outcome) filters.push(eq(auditEvents.outcome, q.outcome));
      if (q.requestId) filters.push(eq(auditEvents.requestId, q.requestId));
      if (q.from !== undefined) filters.push(gte(auditEvents.at, q.from));
      if (q.to !== undefined) filters.push(lt(auditEvents.at, q.to));
      // Newest first; the cursor is the last id seen, so paging is stable while events append.
      if (q.cursor) filters.push(lt(auditEvents.id, decodeIdCursor(q.cursor)));
      const rows = await database(c.env.DB)
        .select()
        .from(auditEvents)
        .where(and(...filters))
        .orderBy(desc(auditEvents.id))
        .limit(q.limit + 1)
        .all();
      const hasMore = rows.length > q.limit;
      // Reading the audit trail is itself an admin action worth a line in it.
      await audit(c, { action: "admin.audit.read", outcome: "success" });
      const items: AuditEventView[] = rows.slice(0, q.limit).map((r) => ({
        ...r,
        ...(isCrisisAuditAction(r.action) ? { userId: null, target: null, ipHash: null, requestId: null } : {}),
        at: new Date(r.at).toISOString(),
      }));
      const page: Page<AuditEventView> = {
        items,
        cursor: hasMore ? encodeIdCursor(items.at(-1)?.id ?? 0) : null,
        hasMore,
      };
      return c.json(page);
    },
  );
