/** The four roles (PRODUCT.md "Roles"). Patients self-register; the others are made by an admin. */
export const ROLES = ["patient", "therapist", "clinician", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Demo accounts live under this domain; they exist only in local development. */
export const DEMO_EMAIL_DOMAIN = "demo.haven";

export function isDemoEmail(email: string): boolean {
  return email.trim().toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}

/**
 * Roles whose accounts must use two-factor sign-in (issue 13, item 5): everyone who sees other
 * people's data. A signed-in account of these roles without it can only set it up (or sign out)
 * until it does, and cannot turn it off; an admin's 2FA reset sends it back to set-up.
 */
export const MFA_REQUIRED_ROLES: readonly Role[] = ["therapist", "clinician", "admin"];

export function mfaRequiredFor(role: Role): boolean {
  return MFA_REQUIRED_ROLES.includes(role);
}

/** A signed-in account that must set up two-factor sign-in before anything else. */
export function mustEnrolMfa(user: { role: Role; mfaEnabled: boolean }): boolean {
  return mfaRequiredFor(user.role) && !user.mfaEnabled;
}
