/** The admin app's routes (/api/v1/admin and the service's health), gathered into shared/api/contract.ts. */
import {
  adminUserResponse,
  assignmentBody,
  assignmentCreatedResponse,
  assignmentsQuery,
  assignmentsResponse,
  auditPageResponse,
  auditQuery,
  createUserBody,
  updateUserBody,
  usersPageResponse,
  usersQuery,
} from "../schemas/admin";
import { idParam } from "../schemas/common";
import { healthResponse } from "../schemas/wellbeing";
import { type ContractTable, json, none } from "./operations";

export const ADMIN_CONTRACT = {
  "/health": { get: { responses: { 200: json(healthResponse) } } },
  "/admin/users": {
    get: { query: usersQuery, responses: { 200: json(usersPageResponse) } },
    post: { json: createUserBody, responses: { 201: json(adminUserResponse) } },
  },
  "/admin/users/:id": { patch: { param: idParam, json: updateUserBody, responses: { 200: json(adminUserResponse) } } },
  "/admin/users/:id/2fa/reset": { post: { param: idParam, responses: { 200: json(adminUserResponse) } } },
  "/admin/assignments": {
    get: { query: assignmentsQuery, responses: { 200: json(assignmentsResponse) } },
    post: { json: assignmentBody, responses: { 201: json(assignmentCreatedResponse) } },
    delete: { json: assignmentBody, responses: { 204: none } },
  },
  "/admin/audit": { get: { query: auditQuery, responses: { 200: json(auditPageResponse) } } },
} as const satisfies ContractTable;
