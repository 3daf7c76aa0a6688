import type { FunctionComponent } from "preact";
import { lazyScreen } from "../ui/lazy";
import Assessments from "./Assessments";
import Crisis from "./Crisis";
import HabitsEditor from "./HabitsEditor";
import Messages from "./Messages";
import Pet from "./Pet";
import Quests from "./Quests";
import SafetyPlan from "./SafetyPlan";
import Sanctum from "./Sanctum";
import type { ScreenProps } from "./types";

export interface ScreenEntry {
  path: string;
  /** The label in the navigation. */
  label: string;
  component: FunctionComponent<ScreenProps>;
}

/**
 * Every screen, by path, in navigation order. Heavy screens (charts, QR codes) load on first use;
 * their chunks are precached, so they open offline too.
 */
export const SCREENS: readonly ScreenEntry[] = [
  { path: "/", label: "Today", component: Sanctum },
  { path: "/quests", label: "Quests", component: Quests },
  { path: "/habits", label: "Habits", component: HabitsEditor },
  { path: "/spirit", label: "Spirit", component: lazyScreen(() => import("./Spirit")) },
  { path: "/pet", label: "Pet", component: Pet },
  { path: "/companion", label: "Companion", component: lazyScreen(() => import("./Companion")) },
  { path: "/messages", label: "Messages", component: Messages },
  { path: "/check-ins", label: "Check-ins", component: Assessments },
  { path: "/safety-plan", label: "Safety plan", component: SafetyPlan },
  { path: "/settings", label: "Settings", component: lazyScreen(() => import("./Settings")) },
  { path: "/crisis", label: "Crisis help", component: Crisis },
];

export function screenFor(path: string): ScreenEntry {
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return SCREENS.find((s) => s.path === clean) ?? (SCREENS[0] as ScreenEntry);
}
