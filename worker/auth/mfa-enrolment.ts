import { mfaRequiredFor, type Role } from "../../shared/roles";

/**
 * What a signed-in staff account without two-factor sign-in may still do (issue 13, item 5):
 * read who it is, set 2FA up, and sign out. Everything else answers 403 MFA_ENROLMENT_REQUIRED
 * (requireAuth), so a new route is closed to it by default.
 */
const ENROLMENT_ROUTES: ReadonlySet<string> = new Set([
  "GET /api/v1/me",
  "POST /api/v1/auth/2fa/enroll",
  "POST /api/v1/auth/2fa/confirm",
  "POST /api/v1/auth/logout",
]);

/** Whether a request by this account must wait until it has set up two-factor sign-in. */
export function blockedUntilMfaEnrolment(role: Role, mfaEnabled: boolean, method: string, path: string): boolean {
  if (mfaEnabled || !mfaRequiredFor(role)) return false;
  return !ENROLMENT_ROUTES.has(`${method} ${path}`);
}
