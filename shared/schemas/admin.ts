import { z } from "zod";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../limits";

const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** `GET /api/v1/admin/audit` filters; times are ISO 8601 instants, `to` exclusive. */
export const auditQuery = z.strictObject({
  userId: z.uuid().optional(),
  action: z.string().min(1).max(64).optional(),
  outcome: z.enum(["success", "failure", "blocked"]).optional(),
  requestId: z.uuid().optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(128).optional(),
});

export interface AuditEventView {
  id: number;
  at: string;
  requestId: string;
  userId: string | null;
  role: string | null;
  action: string;
  target: string | null;
  outcome: "success" | "failure" | "blocked";
  errorCode: string | null;
  ipHash: string | null;
}
