import type { Context } from "hono";
import type { ErrorCode } from "../../shared/errors";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { auditEvents } from "../db/schema";

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
    ipHash: c.get("ipHash"),
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

/** Appends an audit event and waits for it: an auth event that is not recorded did not happen. */
export async function audit(c: Context<AppEnv>, input: AuditInput): Promise<void> {
  await auditStatement(c, input);
}
