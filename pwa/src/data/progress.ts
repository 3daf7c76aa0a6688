import { progressView } from "../../../shared/domain/progression";
import type { PublicUser } from "../../../shared/schemas/auth";
import { useEntity } from "./entities";
import { useMeta } from "./meta";
import type { ProgressEntity, ProgressSummary } from "./types";
import { useLocalDay } from "./use-local-day";

/** What every screen shows of the patient's progression, from one place. */
export interface DeviceProgress {
  /** Level, tier, XP and coins: the change log's snapshot (newest), else the last summary fetched. */
  view: ReturnType<typeof progressView>;
  /** Earned on the user's local day today, as the server last said (zero once a new day starts). */
  today: { xp: number; coins: number };
  streaks: ProgressSummary["streaks"];
}

/**
 * The device's one source of the progress summary. Two things arrive from the server — the
 * `progress:me` entity in the change log (after every write that moves XP or coins) and the
 * GET /progress summary (today's earnings and streaks, fetched by sync) — and this hook is the
 * only place that chooses between them, so two screens can never show two different balances.
 * Null until the first sync has brought either.
 */
export function useProgress(user: Pick<PublicUser, "timezone" | "dayStartHour">): DeviceProgress | null {
  const entity = useEntity<ProgressEntity>("progress", "me");
  const summary = useMeta<ProgressSummary>("progress");
  const today = useLocalDay(user);
  const source = entity ?? summary;
  if (!source) return null;
  return {
    view: progressView(source.xp, source.coins),
    // After a day start the kept summary speaks of yesterday: until sync brings today's, nothing is earned yet.
    today:
      summary?.today.localDay === today ? { xp: summary.today.xp, coins: summary.today.coins } : { xp: 0, coins: 0 },
    streaks: summary?.streaks ?? [],
  };
}
