import type { FunctionComponent } from "preact";
import type { Role } from "../../../shared/roles";
import type { PublicUser } from "../../../shared/schemas/auth";
import { lazyScreen } from "../ui/lazy";

/** What every care-team screen gets: who is signed in, and the path's parameters. */
export interface CareScreenProps {
  user: PublicUser;
  params: Record<string, string>;
}

export interface CareScreen {
  /** The path, with `:name` parameters (a whole segment each). */
  path: string;
  /** The navigation's label; null keeps it out of the navigation (reached by a link). */
  label: string | null;
  /** The roles this screen serves: anyone else never sees it, in the navigation or by its path. */
  roles: readonly Role[];
  component: FunctionComponent<CareScreenProps>;
}

const STAFF: readonly Role[] = ["therapist", "clinician"];
const CARE_TEAM: readonly Role[] = ["therapist", "clinician", "admin"];

/**
 * The staff and admin app's screens, in navigation order. Every one loads on first use: patients
 * never download them. The first screen a role serves is its home ("/").
 */
export const CARE_SCREENS: readonly CareScreen[] = [
  { path: "/", label: "Caseload", roles: STAFF, component: lazyScreen(() => import("./Caseload")) },
  { path: "/inbox", label: "Risk inbox", roles: STAFF, component: lazyScreen(() => import("./RiskInbox")) },
  {
    path: "/patients/:id",
    label: null,
    roles: STAFF,
    component: lazyScreen(() => import("./patient/PatientDashboard")),
  },
  { path: "/", label: "Users", roles: ["admin"], component: lazyScreen(() => import("./admin/Users")) },
  {
    path: "/assignments",
    label: "Assignments",
    roles: ["admin"],
    component: lazyScreen(() => import("./admin/Assignments")),
  },
  { path: "/audit", label: "Audit log", roles: ["admin"], component: lazyScreen(() => import("./admin/AuditLog")) },
  { path: "/health", label: "Health", roles: ["admin"], component: lazyScreen(() => import("./admin/Health")) },
  { path: "/account", label: "Account", roles: CARE_TEAM, component: lazyScreen(() => import("./Account")) },
];

/** The screens a role may open. */
export function screensFor(role: Role): CareScreen[] {
  return CARE_SCREENS.filter((s) => s.roles.includes(role));
}

/** Matches a path against a screen's pattern: the parameters, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const want = pattern.split("/");
  const got = clean.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(":")) {
      if (!g) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

/** The screen for a path among a role's screens (its home when none matches), with its parameters. */
export function careScreenFor(role: Role, path: string): { screen: CareScreen; params: Record<string, string> } {
  const screens = screensFor(role);
  for (const screen of screens) {
    const params = matchPath(screen.path, path);
    if (params) return { screen, params };
  }
  return { screen: screens[0] as CareScreen, params: {} };
}
