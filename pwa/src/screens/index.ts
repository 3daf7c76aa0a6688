import type { FunctionComponent } from "preact";
import { lazyScreen } from "../ui/lazy";
import Crisis from "./Crisis";
import Sanctum from "./Sanctum";
import type { ScreenProps } from "./types";

export interface ScreenEntry {
  path: string;
  /** The label in the navigation. */
  label: string;
  component: FunctionComponent<ScreenProps>;
}

/**
 * Every screen, by path, in navigation order. Today and Crisis help ship with the app; the others
 * load on first use (keeping the first paint small) from chunks the service worker precaches, so
 * they open offline too.
 */
export const SCREENS: readonly ScreenEntry[] = [
  { path: "/", label: "Today", component: Sanctum },
  { path: "/quests", label: "Quests", component: lazyScreen(() => import("./Quests")) },
  { path: "/habits", label: "Habits", component: lazyScreen(() => import("./HabitsEditor")) },
  { path: "/spirit", label: "Spirit", component: lazyScreen(() => import("./Spirit")) },
  { path: "/pet", label: "Pet", component: lazyScreen(() => import("./Pet")) },
  { path: "/companion", label: "Companion", component: lazyScreen(() => import("./Companion")) },
  { path: "/messages", label: "Messages", component: lazyScreen(() => import("./Messages")) },
  { path: "/check-ins", label: "Check-ins", component: lazyScreen(() => import("./Assessments")) },
  { path: "/safety-plan", label: "Safety plan", component: lazyScreen(() => import("./SafetyPlan")) },
  { path: "/settings", label: "Settings", component: lazyScreen(() => import("./Settings")) },
  { path: "/crisis", label: "Crisis help", component: Crisis },
];

export function screenFor(path: string): ScreenEntry {
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return SCREENS.find((s) => s.path === clean) ?? (SCREENS[0] as ScreenEntry);
}
