/**
 * The admin app's routes (/api/v1/admin, the service's health, and redeeming an admin-issued
 * password-reset code), gathered into shared/api/contract.ts.
 */
import {
  adminHealthResponse,
  adminUserResponse,
  assignmentBody,
  assignmentCreatedResponse,
  assignmentsQuery,
  assignmentsResponse,
  auditPageResponse,
  auditQuery,
  createUserBody,
  escalationBody,
  escalationResponse,
  passwordResetCodeResponse,
  redeemPasswordResetBody,
  updateUserBody,
  usersPageResponse,
  usersQuery,
} from "../schemas/admin";
import { idParam } from "../schemas/common";
import { acceptInviteBody, inviteBody, inviteResponse } from "../schemas/invites";
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
  "/admin/health": { get: { responses: { 200: json(adminHealthResponse) } } },
  "/admin/escalation": {
    get: { responses: { 200: json(escalationResponse) } },
    put: { json: escalationBody, responses: { 200: json(escalationResponse) } },
  },
  "/admin/users/:id/password-reset": {
    post: { param: idParam, responses: { 201: json(passwordResetCodeResponse) } },
  },
  // Redeeming an admin's one-time code, signed out (the sign-in screen's "Have a reset code?").
  "/auth/password-reset/redeem": { post: { json: redeemPasswordResetBody, responses: { 204: none } } },
  // Staff onboarding: an admin invites, the invited person sets a first password signed out.
  "/admin/invites": { post: { json: inviteBody, responses: { 201: json(inviteResponse) } } },
  "/admin/invites/:id/resend": { post: { param: idParam, responses: { 200: json(inviteResponse) } } },
  "/auth/invite/accept": { post: { json: acceptInviteBody, responses: { 204: none } } },
} as const satisfies ContractTable;
