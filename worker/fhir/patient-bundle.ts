/**
 * The signed FHIR R4 export of one patient, shared by the clinician's route
 * (GET /api/v1/staff/patients/:id/fhir) and the patient's own (GET /api/v1/me/export/fhir).
 *
 * Response: `200 application/fhir+json`, the Bundle as the body, and its signature in the
 * `X-Haven-Signature` header: a detached compact JWS (RFC 7515 Appendix F, `header..signature`,
 * ES256, `kid` in the header) over the exact body bytes. To verify, base64url-encode the body,
 * put it between the two dots and verify the compact JWS with the key of that `kid` from
 * GET /api/v1/fhir/jwks.json.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { ApiError } from "../../shared/errors";
import { buildPatientBundle } from "../../shared/fhir/bundle";
import { FHIR_CONTENT_TYPE } from "../../shared/schemas/fhir";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { assessments, moods, users } from "../db/schema";
import { audit } from "../lib/audit";
import { loadSigningKey, signDetached } from "./signing";

/** The response header that carries the detached JWS of the body. */
export const FHIR_SIGNATURE_HEADER = "X-Haven-Signature";
/** Who asked for the export: a staff member, or null when patients export their own data. */
export type FhirExportAuthor = { id: string; role: string } | null;

/**
 * Reads the patient's profile, check-ins and questionnaire totals, builds the Bundle, serialises
 * it once, signs those bytes and answers with them. The caller has already checked access
 * (assignment for staff, the session for the patient). Audited as `fhir.export` with the
 * patient's id as target and no content. 404 NOT_FOUND when no such patient exists.
 */
export async function fhirResponse(c: Context<AppEnv>, patientId: string, author: FhirExportAuthor): Promise<Response> {
  // First, so a misconfigured key fails before any health data is read.
  const key = await loadSigningKey(c.env);
  const db = database(c.env.DB);
  const [patient, moodRows, assessmentRows] = await db.batch([
    db
      .select({ id: users.id, displayName: users.displayName, email: users.email })
      .from(users)
      .where(and(eq(users.id, patientId), eq(users.role, "patient"))),
    db
      .select({
        id: moods.id,
        at: moods.at,
        mood: moods.mood,
        sleepQuality: moods.sleepQuality,
        sleepHours: moods.sleepHours,
      })
      .from(moods)
      .where(eq(moods.userId, patientId))
      .orderBy(asc(moods.at), asc(moods.id)),
    db
      .select({ id: assessments.id, instrument: assessments.instrument, score: assessments.score, at: assessments.at })
      .from(assessments)
      .where(eq(assessments.userId, patientId))
      .orderBy(asc(assessments.at), asc(assessments.id)),
  ]);
  const user = patient[0];
  if (!user) throw new ApiError("NOT_FOUND");

  const bundle = buildPatientBundle({
    patient: user,
    moods: moodRows,
    // PHQ-9 and GAD-7 totals only (PRODUCT.md): the C-SSRS screener has no total to export.
    assessments: assessmentRows.flatMap((a) =>
      a.instrument !== "C-SSRS" && a.score !== null ? [{ ...a, instrument: a.instrument, score: a.score }] : [],
    ),
    generatedAt: Date.now(),
    author,
    bundleId: crypto.randomUUID(),
  });
  // JSON.stringify never leaves a lone surrogate, so the UTF-8 the body is sent as is exactly
  // these bytes: the signature covers the response body byte for byte.
  const body = JSON.stringify(bundle);
  const signature = await signDetached(new TextEncoder().encode(body), key);
  await audit(c, {
    action: "fhir.export",
    outcome: "success",
    target: patientId,
    userId: author?.id ?? patientId,
    role: author?.role ?? "patient",
  });
  return c.body(body, 200, { "Content-Type": FHIR_CONTENT_TYPE, [FHIR_SIGNATURE_HEADER]: signature });
}
