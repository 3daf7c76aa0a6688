/** The four roles (PRODUCT.md "Roles"). Patients self-register; the others are made by an admin. */
export const ROLES = ["patient", "therapist", "clinician", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Demo accounts live under this domain; they exist only in local development. */
export const DEMO_EMAIL_DOMAIN = "demo.haven";

export function isDemoEmail(email: string): boolean {
  return email.trim().toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}
