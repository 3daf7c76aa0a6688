import { localDay } from "../../../shared/domain/local-day";
import type { ErrorBody } from "../../../shared/errors";
import type { PublicUser } from "../../../shared/schemas/auth";
import { api } from "../api/session";
import { careTeamStale, refreshCareTeam } from "./care-team";
import { DeviceClock } from "./clock";
import { db, type Notice } from "./db";
import { SYNC_REQUEST_TIMEOUT_MS, SyncCore, SyncHttpError, type SyncTransport } from "./sync-core";
import type { ProgressSummary } from "./types";

async function httpError(res: Response): Promise<SyncHttpError> {
  let code = "HTTP_ERROR";
  try {
    code = ((await res.json()) as ErrorBody).error.code;
  } catch {
    // not the unified error body: the status says enough
  }
  return new SyncHttpError(res.status, code);
}

/** The real transport: the typed API client (the core bounds each request with a deadline). */
const transport: SyncTransport = {
  async push(body, signal) {
    const res = await api.sync.push.$post({ json: body }, { init: { signal } });
    if (!res.ok) throw await httpError(res);
    return await res.json();
  },
  async pull({ cursor, limit }, signal) {
    const res = await api.sync.pull.$get(
      { query: { limit: String(limit), ...(cursor ? { cursor } : {}) } },
      { init: { signal } },
    );
    if (!res.ok) throw await httpError(res);
    return await res.json();
  },
};

/** This device's clock, corrected by the server's stated time (see clock.ts). */
export const clock = new DeviceClock(db);

/** This device's sync engine core (sync-core.ts) over the real database and API. */
export const core = new SyncCore(db, transport, clock);

/**
 * One sync round: push the outbox, pull the change log (see SyncCore.syncOnce), then refresh
 * what the screens keep beside the cache: the progress summary and the care team.
 */
export async function syncOnce(): Promise<void> {
  let failure: unknown = null;
  let pulled = false;
  try {
    pulled = (await core.syncOnce()).pulled;
  } catch (err) {
    failure = err;
  }
  // Best effort, offline or not: what is kept stands until a request succeeds.
  if (pulled || (await progressOutOfDate())) await refreshProgress().catch(() => undefined);
  // Who the patient can message, kept so compose works offline from the first sync on.
  if (await careTeamStale()) await refreshCareTeam().catch(() => undefined);
  if (failure !== null) throw failure;
}

/**
 * The server's progression summary (level, today's XP and coins, streaks), kept for the
 * Sanctum to show offline "as of the last sync". The server decides; the device only shows it.
 */
async function refreshProgress(): Promise<void> {
  const res = await api.progress.$get(undefined, { init: { signal: AbortSignal.timeout(SYNC_REQUEST_TIMEOUT_MS) } });
  if (!res.ok) return;
  await db.meta.put({
    key: "progress",
    value: JSON.stringify({ ...(await res.json()), fetchedAt: new Date().toISOString() }),
  });
}

/**
 * Whether the kept summary is missing or speaks of another local day than the user's today: a
 * new day starts with nothing earned, and the server's summary says so once fetched, even when
 * nothing else changed overnight.
 */
async function progressOutOfDate(): Promise<boolean> {
  const [summary, user] = await Promise.all([db.meta.get("progress"), db.meta.get("user")]);
  if (!summary) return true;
  if (!user) return false;
  const { timezone, dayStartHour } = JSON.parse(user.value) as Pick<PublicUser, "timezone" | "dayStartHour">;
  const { today } = JSON.parse(summary.value) as Pick<ProgressSummary, "today">;
  return today.localDay !== localDay(clock.now(), timezone, dayStartHour);
}

/** Dismisses a notice: its marked item is cleared, or removed when the refused write had created it. */
export function dismissNotice(notice: Notice): Promise<void> {
  return core.dismissNotice(notice);
}
