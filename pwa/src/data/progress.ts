import { localDay } from "../../../shared/domain/local-day";
import { predictRewards } from "../../../shared/domain/predicted-rewards";
import { progressView } from "../../../shared/domain/progression";
import type { PublicUser } from "../../../shared/schemas/auth";
import { db } from "./db";
import { useEntity } from "./entities";
import { useMeta } from "./meta";
import { pendingFacts } from "./pending-facts";
import { clock } from "./sync";
import type { ProgressEntity, ProgressSummary } from "./types";
import { useLive } from "./use-live";
import { useLocalDay } from "./use-local-day";

/** What every screen shows of the patient's progression, from one place. */
export interface DeviceProgress {
  /**
   * Level, tier, XP and coins: the change log's snapshot (newest), else the last summary
   * fetched, plus what the writes waiting to sync will earn (predicted by the server's rules).
   */
  view: ReturnType<typeof progressView>;
  /** Earned on the user's local day today: the server's last word (zero once a new day starts) plus the prediction. */
  today: { xp: number; coins: number };
  streaks: ProgressSummary["streaks"];
  /** Part of the numbers is predicted from writes still waiting to sync. */
  predicted: boolean;
}

/**
 * The device's one source of the progress summary. Two things arrive from the server — the
 * `progress:me` entity in the change log (after every write that moves XP or coins) and the
 * GET /progress summary (today's earnings and streaks, fetched by sync) — and this hook is the
 * only place that chooses between them, so two screens can never show two different balances.
 * On top, what the outbox will earn shows at once (shared/domain/predicted-rewards.ts): an
 * operation leaves the outbox in the same transaction that settles it, so once synced it is
 * counted by the server's numbers only, and a refused one earns nothing. (Between the push and
 * the pull that brings the new snapshot the numbers may dip for a moment: never count twice.)
 * Null until the first sync has brought either.
 */
export function useProgress(user: Pick<PublicUser, "timezone" | "dayStartHour">): DeviceProgress | null {
  const entity = useEntity<ProgressEntity>("progress", "me");
  const summary = useMeta<ProgressSummary>("progress");
  const today = useLocalDay(user);
  const facts = useLive(() => pendingFacts(db), null as Awaited<ReturnType<typeof pendingFacts>> | null);
  const source = entity ?? summary;
  if (!source) return null;
  const prediction = facts
    ? predictRewards(facts.writes, facts.known, clock.now(), (ms) => localDay(ms, user.timezone, user.dayStartHour))
    : null;
  const extra = prediction?.total ?? { xp: 0, coins: 0 };
  const extraToday = prediction?.byDay.get(today) ?? { xp: 0, coins: 0 };
  // After a day start the kept summary speaks of yesterday: until sync brings today's, nothing is earned yet.
  const serverToday =
    summary?.today.localDay === today ? { xp: summary.today.xp, coins: summary.today.coins } : { xp: 0, coins: 0 };
  return {
    view: progressView(source.xp + extra.xp, source.coins + extra.coins),
    today: { xp: serverToday.xp + extraToday.xp, coins: serverToday.coins + extraToday.coins },
    streaks: summary?.streaks ?? [],
    predicted: extra.xp !== 0 || extra.coins !== 0,
  };
}
