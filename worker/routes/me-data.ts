import { Hono } from "hono";
import { toCsv } from "../../shared/csv";
import { ApiError } from "../../shared/errors";
import { FHIR_CONTENT_TYPE, fhirBundleSchema } from "../../shared/schemas/fhir";
import { dataExportSchema, deleteAccountBody } from "../../shared/schemas/me";
import type { AppEnv } from "../app-env";
import { verifyPassword } from "../auth/password";
import { clearRefreshCookie } from "../auth/refresh-cookie";
import { checkSecondFactor } from "../auth/second-factor";
import { database } from "../db/client";
import { checkInsOf, dataExportOf, deleteAccountStatements } from "../db/me-data";
import { findUserById } from "../db/users";
import { moodView } from "../db/views";
import { fhirResponse } from "../fhir/patient-bundle";
import { audit, auditStatement, auditTombstone, emailAuditHash } from "../lib/audit";
import { sha256Hex } from "../lib/crypto";
import { json, noBody, operation, text } from "../lib/openapi";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody } from "../lib/validate";
import { requireRole } from "../middleware/require-auth";

/**
 * /api/v1/me/export and DELETE /api/v1/me: the patient's data rights. The export is everything
 * Haven holds about me that I may see — never clinical notes, which are the clinicians' record.
 */
export const meData = new Hono<AppEnv>()
  .get(
    "/export",
    operation({
      summary: "Download everything Haven holds about me (JSON; never clinical notes)",
      responses: { 200: json(dataExportSchema, "My data, as an attachment (haven-export.json)") },
    }),
    async (c) => {
      const { userId } = c.get("auth");
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      const now = Date.now();
      const body = await dataExportOf(db, user, now);
      await audit(c, { action: "me.export", outcome: "success" });
      return c.json(body, 200, { "Content-Disposition": 'attachment; filename="haven-export.json"' });
    },
  )
  .get(
    "/export/fhir",
    operation({
      summary: "My check-ins and questionnaire totals as a signed FHIR R4 Bundle (patients)",
      responses: {
        200: json(
          fhirBundleSchema,
          "The Bundle; its detached JWS (ES256) is in the X-Haven-Signature header, keys at /api/v1/fhir/jwks.json",
          FHIR_CONTENT_TYPE,
        ),
      },
    }),
    requireRole("patient"),
    (c) => fhirResponse(c, c.get("auth").userId, null),
  )
  .get(
    "/export/check-ins.csv",
    operation({
      summary: "My mood and sleep check-ins as CSV, oldest first",
      responses: {
        200: text(
          "text/csv",
          "One row per check-in: at, local_day, mood, sleep_quality, sleep_hours, note, tags (as an attachment)",
        ),
      },
    }),
    async (c) => {
      const { userId } = c.get("auth");
      const checkIns = (await checkInsOf(database(c.env.DB), userId)).map(moodView);
      const csv = toCsv(
        ["at", "local_day", "mood", "sleep_quality", "sleep_hours", "note", "tags"],
        checkIns.map((m) => [m.at, m.localDay, m.mood, m.sleepQuality, m.sleepHours, m.note, m.tags.join("; ")]),
      );
      await audit(c, { action: "me.export.csv", outcome: "success" });
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="haven-check-ins.csv"',
      });
    },
  )
  .delete(
    "/",
    operation({
      summary: "Delete my account and everything in it (patients; password and 2FA code again)",
      responses: { 204: noBody("Deleted; the refresh cookie is cleared") },
    }),
    jsonBody(deleteAccountBody),
    async (c) => {
      const { userId } = c.get("auth");
      const db = database(c.env.DB);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      // Staff and admin accounts are deactivated by an admin, never deleted by their owner: their
      // actions (views, exports, notes, flags) stay attributable, and their notes stay with the patient.
      if (user.role !== "patient") {
        await audit(c, { action: "me.delete", outcome: "failure", errorCode: "STAFF_DEACTIVATION_REQUIRED" });
        throw new ApiError("STAFF_DEACTIVATION_REQUIRED");
      }
      // The password (and second factor) check is limited before any scrypt work: no password oracle.
      await enforceRateLimit(c, "deleteAccountPerUser", userId, { userId });
      const { password, code } = c.req.valid("json");
      const passwordOk = (await verifyPassword(password, user.passwordHash)).ok;
      // With 2FA on, the current second factor too; it is checked (and a recovery code spent) only
      // after the right password, so a wrong password never uses one up.
      const secondFactorOk =
        user.totpSecret === null || (passwordOk && code !== undefined && (await checkSecondFactor(db, user, code)));
      if (!passwordOk || !secondFactorOk) {
        await audit(c, { action: "me.delete", outcome: "failure", errorCode: "REAUTH_FAILED" });
        throw new ApiError("REAUTH_FAILED");
      }
      const now = Date.now();
      const tombstone = await auditTombstone(c.env, userId);
      // Email hashes in audit targets (failed sign-ins): the keyed one, and the plain one of older rows.
      const emailHashes = JSON.stringify([
        await emailAuditHash(c.env, user.email),
        await sha256Hex(`email:${user.email}`),
      ]);
      // One batch (one transaction), in this order (db/me-data.ts), then:
      await db.batch([
        ...deleteAccountStatements(db, userId, tombstone, emailHashes, now),
        // 4. The deletion itself, under the tombstone.
        auditStatement(c, {
          action: "me.delete",
          outcome: "success",
          userId: tombstone,
          role: user.role,
          ipHash: null,
        }),
      ]);
      clearRefreshCookie(c);
      return c.body(null, 204);
    },
  );
