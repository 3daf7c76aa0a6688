import { type Context, Hono } from "hono";
import { type FlagAction, nextFlagStatus } from "../../shared/domain/risk-flags";
import { ApiError } from "../../shared/errors";
import { idParam } from "../../shared/schemas/common";
import {
  flagAcknowledgeBody,
  flagInboxResponse,
  flagParams,
  flagResolveBody,
  flagResponse,
  flagsResponse,
} from "../../shared/schemas/staff";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { flagStatus, flagStillAt, moveFlagFrom } from "../db/staff";
import { caseloadOpenFlags, patientFlags } from "../db/staff-queries";
import { audit, auditStatementIf } from "../lib/audit";
import { json, operation } from "../lib/openapi";
import { jsonBody, pathParams } from "../lib/validate";
import { requirePatientAccess } from "../middleware/patient-access";

const clinician = requirePatientAccess("clinician");
const flagPath = pathParams(flagParams);

/**
 * Acknowledges or resolves a flag by the workflow's rules (nextFlagStatus). The write is guarded
 * by the status it was decided on, with its audit event in the same batch: if another member of
 * staff moved the flag in between, nothing is written and the decision is made again on the new
 * status (at most twice more: a status only moves forward). A resolved flag is 409 FLAG_RESOLVED;
 * acknowledging an acknowledged flag writes nothing and answers the flag as it is.
 */
async function moveFlag(c: Context<AppEnv>, flagId: string, action: FlagAction, note: string | undefined) {
  const patientId = c.get("patientId");
  const me = c.get("auth").userId;
  const db = database(c.env.DB);
  for (;;) {
    const status = await flagStatus(db, patientId, flagId);
    if (!status) throw new ApiError("NOT_FOUND");
    if (status === "resolved") throw new ApiError("FLAG_RESOLVED");
    const next = nextFlagStatus(status, action);
    if (next === null) break;
    const now = Date.now();
    // Whoever resolves an open flag has seen it: the acknowledgement is theirs, at the same time.
    const acknowledge = { acknowledgedAt: now, acknowledgedBy: me };
    const set =
      next === "resolved"
        ? {
            status: next,
            resolvedAt: now,
            resolvedBy: me,
            resolvedNote: note ?? null,
            ...(status === "open" ? acknowledge : {}),
          }
        : { status: next, ...acknowledge, acknowledgedNote: note ?? null };
    const event = auditStatementIf(
      c,
      { action: `staff.flag.${action}`, outcome: "success", target: `${patientId}/${flagId}` },
      flagStillAt(patientId, flagId, status),
    );
    if (await moveFlagFrom(db, patientId, flagId, status, set, event)) break;
  }
  const [flag] = await patientFlags(db, patientId, [flagId]);
  return c.json({ flag });
}

/**
 * A patient's risk flags for their assigned clinicians (shared/domain/risk-flags.ts has the
 * rules): the list in staff order, and the workflow open → acknowledged → resolved. Mounted in
 * staffRoutes, behind its sign-in and staff-role checks.
 */
export const staffFlagRoutes = new Hono<AppEnv>()
  // The risk inbox: every unresolved flag across my caseload, most urgent first. Therapists see it
  // too (level, source, category and handling, never the patient's words: the caseload already
  // shows them the counts); acknowledging and resolving stay with the clinicians.
  .get(
    "/flags",
    operation({
      summary: "The risk inbox: every unresolved flag across my caseload, most urgent first",
      responses: { 200: json(flagInboxResponse, "Unresolved flags, in staff order, each with its patient") },
    }),
    async (c) => {
      const items = await caseloadOpenFlags(database(c.env.DB), c.get("auth").userId);
      return c.json({ items });
    },
  )
  // Every flag of the patient in staff order (unresolved first, high before medium before low).
  .get(
    "/patients/:id/flags",
    operation({
      summary: "A patient's risk flags, unresolved and most urgent first",
      responses: { 200: json(flagsResponse, "Every flag of the patient, in staff order") },
    }),
    clinician,
    pathParams(idParam),
    async (c) => {
      const patientId = c.get("patientId");
      const items = await patientFlags(database(c.env.DB), patientId);
      await audit(c, { action: "staff.flag.list", outcome: "success", target: patientId });
      return c.json({ items });
    },
  )
  .post(
    "/patients/:id/flags/:flagId/acknowledge",
    operation({
      summary: "Acknowledge a risk flag (seen; optionally with a note)",
      responses: { 200: json(flagResponse, "The flag as it is now") },
    }),
    clinician,
    flagPath,
    jsonBody(flagAcknowledgeBody),
    (c) => moveFlag(c, c.req.valid("param").flagId, "acknowledge", c.req.valid("json").note),
  )
  .post(
    "/patients/:id/flags/:flagId/resolve",
    operation({
      summary: "Resolve a risk flag, with a note of what was done",
      responses: { 200: json(flagResponse, "The flag as it is now") },
    }),
    clinician,
    flagPath,
    jsonBody(flagResolveBody),
    (c) => moveFlag(c, c.req.valid("param").flagId, "resolve", c.req.valid("json").note),
  );
