import { type Context, Hono } from "hono";
import { z } from "zod";
import { addDays, localDay, localDayStart } from "../../shared/domain/local-day";
import { FLAG_LEVELS } from "../../shared/domain/risk-flags";
import { ApiError } from "../../shared/errors";
import { COMMAND_RESPONSES } from "../../shared/schemas/commands";
import { idParam } from "../../shared/schemas/common";
import { FHIR_CONTENT_TYPE, fhirBundleSchema } from "../../shared/schemas/fhir";
import {
  noteBody,
  noteResponse,
  notesResponse,
  type PatientSummary,
  type PatientViewResponse,
  patientSummaryResponse,
  patientsQuery,
  patientsResponse,
  patientViewResponse,
  staffSafetyPlanResponse,
  timelineQuery,
} from "../../shared/schemas/staff";
import { questCreate, safetyPlanUpdateBody, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { safetyPlanOf } from "../db/safety-plan";
import {
  deleteNote,
  displayNames,
  findNote,
  insertNote,
  type NoteRow,
  notesOf,
  noteView,
  patientRecord,
  timelinePage,
  updateNote,
} from "../db/staff";
import {
  assignedPatientIds,
  caseloadHeadsQuery,
  caseloadSummaries,
  compareByOpenFlags,
  moodDayAverages,
  patientSummaries,
  patientWindow,
  patientZone,
} from "../db/staff-queries";
import { habitView, questView } from "../db/views";
import { fhirResponse } from "../fhir/patient-bundle";
import { audit, auditStatement } from "../lib/audit";
import { json, noBody, operation } from "../lib/openapi";
import { runCommand } from "../lib/run-command";
import { jsonBody, pathParams, queryParams } from "../lib/validate";
import { requirePatientAccess } from "../middleware/patient-access";
import { batchAsCaller, claimedUserId, requireAuth, requireAuthInBatch, requireRole } from "../middleware/require-auth";
import { staffFlagRoutes } from "./staff-flags";

const DAY = 86_400_000;
const staff = requirePatientAccess("therapist", "clinician");
const clinician = requirePatientAccess("clinician");

type Order = (a: PatientSummary, b: PatientSummary) => number;
const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byName: Order = (a, b) => byText(a.displayName.toLowerCase(), b.displayName.toLowerCase());

/** The patient list's sort options, each applied within the flag triage (compareByOpenFlags). */
const PATIENT_ORDERS: Record<z.infer<typeof patientsQuery>["sort"], Order> = {
  name: byName,
  // Most recent first; never synced last.
  lastSync: (a, b) => byText(b.lastSyncAt ?? "", a.lastSyncAt ?? ""),
  moodAverage: (a, b) =>
    (a.moodAverage7d ?? Number.POSITIVE_INFINITY) - (b.moodAverage7d ?? Number.POSITIVE_INFINITY) || 0,
  // More high flags first, then more medium, then more low.
  openFlags: (a, b) => FLAG_LEVELS.map((l) => b.openFlagsByLevel[l] - a.openFlagsByLevel[l]).find((d) => d !== 0) ?? 0,
};

/**
 * /api/v1/staff: therapists and clinicians, for their assigned patients only (checked on every
 * request). Therapists see the list, progress summaries and can assign quests; clinicians see
 * everything: the timeline, risk flags, the safety plan, private notes and the FHIR export.
 */
export const staffRoutes = new Hono<AppEnv>()
  // The caseload is registered before the `use` below, which therefore never runs for it (Hono
  // runs handlers in registration order and stops at the first answer): it checks the session in
  // its own read batch instead (issue 15), with the same roles.
  .get(
    "/patients",
    requireAuthInBatch("therapist", "clinician"),
    operation({
      summary: "My assigned patients, most urgent risk flags first (search by name; sort)",
      responses: { 200: json(patientsResponse, "Every assigned patient") },
    }),
    queryParams(patientsQuery),
    async (c) => {
      const { q, sort } = c.req.valid("query");
      const db = database(c.env.DB);
      const now = Date.now();
      const [heads] = await batchAsCaller(c, db, [caseloadHeadsQuery(db, claimedUserId(c))]);
      let items = await caseloadSummaries(db, heads, now);
      if (q) items = items.filter((p) => p.displayName.toLowerCase().includes(q.toLowerCase()));
      const within = PATIENT_ORDERS[sort];
      items.sort((a, b) => compareByOpenFlags(a, b) || within(a, b) || byName(a, b) || byText(a.id, b.id));
      return c.json({ items });
    },
  )
  .use(requireAuth, requireRole("therapist", "clinician"))
  .route("/", staffFlagRoutes)
  .get(
    "/patients/:id/summary",
    operation({
      summary: "One assigned patient's figures: last sync, mood, adherence, open flags",
      responses: { 200: json(patientSummaryResponse, "The patient's summary") },
    }),
    staff,
    pathParams(idParam),
    async (c) => {
      const db = database(c.env.DB);
      const [summary] = await patientSummaries(db, { ids: [c.get("patientId")] }, Date.now());
      return c.json({ summary });
    },
  )
  .get(
    "/patients/:id",
    operation({
      summary: "A patient's habits, quests and timeline (moods, completions, questionnaires, flags) over a range",
      responses: { 200: json(patientViewResponse, "The patient over the range, with a page of the timeline") },
    }),
    clinician,
    pathParams(idParam),
    queryParams(timelineQuery),
    async (c) => {
      const patientId = c.get("patientId");
      const q = c.req.valid("query");
      const now = Date.now();
      const db = database(c.env.DB);
      // `days` needs the patient's zone and day-start hour: read first, in the batch below otherwise.
      const zone = q.days === undefined ? null : await patientZone(db, patientId);
      const to = q.to ? Date.parse(q.to) : now + DAY;
      const from = zone
        ? localDayStart(
            addDays(localDay(now, zone.timezone, zone.dayStartHour), 1 - (q.days ?? 1)),
            zone.timezone,
            zone.dayStartHour,
          )
        : q.from
          ? Date.parse(q.from)
          : to - 31 * DAY;
      // Completions from 9 × 24 hours before `from`: the 7 local days up to the range's first day in any zone.
      const { patient, habitRows, counts, questRows } = await patientRecord(db, patientId, from - 9 * DAY, to);
      // The assignment check found the patient; a row gone since (deleted a moment ago) is "not found".
      if (!patient) throw new ApiError("NOT_FOUND");
      const { dayStartHour, ...shown } = patient;
      // Adherence by the patient's own rule (shared/domain/adherence.ts), over their whole local
      // days of the range; a range reaching past now ends today, whose unfinished target is not
      // held against them.
      const today = localDay(now, shown.timezone, dayStartHour);
      const firstDay = localDay(from, shown.timezone, dayStartHour);
      const lastDay = localDay(Math.min(to - 1, now), shown.timezone, dayStartHour);
      const [moodDays, timeline] = await Promise.all([
        moodDayAverages(db, patientId, { from: from - 2 * DAY, to, fromDay: firstDay, lastDay }),
        timelinePage(db, patientId, { from, to }, q.limit, q.cursor),
      ]);
      const kept = patientWindow(habitRows, counts, moodDays, {
        from: firstDay,
        last: lastDay,
        today,
        timezone: shown.timezone,
        dayStartHour,
      });
      await audit(c, { action: "staff.patient.view", outcome: "success", target: patientId });
      const view: PatientViewResponse = {
        patient: shown,
        range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
        adherence: kept.adherence,
        days: kept.days,
        habits: habitRows.map((h) => ({
          ...habitView(h),
          ...(kept.habits.get(h.id) ?? { completions: 0, adherence: null }),
        })),
        quests: questRows.map(questView),
        timeline,
      };
      return c.json(view);
    },
  )
  // A quest assigned by staff is a command in the patient's own object: it reaches their devices by sync.
  .post(
    "/patients/:id/quests",
    operation({
      summary: "Assign a quest to a patient (it reaches their devices by sync)",
      responses: { 201: json(COMMAND_RESPONSES["quest.create"], "The quest as assigned (a replay answers it again)") },
    }),
    staff,
    pathParams(idParam),
    jsonBody(withEnvelope(questCreate)),
    (c) => runCommand(c, "quest.create", c.req.valid("json"), {}, c.get("patientId")),
  )
  // The safety plan as the patient sees it, with the names of everyone who changed an item.
  .get(
    "/patients/:id/safety-plan",
    operation({
      summary: "A patient's safety plan, with the names of everyone who changed it",
      responses: { 200: json(staffSafetyPlanResponse, "The safety plan and the people it names") },
    }),
    clinician,
    pathParams(idParam),
    async (c) => {
      const db = database(c.env.DB);
      const safetyPlan = await safetyPlanOf(db, c.get("patientId"));
      const ids = new Set<string>();
      for (const items of Object.values(safetyPlan.entries))
        for (const i of items) for (const id of [i.addedBy, i.updatedBy]) if (id) ids.add(id);
      for (const change of safetyPlan.changes) ids.add(change.by);
      const people = await displayNames(db, [...ids]);
      return c.json({ safetyPlan, people });
    },
  )
  // Merged item by item with the patient's own edits (issue 11, defect 8): a per-item edit or a whole plan.
  .put(
    "/patients/:id/safety-plan",
    operation({
      summary: "Change a patient's safety plan, merged item by item with their own edits",
      responses: { 200: json(COMMAND_RESPONSES["safetyPlan.update"], "The merged plan and what this write changed") },
    }),
    clinician,
    pathParams(idParam),
    jsonBody(safetyPlanUpdateBody),
    (c) => runCommand(c, "safetyPlan.update", c.req.valid("json"), {}, c.get("patientId")),
  )
  // Signed FHIR R4 Bundle of the patient's data (clinicians); the detached JWS is in X-Haven-Signature.
  .get(
    "/patients/:id/fhir",
    operation({
      summary: "A patient's data as a signed FHIR R4 Bundle (signature in X-Haven-Signature)",
      responses: {
        200: json(
          fhirBundleSchema,
          "The FHIR Bundle; its detached JWS is in the X-Haven-Signature header",
          FHIR_CONTENT_TYPE,
        ),
      },
    }),
    clinician,
    pathParams(idParam),
    (c) => fhirResponse(c, c.get("patientId"), { id: c.get("auth").userId, role: c.get("auth").role }),
  )
  .get(
    "/patients/:id/notes",
    operation({
      summary: "My private clinical notes about a patient, newest first",
      responses: { 200: json(notesResponse, "The notes") },
    }),
    clinician,
    pathParams(idParam),
    async (c) => {
      const db = database(c.env.DB);
      const rows = await notesOf(db, c.get("patientId"));
      const names = await displayNames(db, [...new Set(rows.map((n) => n.authorId))]);
      return c.json({ items: rows.map((n) => noteView(n, names[n.authorId] ?? null)) });
    },
  )
  .post(
    "/patients/:id/notes",
    operation({
      summary: "Write a private clinical note about a patient",
      responses: { 201: json(noteResponse, "The note as saved") },
    }),
    clinician,
    pathParams(idParam),
    jsonBody(noteBody),
    async (c) => {
      const now = Date.now();
      const row = {
        id: crypto.randomUUID(),
        patientId: c.get("patientId"),
        authorId: c.get("auth").userId,
        body: c.req.valid("json").body,
        createdAt: now,
        updatedAt: now,
      };
      const db = database(c.env.DB);
      await insertNote(db, row, auditStatement(c, { action: "staff.note.create", outcome: "success", target: row.id }));
      const names = await displayNames(db, [row.authorId]);
      return c.json({ note: noteView(row, names[row.authorId] ?? null) }, 201);
    },
  )
  .patch(
    "/notes/:noteId",
    operation({
      summary: "Edit one of my clinical notes",
      responses: { 200: json(noteResponse, "The note as saved") },
    }),
    pathParams(z.strictObject({ noteId: z.uuid() })),
    jsonBody(noteBody),
    async (c) => {
      const note = await ownNote(c, c.req.valid("param").noteId);
      const db = database(c.env.DB);
      const updated = { ...note, body: c.req.valid("json").body, updatedAt: Date.now() };
      await updateNote(
        db,
        note.id,
        { body: updated.body, updatedAt: updated.updatedAt },
        auditStatement(c, { action: "staff.note.update", outcome: "success", target: note.id }),
      );
      const names = await displayNames(db, [note.authorId]);
      return c.json({ note: noteView(updated, names[note.authorId] ?? null) });
    },
  )
  .delete(
    "/notes/:noteId",
    operation({
      summary: "Delete one of my clinical notes",
      responses: { 204: noBody("Deleted") },
    }),
    pathParams(z.strictObject({ noteId: z.uuid() })),
    async (c) => {
      const note = await ownNote(c, c.req.valid("param").noteId);
      const db = database(c.env.DB);
      await deleteNote(
        db,
        note.id,
        auditStatement(c, { action: "staff.note.delete", outcome: "success", target: note.id }),
      );
      return c.body(null, 204);
    },
  );

/**
 * A note its caller may edit or delete: a clinician's own note about a patient still assigned
 * to them. Anything else is "not found" (another clinician's note, an unassigned patient).
 */
async function ownNote(c: Context<AppEnv>, noteId: string): Promise<NoteRow> {
  const auth = c.get("auth");
  const db = database(c.env.DB);
  const note = await findNote(db, noteId);
  const stillAssigned =
    note &&
    (await assignedPatientIds(db, auth.userId)).includes(note.patientId) &&
    auth.role === "clinician" &&
    note.authorId === auth.userId;
  if (!note || !stillAssigned) throw new ApiError("NOT_FOUND");
  return note;
}
