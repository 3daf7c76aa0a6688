import type { Role } from "./roles";

/**
 * Who may start a message to whom (PRODUCT.md "Messaging policy", from the seed): one
 * declarative table, read by every route that sends — the seed enforced its one-way rule on one
 * route and not another. Patients may not write to clinicians (their route to a clinician is
 * through the therapist or the care team's messages back).
 */
export const MESSAGING_POLICY: Readonly<Record<Role, Readonly<Record<Role, boolean>>>> = {
  patient: { patient: true, therapist: true, clinician: false, admin: true },
  therapist: { patient: true, therapist: true, clinician: true, admin: true },
  clinician: { patient: true, therapist: true, clinician: true, admin: true },
  admin: { patient: true, therapist: true, clinician: true, admin: true },
};

/**
 * @example
 * canMessage("patient", "clinician") // false
 */
export function canMessage(from: Role, to: Role): boolean {
  return MESSAGING_POLICY[from][to];
}

export const MESSAGE_MAX_LENGTH = 10_000;
