/**
 * The routes the app calls, each with the shared zod schemas of its input and its successful
 * answers: the PWA's typed client is built from this table (pwa/src/api/client-types.ts), so the
 * browser's types come from shared schemas, never from the Worker's code.
 *
 * It is the same contract the Worker declares and serves (GET /api/v1/openapi.json): the test
 * tests/worker/client-contract.test.ts generates a document from this table with the Worker's
 * own generator and requires every entry to match the served operation exactly (body, query and
 * path parameters, and each success's media types and schemas). A route the PWA starts calling
 * is added here; the client will not compile a call to a route that is not.
 */
import {
  changePasswordBody,
  confirm2faBody,
  confirm2faResponse,
  disable2faBody,
  disable2faResponse,
  enroll2faBody,
  enroll2faResponse,
  loginBody,
  loginResponse,
  registerBody,
  sessionListResponse,
  signedInSchema,
  updateProfileBody,
  verify2faBody,
} from "../schemas/auth";
import { idParam, pageOf, userIdParam } from "../schemas/common";
import {
  companionChatBody,
  companionPageQuery,
  companionSafetyAnswerSchema,
  companionStatusSchema,
  conversationViewSchema,
} from "../schemas/companion";
import { changeEmailBody, verifyEmailBody } from "../schemas/email-verification";
import { FHIR_CONTENT_TYPE, fhirBundleSchema } from "../schemas/fhir";
import { careTeamResponse, dataExportSchema, deleteAccountBody, meResponse } from "../schemas/me";
import {
  conversationQuery,
  inboxResponse,
  messageBlocksResponse,
  messageResponse,
  messageSend,
} from "../schemas/messages";
import { notificationSummarySchema, reminderSettingsSchema } from "../schemas/notifications";
import { passwordResetRequestedResponse, requestPasswordResetBody } from "../schemas/password-reset-request";
import { pushKeyResponse, pushSubscriptionBody, pushSubscriptionResponse, pushUnsubscribeBody } from "../schemas/push";
import { syncPullQuery, syncPullResponse, syncPushBody, syncPushResponse } from "../schemas/sync";
import { messageViewSchema } from "../schemas/views";
import { progressResponse, withEnvelope } from "../schemas/wellbeing";
import { ADMIN_CONTRACT } from "./contract-admin";
import { STAFF_CONTRACT } from "./contract-staff";
import { type ContractTable, json, none } from "./operations";

export type { Content, Method, OperationContract } from "./operations";

/** The routes, by path under /api/v1 (Hono's `:param` syntax) and method. */
export const API_CONTRACT = {
  "/auth/register": { post: { json: registerBody, responses: { 201: json(signedInSchema) } } },
  "/auth/login": { post: { json: loginBody, responses: { 200: json(loginResponse) } } },
  "/auth/logout": { post: { responses: { 204: none } } },
  "/auth/sessions": { get: { responses: { 200: json(sessionListResponse) } } },
  "/auth/sessions/:id": { delete: { param: idParam, responses: { 204: none } } },
  "/auth/password": { post: { json: changePasswordBody, responses: { 204: none } } },
  // "Forgot password": a reset code by email, redeemed at /auth/password-reset/redeem (contract-admin.ts).
  "/auth/password-reset/request": {
    post: { json: requestPasswordResetBody, responses: { 202: json(passwordResetRequestedResponse) } },
  },
  "/auth/2fa/verify": { post: { json: verify2faBody, responses: { 200: json(signedInSchema) } } },
  "/auth/2fa/enroll": { post: { json: enroll2faBody, responses: { 200: json(enroll2faResponse) } } },
  "/auth/2fa/confirm": { post: { json: confirm2faBody, responses: { 200: json(confirm2faResponse) } } },
  "/auth/2fa/disable": { post: { json: disable2faBody, responses: { 200: json(disable2faResponse) } } },
  "/me": {
    get: { responses: { 200: json(meResponse) } },
    patch: { json: updateProfileBody, responses: { 200: json(meResponse) } },
    delete: { json: deleteAccountBody, responses: { 204: none } },
  },
  "/me/email": { patch: { json: changeEmailBody, responses: { 200: json(meResponse) } } },
  "/me/email/verification": { post: { responses: { 204: none } } },
  "/me/email/verify": { post: { json: verifyEmailBody, responses: { 200: json(meResponse) } } },
  "/me/care-team": { get: { responses: { 200: json(careTeamResponse) } } },
  "/me/export": { get: { responses: { 200: json(dataExportSchema) } } },
  "/me/export/fhir": { get: { responses: { 200: { [FHIR_CONTENT_TYPE]: fhirBundleSchema } } } },
  "/me/export/check-ins.csv": { get: { responses: { 200: { "text/csv": "text" } } } },
  "/progress": { get: { responses: { 200: json(progressResponse) } } },
  "/sync/push": { post: { json: syncPushBody, responses: { 200: json(syncPushResponse) } } },
  "/sync/pull": { get: { query: syncPullQuery, responses: { 200: json(syncPullResponse) } } },
  "/messages": {
    get: { responses: { 200: json(inboxResponse) } },
    post: { json: withEnvelope(messageSend), responses: { 201: json(messageResponse) } },
  },
  "/messages/with/:userId": {
    get: { param: userIdParam, query: conversationQuery, responses: { 200: json(pageOf(messageViewSchema)) } },
  },
  "/messages/blocks": { get: { responses: { 200: json(messageBlocksResponse) } } },
  "/messages/blocks/:userId": {
    put: { param: userIdParam, responses: { 204: none } },
    delete: { param: userIdParam, responses: { 204: none } },
  },
  "/messages/:id/read": { post: { param: idParam, responses: { 200: json(messageResponse) } } },
  "/messages/:id": { delete: { param: idParam, responses: { 204: none } } },
  "/companion/chat": {
    post: {
      json: companionChatBody,
      // The crisis answer as JSON, or the reply as server-sent events.
      responses: { 200: { "application/json": companionSafetyAnswerSchema, "text/event-stream": "text" } },
    },
  },
  "/companion/status": { get: { responses: { 200: json(companionStatusSchema) } } },
  "/companion/conversations": {
    get: { query: companionPageQuery, responses: { 200: json(pageOf(conversationViewSchema)) } },
    delete: { responses: { 204: none } },
  },
  "/push/key": { get: { responses: { 200: json(pushKeyResponse) } } },
  "/push/subscription": {
    put: {
      json: pushSubscriptionBody,
      responses: { 200: json(pushSubscriptionResponse), 201: json(pushSubscriptionResponse) },
    },
    delete: { json: pushUnsubscribeBody, responses: { 204: none } },
  },
  "/notifications/summary": { get: { responses: { 200: json(notificationSummarySchema) } } },
  "/notifications/reminders": {
    get: { responses: { 200: json(reminderSettingsSchema) } },
    put: { json: reminderSettingsSchema, responses: { 200: json(reminderSettingsSchema) } },
  },
  ...STAFF_CONTRACT,
  ...ADMIN_CONTRACT,
} as const satisfies ContractTable;

export type ApiContract = typeof API_CONTRACT;
