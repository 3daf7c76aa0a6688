/**
 * The entities sync carries, by the name the change log, the pull and the device's cache use.
 * One list: the server's change log is typed by it (worker/commands/change-log.ts), the device
 * ignores a name it does not know (a newer server), and the PWA maps each name to its view type
 * (pwa/src/data/types.ts, EntityViews), so a screen cannot ask for an entity that does not exist.
 */
export const SYNC_ENTITIES = [
  "habit",
  "completion",
  "quest",
  "mood",
  "assessment",
  "safetyPlan",
  "pet",
  "progress",
  "message",
  "journal",
] as const;

export type SyncEntity = (typeof SYNC_ENTITIES)[number];

const known: ReadonlySet<string> = new Set(SYNC_ENTITIES);

/** Whether a name from the wire is an entity this code knows. */
export function isSyncEntity(name: string): name is SyncEntity {
  return known.has(name);
}
