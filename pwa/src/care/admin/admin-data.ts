import type { Role } from "../../../../shared/roles";
import type { AdminUserView } from "../../../../shared/schemas/admin";
import { api } from "../../api/session";
import { bodyOf } from "../care-data";

export interface UsersPage {
  items: AdminUserView[];
  cursor: string | null;
  hasMore: boolean;
}

/** The most pages of one role the admin screens read for their pickers (100 a page). */
const MAX_PAGES = 20;

/** Every account of a role (newest first), page after page, up to MAX_PAGES pages. */
export async function allUsersOf(role: Role): Promise<AdminUserView[]> {
  const out: AdminUserView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await api.admin.users.$get({ query: { role, limit: "100", ...(cursor ? { cursor } : {}) } });
    const body = await bodyOf<UsersPage>(res);
    out.push(...body.items);
    if (!body.hasMore || !body.cursor) break;
    cursor = body.cursor;
  }
  return out;
}

export const ROLE_LABELS: Record<Role, string> = {
  patient: "Patient",
  therapist: "Therapist",
  clinician: "Clinician",
  admin: "Admin",
};

/** A person as a list shows them: their name and email. */
export function personLabel(u: Pick<AdminUserView, "displayName" | "email">): string {
  return `${u.displayName} (${u.email})`;
}

/** Whether a person's name or email contains the search (case-insensitive). */
export function matches(u: Pick<AdminUserView, "displayName" | "email">, query: string): boolean {
  const needle = query.trim().toLocaleLowerCase();
  return !needle || u.displayName.toLocaleLowerCase().includes(needle) || u.email.toLocaleLowerCase().includes(needle);
}

/** A date and time in this browser's locale and zone, seconds included (the audit log's grain). */
export function preciseTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}
