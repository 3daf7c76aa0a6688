import { useEffect, useState } from "preact/hooks";
import { type PetMood, petMood } from "../../../shared/domain/pet";
import { useEntities, useEntity } from "../data/entities";
import { useProgress } from "../data/progress";
import type { PetView, QuestView } from "../data/types";
import { ReminderNudge } from "../notify/ReminderNudge";
import { Celebration } from "../ui/Celebration";
import { Link } from "../ui/Link";
import { CheckIn } from "./checkin/CheckIn";
import { TodayHabits } from "./TodayHabits";
import "./checkin/today-summary.css";
import type { ScreenProps } from "./types";

const PET_MOOD_WORDS: Record<PetMood, string> = {
  joyful: "is full of joy",
  content: "is content",
  sleepy: "is feeling sleepy and would love some care",
};

/**
 * The Sanctum (today): the check-in, today's habits, active quests, streaks, the pet's mood, and
 * what today earned. Everything shows from the device's copy, offline too.
 */
export default function Sanctum(props: ScreenProps) {
  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Today
      </h2>
      <TodaySummary user={props.user} />
      <ReminderNudge user={props.user} />
      <CheckIn {...props} />
      <TodayHabits {...props} />
      <ActiveQuests />
    </>
  );
}

/** The highest level each user has been shown on this page load: a level-up celebrates once. */
const levelSeen = new Map<string, number>();

function TodaySummary({ user }: Pick<ScreenProps, "user">) {
  const progress = useProgress(user);
  const pet = useEntity<PetView>("pet", "me");
  const [celebration, setCelebration] = useState<string | null>(null);
  const level = progress?.view.level ?? null;
  useEffect(() => {
    if (level === null) return;
    const seen = levelSeen.get(user.id);
    levelSeen.set(user.id, Math.max(seen ?? level, level));
    if (seen !== undefined && level > seen) setCelebration(`Level ${level} — well done`);
  }, [level, user.id]);
  const streaks = (progress?.streaks ?? []).filter((s) => s.current > 0).sort((a, b) => b.current - a.current);
  const view = progress?.view;
  return (
    <section class="card summary" aria-labelledby="summary-title">
      <h3 id="summary-title">Your day so far</h3>
      {celebration ? <Celebration message={celebration} onDone={() => setCelebration(null)} /> : null}
      {progress && view ? (
        <>
          <p data-testid="today-earned" class="earned">
            Today: <strong>+{progress.today.xp} XP</strong> and <strong>+{progress.today.coins} coins</strong>
            {progress.predicted ? <span class="pending"> · counted now, confirmed at the next sync</span> : null}
          </p>
          <div class="level-row">
            <p class="level" data-testid="level">
              Level {view.level} · {view.tier}
              <span class="muted"> · {view.coins} coins in all</span>
            </p>
            <progress
              class="level-bar"
              max={view.xpIntoLevel + view.xpForNextLevel}
              value={view.xpIntoLevel}
              aria-label={`Progress to level ${view.level + 1}`}
            />
            <p class="muted level-next">
              {view.xpForNextLevel} XP to level {view.level + 1}
            </p>
          </div>
        </>
      ) : (
        <p>Your progress shows here after the first sync.</p>
      )}
      {streaks.length > 0 ? (
        <p class="streaks">
          Streaks: {streaks.map((s) => `${s.name} ${s.current} day${s.current === 1 ? "" : "s"}`).join(" · ")}
        </p>
      ) : null}
      <p data-testid="pet-mood">
        {pet ? (
          <>
            {pet.name} {pet.away ? "is out on an adventure" : PET_MOOD_WORDS[petMood(pet.stats)]}.{" "}
            <Link href="/pet">Visit {pet.name}</Link>
          </>
        ) : (
          <>
            A companion pet is waiting to meet you. <Link href="/pet">Adopt one</Link>
          </>
        )}
      </p>
    </section>
  );
}

function ActiveQuests() {
  const quests = useEntities<QuestView>("quest").filter((q) => q.status === "active" && !q.rejected);
  return (
    <section class="card" aria-labelledby="active-quests-title">
      <h3 id="active-quests-title">Active quests</h3>
      {quests.length === 0 ? (
        <p>
          No active quests. <Link href="/quests">Start one</Link>
        </p>
      ) : (
        <ul data-testid="active-quests">
          {quests.map((q) => (
            <li key={q.id}>
              <Link href="/quests">{q.title}</Link>
              {q.steps.length > 0 ? ` — ${q.steps.filter((s) => s.done).length}/${q.steps.length} steps` : ""}
              {q.pending ? <span class="pending"> · waiting to sync</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
