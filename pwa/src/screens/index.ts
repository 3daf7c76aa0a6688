import type { FunctionComponent } from "preact";
import { lazyScreen } from "../ui/lazy";
import Crisis from "./Crisis";
import Sanctum from "./Sanctum";
import type { ScreenProps } from "./types";

export interface ScreenEntry {
  path: string;
  /** The label in the navigation. */
  label: string;
  /** On a phone: a tab of the bottom bar, or listed under More (issue 19). */
  place: "tab" | "more" | "none";
  component: FunctionComponent<ScreenProps>;
}

/**
 * Every screen, by path, in navigation order. Today and Crisis help ship with the app; the others
 * load on first use (keeping the first paint small) from chunks the service worker precaches, so
 * they open offline too.
 */
export const SCREENS: readonly ScreenEntry[] = [
  { path: "/", place: "tab", label: "Today", component: Sanctum },
  { path: "/quests", place: "tab", label: "Quests", component: lazyScreen(() => import("./Quests")) },
  { path: "/habits", place: "more", label: "Habits", component: lazyScreen(() => import("./HabitsEditor")) },
  { path: "/spirit", place: "tab", label: "Spirit", component: lazyScreen(() => import("./Spirit")) },
  { path: "/pet", place: "tab", label: "Pet", component: lazyScreen(() => import("./Pet")) },
  { path: "/companion", place: "more", label: "Companion", component: lazyScreen(() => import("./Companion")) },
  { path: "/messages", place: "more", label: "Messages", component: lazyScreen(() => import("./Messages")) },
  { path: "/check-ins", place: "more", label: "Check-ins", component: lazyScreen(() => import("./Assessments")) },
  { path: "/safety-plan", place: "more", label: "Safety plan", component: lazyScreen(() => import("./SafetyPlan")) },
  { path: "/settings", place: "more", label: "Settings", component: lazyScreen(() => import("./Settings")) },
  { path: "/crisis", place: "none", label: "Crisis help", component: Crisis },
];

/** The phone's More screen (pwa/src/screens/More.tsx): the screens that are not tabs, and Sign out. */
export const MORE_PATH = "/more";

/** A path without its trailing slashes. */
export function cleanPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

export function screenFor(path: string): ScreenEntry {
  const clean = cleanPath(path);
  return SCREENS.find((s) => s.path === clean) ?? (SCREENS[0] as ScreenEntry);
}
