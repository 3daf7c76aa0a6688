import { Hono } from "hono";
import { type AuditEventView, auditPageResponse, auditQuery } from "../../shared/schemas/admin";
import type { Page } from "../../shared/schemas/common";
import type { AppEnv } from "../app-env";
import { auditEventsMatching, auditEventView } from "../db/audit-log";
import { database } from "../db/client";
import { audit } from "../lib/audit";
import { decodeIdCursor, encodeIdCursor } from "../lib/cursor";
import { json, operation } from "../lib/openapi";
import { queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";
import { adminAssignments } from "./admin-assignments";
import { adminEscalation } from "./admin-escalation";
import { adminHealth } from "./admin-health";
import { adminInvites } from "./admin-invites";
import { adminPasswordReset } from "./admin-password-reset";
import { adminUsers } from "./admin-users";

/** /api/v1/admin: admins only — accounts, assignments, the audit trail and system health; no clinical content. */
export const admin = new Hono<AppEnv>()
  .use(requireAuth, requireRole("admin"))
  .route("/users", adminUsers)
  .route("/users", adminPasswordReset)
  .route("/invites", adminInvites)
  .route("/assignments", adminAssignments)
  .route("/health", adminHealth)
  .route("/escalation", adminEscalation)
  .get(
    "/audit",
    operation({
      summary: "The audit trail, newest first (paged; filter by user, action, outcome, request, time)",
      responses: { 200: json(auditPageResponse, "A page of audit events") },
    }),
    queryParams(auditQuery),
    async (c) => {
      const q = c.req.valid("query");
      // Newest first; the cursor is the last id seen, so paging is stable while events append.
      // Crisis events name nobody, and a search for a person's or a request's events leaves them out.
      const rows = await auditEventsMatching(database(c.env.DB), {
        ...q,
        beforeId: q.cursor ? decodeIdCursor(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const hasMore = rows.length > q.limit;
      // Reading the audit trail is itself an admin action worth a line in it.
      await audit(c, { action: "admin.audit.read", outcome: "success" });
      const items = rows.slice(0, q.limit).map(auditEventView);
      const page: Page<AuditEventView> = {
        items,
        cursor: hasMore ? encodeIdCursor(items.at(-1)?.id ?? 0) : null,
        hasMore,
      };
      return c.json(page);
    },
  );
