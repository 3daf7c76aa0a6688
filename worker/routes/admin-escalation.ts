import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { type EscalationSettingsView, escalationBody, escalationResponse } from "../../shared/schemas/admin";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { escalationConfig, type OnCallContact, onCallCandidate, writeEscalationSettings } from "../db/flag-alerts";
import { audit, auditStatement } from "../lib/audit";
import { json, operation } from "../lib/openapi";
import { jsonBody } from "../lib/validate";

/** The on-call contact as admins see them: identity only. */
function onCallView(contact: OnCallContact | null): EscalationSettingsView["onCall"] {
  return contact ? { id: contact.id, displayName: contact.displayName, role: contact.role } : null;
}

/**
 * /api/v1/admin/escalation (behind the admin guard): who is on call and after how long a high
 * flag nobody acknowledged escalates to them (worker/notify/flag-alerts.ts).
 */
export const adminEscalation = new Hono<AppEnv>()
  .get(
    "/",
    operation({
      summary: "The escalation settings: minutes before an unacknowledged high flag escalates, and the on-call contact",
      responses: { 200: json(escalationResponse, "The escalation settings (default 15 minutes, nobody on call)") },
    }),
    async (c) => {
      const { minutes, onCall } = await escalationConfig(database(c.env.DB));
      const body: EscalationSettingsView = { minutes, onCall: onCallView(onCall) };
      return c.json(body);
    },
  )
  .put(
    "/",
    operation({
      summary: "Set the escalation minutes (1–240) and the on-call contact (an active therapist or clinician, or none)",
      responses: { 200: json(escalationResponse, "The escalation settings as they are now") },
    }),
    jsonBody(escalationBody),
    async (c) => {
      const { minutes, onCallUserId } = c.req.valid("json");
      const db = database(c.env.DB);
      const onCall = onCallUserId ? await onCallCandidate(db, onCallUserId) : null;
      if (onCallUserId && !onCall) {
        await audit(c, {
          action: "admin.escalation.update",
          outcome: "failure",
          target: onCallUserId,
          errorCode: "ON_CALL_INVALID",
        });
        throw new ApiError("ON_CALL_INVALID");
      }
      await writeEscalationSettings(
        db,
        { minutes, onCallUserId },
        c.get("auth").userId,
        Date.now(),
        auditStatement(c, { action: "admin.escalation.update", outcome: "success", target: onCallUserId }),
      );
      const body: EscalationSettingsView = { minutes, onCall: onCallView(onCall) };
      return c.json(body);
    },
  );
