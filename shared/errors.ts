/**
 * The catalogue of stable error codes the API answers with, each with its HTTP status and a
 * default human message. Clients map on `code`, never on `message`. docs/api.md lists this table
 * for integrators; `readme-catalogue.test.ts` keeps the two in step.
 *
 * @example
 * throw new ApiError("NOT_FOUND") // in the worker: 404 {"error":{"code":"NOT_FOUND",...}}
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: "Some fields are not valid." },
  MALFORMED_JSON: { status: 400, message: "The request body is not valid JSON." },
  INVALID_CURSOR: { status: 400, message: "The cursor is not valid." },
  QUEST_STATUS_INVALID: { status: 400, message: "A quest's status must be active, paused or done." },
  PUSH_SUBSCRIPTION_INVALID: {
    status: 400,
    message: "This browser's notification subscription is not valid (its address or keys).",
  },
  VERIFICATION_CODE_INVALID: {
    status: 400,
    message: "The code is not correct, or it has expired: check it, or send a new one.",
  },
  UNAUTHENTICATED: { status: 401, message: "Sign in to continue." },
  TOKEN_EXPIRED: { status: 401, message: "Your session token has expired; refresh it." },
  SESSION_REVOKED: { status: 401, message: "This session has been signed out." },
  DEVICE_SIGNED_OUT: {
    status: 401,
    message: "This device was signed out (from another device, or the account changed); sign in again.",
  },
  INVALID_CREDENTIALS: { status: 401, message: "The email or password is not correct." },
  MFA_TOKEN_INVALID: { status: 401, message: "The sign-in step has expired; sign in again." },
  MFA_CODE_INVALID: { status: 401, message: "The code is not correct." },
  REFRESH_INVALID: { status: 401, message: "Your session has ended; sign in again." },
  RESET_CODE_INVALID: {
    status: 401,
    message: "The email or reset code is not correct, or the code has expired or been used.",
  },
  INVITE_CODE_INVALID: {
    status: 401,
    message: "The email or invite code is not correct, or the invite has expired or been used.",
  },
  REFRESH_REUSED: {
    status: 401,
    message: "This session was signed out because an old sign-in token was used again.",
  },
  FORBIDDEN: { status: 403, message: "You do not have access to this." },
  MESSAGE_NOT_ALLOWED: { status: 403, message: "Messages to this person go through your care team." },
  CARE_ASSIGNMENT_REQUIRED: {
    status: 403,
    message: "Messages between a patient and a therapist or clinician need a current care assignment.",
  },
  MESSAGE_BLOCKED: { status: 403, message: "This person is not accepting messages from you." },
  ORIGIN_REJECTED: { status: 403, message: "This request did not come from Haven." },
  ACCOUNT_DISABLED: { status: 403, message: "This account is disabled." },
  COMPANION_CONSENT_REQUIRED: {
    status: 403,
    message: "Turn on the AI companion in your settings to chat with it.",
  },
  MFA_ENROLMENT_REQUIRED: {
    status: 403,
    message: "Staff accounts use two-factor sign-in: set it up to continue.",
  },
  MFA_REQUIRED_FOR_ROLE: {
    status: 403,
    message: "Two-factor sign-in cannot be turned off on a staff account; an admin can reset it.",
  },
  REAUTH_FAILED: { status: 403, message: "The password or code you re-entered is not correct." },
  STAFF_DEACTIVATION_REQUIRED: {
    status: 403,
    message: "Staff and admin accounts are not deleted by their owner: an admin deactivates them.",
  },
  NOT_FOUND: { status: 404, message: "Not found." },
  METHOD_NOT_ALLOWED: { status: 405, message: "This method is not allowed here." },
  EMAIL_TAKEN: { status: 409, message: "An account with this email already exists." },
  EMAIL_ALREADY_VERIFIED: { status: 409, message: "Your email address is already confirmed." },
  REFRESH_CONFLICT: {
    status: 409,
    message: "Another tab refreshed this session a moment ago; retry with the new cookie.",
  },
  MFA_ALREADY_ENABLED: { status: 409, message: "Two-factor sign-in is already on." },
  MFA_NOT_ENABLED: { status: 409, message: "Two-factor sign-in is not on." },
  MFA_NOT_ENROLLED: { status: 409, message: "Start two-factor set-up first." },
  ID_CONFLICT: { status: 409, message: "This id is already used by another item." },
  FLAG_RESOLVED: { status: 409, message: "This flag is already resolved." },
  CANNOT_CHANGE_SELF: { status: 409, message: "Admins cannot disable their own account." },
  INVITE_NOT_PENDING: {
    status: 409,
    message: "This account is not waiting on an invite: it was accepted, or the account is disabled.",
  },
  LAST_ADMIN: { status: 409, message: "Haven needs at least one active admin; this is the last one." },
  HABIT_ARCHIVED: { status: 409, message: "This habit is archived." },
  HABIT_DAILY_TARGET_MET: { status: 409, message: "This habit has already met its target for the day." },
  COMPLETION_TOO_SOON: { status: 409, message: "This habit was completed less than a minute ago." },
  DAILY_XP_CAP_REACHED: {
    status: 409,
    message: "Today's habit XP is at its daily cap; the habit still counts tomorrow.",
  },
  COMPLETION_ALREADY_UNDONE: { status: 409, message: "This completion was already undone." },
  ASSESSMENT_LIMIT_REACHED: {
    status: 409,
    message: "This questionnaire can be taken twice in 14 days: it opens again 14 days after the first of those two.",
  },
  NOT_ENOUGH_COINS: { status: 409, message: "Not enough coins yet." },
  ITEM_ALREADY_OWNED: { status: 409, message: "Your pet already has this." },
  PET_NOT_ADOPTED: { status: 409, message: "Adopt a pet first." },
  PET_ALREADY_ADOPTED: { status: 409, message: "You already have a pet." },
  PET_AWAY: { status: 409, message: "Your pet is out on an adventure." },
  PET_TOO_TIRED: { status: 409, message: "Your pet needs some rest before an adventure." },
  ADVENTURE_NOT_OVER: { status: 409, message: "Your pet's adventure is not over yet." },
  NOT_ON_ADVENTURE: { status: 409, message: "Your pet is not on an adventure." },
  DECLUTTER_COOLDOWN: { status: 409, message: "You can throw away worries again a little later." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The request body is larger than 64 KiB." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Send the request body as application/json." },
  CLIENT_TIME_OUT_OF_WINDOW: {
    status: 422,
    message:
      "Saved, but its time is outside the window that earns rewards (up to 72 hours ago, 5 minutes ahead), so it earned no XP, coins or streak credit.",
  },
  ASSESSMENT_INVALID: { status: 422, message: "The answers do not fit this questionnaire." },
  ASSIGNMENT_INVALID: {
    status: 422,
    message: "An assignment links an active therapist or clinician to a patient.",
  },
  ON_CALL_INVALID: {
    status: 422,
    message: "The on-call contact must be an active therapist or clinician.",
  },
  REMINDER_HABIT_INVALID: {
    status: 422,
    message: "A habit reminder is for one of your own habits that is not archived.",
  },
  PASSWORD_TOO_COMMON: {
    status: 422,
    message: "This password is too common; choose a longer or less predictable one.",
  },
  RATE_LIMITED: { status: 429, message: "Too many attempts. Try again in a little while." },
  INTERNAL: { status: 500, message: "Something went wrong on our side." },
  COMPANION_UNAVAILABLE: {
    status: 502,
    message: "The AI companion cannot answer right now; the exercises still work.",
  },
  SERVICE_MISCONFIGURED: {
    status: 503,
    message: "The service is not configured safely and refuses to serve.",
  },
  DATABASE_UNAVAILABLE: { status: 503, message: "The database is unreachable." },
  TEMPORARILY_UNAVAILABLE: {
    status: 503,
    message:
      "Part of the service is briefly unavailable. Try again in a moment: a write sent again with its opId is applied once.",
  },
  COMPANION_NOT_CONFIGURED: {
    status: 503,
    message: "No AI model is set up for the companion; the exercises still work.",
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One field-level problem of a rejected request: a dotted path into the body and a message. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The unified error body every non-2xx API response carries. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    fields?: FieldIssue[];
  };
}

/**
 * An error that maps to one catalogue entry. Thrown anywhere in a request; the worker's single
 * error handler turns it into the unified body with the catalogue status.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: FieldIssue[];
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; fields?: FieldIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? ERROR_CATALOGUE[code].message);
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.fields = options.fields;
    this.headers = options.headers;
  }
}
