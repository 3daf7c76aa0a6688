import type { FunctionComponent } from "preact";
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
 * Every screen, by path, in navigation order. Heavy screens (charts, QR codes) load on first use;
 * their chunks are precached, so they open offline too.
 */
export const SCREENS: readonly ScreenEntry[] = [
  { path: "/", label: "Today", component: Sanctum },
  { path: "/crisis", label: "Crisis help", component: Crisis },
];

export function screenFor(path: string): ScreenEntry {
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return SCREENS.find((s) => s.path === clean) ?? (SCREENS[0] as ScreenEntry);
}
