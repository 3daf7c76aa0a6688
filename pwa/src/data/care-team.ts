import { api } from "../api/session";
import { db } from "./db";
import type { CareTeamCache } from "./types";

/**
 * Fetches my care team (and the names of everyone I have a conversation with) and keeps it in
 * meta "careTeam", so the inbox shows names and compose works offline. Best effort: offline or
 * on a failed answer the last copy stays as it was.
 */
export async function refreshCareTeam(): Promise<void> {
  try {
    const [team, inbox] = await Promise.all([api.me["care-team"].$get(), api.messages.$get()]);
    if (!team.ok) return;
    const { items: members } = await team.json();
    const names: CareTeamCache["names"] = {};
    if (inbox.ok) {
      for (const c of (await inbox.json()).items) {
        if (c.with.displayName) names[c.with.id] = { displayName: c.with.displayName, role: c.with.role };
      }
    }
    const value: CareTeamCache = { members, names, fetchedAt: new Date().toISOString() };
    await db.meta.put({ key: "careTeam", value: JSON.stringify(value) });
  } catch {
    // Offline: the cached team stands.
  }
}

/** The cached care team is refreshed by sync when missing or older than this. */
export const CARE_TEAM_MAX_AGE_MS = 10 * 60_000;

export async function careTeamStale(now = Date.now()): Promise<boolean> {
  const row = await db.meta.get("careTeam");
  if (!row) return true;
  return now - Date.parse((JSON.parse(row.value) as CareTeamCache).fetchedAt) > CARE_TEAM_MAX_AGE_MS;
}
