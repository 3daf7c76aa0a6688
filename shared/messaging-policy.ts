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

/** The roles that care for patients through an assignment (an admin is not one). */
export function isCareStaff(role: Role): boolean {
  return role === "therapist" || role === "clinician";
}

export interface MessageParties {
  from: Role;
  to: Role;
  /** A live care assignment joins the two (one a patient, the other their therapist or clinician). */
  assigned: boolean;
  /** The recipient has blocked the sender. */
  blocked: boolean;
}

/**
 * Whether a message may be sent (issue 13, item 6): the role table first; between a patient and
 * a therapist or clinician, only while an assignment joins them (the thread stays readable after);
 * and never to someone who blocked the sender. Null when allowed, else the refusal's code.
 *
 * @example
 * messageRefusal({ from: "therapist", to: "patient", assigned: false, blocked: false }) // "CARE_ASSIGNMENT_REQUIRED"
 */
export function messageRefusal(
  parties: MessageParties,
): "MESSAGE_NOT_ALLOWED" | "CARE_ASSIGNMENT_REQUIRED" | "MESSAGE_BLOCKED" | null {
  if (!canMessage(parties.from, parties.to)) return "MESSAGE_NOT_ALLOWED";
  const careLink =
    (parties.from === "patient" && isCareStaff(parties.to)) || (isCareStaff(parties.from) && parties.to === "patient");
  if (careLink && !parties.assigned) return "CARE_ASSIGNMENT_REQUIRED";
  if (parties.blocked) return "MESSAGE_BLOCKED";
  return null;
}

/** A patient may block a sender who is not care staff or an admin: another patient. */
export function canBlock(blocker: Role, blocked: Role): boolean {
  return blocker === "patient" && blocked === "patient";
}

export const MESSAGE_MAX_LENGTH = 10_000;
