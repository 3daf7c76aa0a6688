/** The care team's routes (/api/v1/staff), gathered into shared/api/contract.ts. */
import { idParam } from "../schemas/common";
import {
  flagAcknowledgeBody,
  flagInboxResponse,
  flagParams,
  flagResolveBody,
  flagResponse,
  flagsResponse,
  patientSummaryResponse,
  patientsQuery,
  patientsResponse,
} from "../schemas/staff";
import { type ContractTable, json } from "./operations";

export const STAFF_CONTRACT = {
  "/staff/patients": { get: { query: patientsQuery, responses: { 200: json(patientsResponse) } } },
  "/staff/flags": { get: { responses: { 200: json(flagInboxResponse) } } },
  "/staff/patients/:id/summary": { get: { param: idParam, responses: { 200: json(patientSummaryResponse) } } },
  "/staff/patients/:id/flags": { get: { param: idParam, responses: { 200: json(flagsResponse) } } },
  "/staff/patients/:id/flags/:flagId/acknowledge": {
    post: { param: flagParams, json: flagAcknowledgeBody, responses: { 200: json(flagResponse) } },
  },
  "/staff/patients/:id/flags/:flagId/resolve": {
    post: { param: flagParams, json: flagResolveBody, responses: { 200: json(flagResponse) } },
  },
} as const satisfies ContractTable;
