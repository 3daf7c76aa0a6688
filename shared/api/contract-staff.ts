/** The care team's routes (/api/v1/staff), gathered into shared/api/contract.ts. */
import { z } from "zod";
import { COMMAND_RESPONSES } from "../schemas/commands";
import { idParam } from "../schemas/common";
import { FHIR_CONTENT_TYPE, fhirBundleSchema } from "../schemas/fhir";
import {
  flagAcknowledgeBody,
  flagInboxResponse,
  flagParams,
  flagResolveBody,
  flagResponse,
  flagsResponse,
  noteBody,
  noteResponse,
  notesResponse,
  patientSummaryResponse,
  patientsQuery,
  patientsResponse,
  patientViewResponse,
  staffSafetyPlanResponse,
  timelineQuery,
} from "../schemas/staff";
import { questCreate, safetyPlanUpdateBody, withEnvelope } from "../schemas/wellbeing";
import { type ContractTable, json, none } from "./operations";

/** A clinical note's path (`/staff/notes/:noteId`). */
const noteParam = z.strictObject({ noteId: z.uuid() });

export const STAFF_CONTRACT = {
  "/staff/patients": { get: { query: patientsQuery, responses: { 200: json(patientsResponse) } } },
  "/staff/flags": { get: { responses: { 200: json(flagInboxResponse) } } },
  "/staff/patients/:id": {
    get: { param: idParam, query: timelineQuery, responses: { 200: json(patientViewResponse) } },
  },
  "/staff/patients/:id/quests": {
    post: {
      param: idParam,
      json: withEnvelope(questCreate),
      responses: { 201: json(COMMAND_RESPONSES["quest.create"]) },
    },
  },
  "/staff/patients/:id/summary": { get: { param: idParam, responses: { 200: json(patientSummaryResponse) } } },
  "/staff/patients/:id/flags": { get: { param: idParam, responses: { 200: json(flagsResponse) } } },
  "/staff/patients/:id/flags/:flagId/acknowledge": {
    post: { param: flagParams, json: flagAcknowledgeBody, responses: { 200: json(flagResponse) } },
  },
  "/staff/patients/:id/flags/:flagId/resolve": {
    post: { param: flagParams, json: flagResolveBody, responses: { 200: json(flagResponse) } },
  },
  "/staff/patients/:id/safety-plan": {
    get: { param: idParam, responses: { 200: json(staffSafetyPlanResponse) } },
    put: {
      param: idParam,
      json: safetyPlanUpdateBody,
      responses: { 200: json(COMMAND_RESPONSES["safetyPlan.update"]) },
    },
  },
  "/staff/patients/:id/notes": {
    get: { param: idParam, responses: { 200: json(notesResponse) } },
    post: { param: idParam, json: noteBody, responses: { 201: json(noteResponse) } },
  },
  "/staff/notes/:noteId": {
    patch: { param: noteParam, json: noteBody, responses: { 200: json(noteResponse) } },
    delete: { param: noteParam, responses: { 204: none } },
  },
  "/staff/patients/:id/fhir": {
    get: { param: idParam, responses: { 200: { [FHIR_CONTENT_TYPE]: fhirBundleSchema } } },
  },
} as const satisfies ContractTable;
