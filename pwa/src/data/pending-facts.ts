import type { KnownState, PendingWrite } from "../../../shared/domain/predicted-rewards";
import type { CachedEntity, HavenDatabase } from "./db";
import type { CompletionView, HabitView, MoodView, QuestView } from "./types";

/**
 * The server's state of a cached entity: its `base` while a local write is pending or after a
 * refusal (a refused create stays on screen, marked, with nothing on the server), else what it shows.
 */
function serverState<T>(row: CachedEntity): T | null {
  return ((row.pending || row.rejected ? row.base : row.data) ?? null) as T | null;
}

/** The outbox and what the device knows of the server's state, as predictRewards reads them. */
export async function pendingFacts(db: HavenDatabase): Promise<{ writes: PendingWrite[]; known: KnownState }> {
  return db.transaction("r", db.outbox, db.entities, async () => {
    const writes = await db.outbox.orderBy("seq").toArray();
    const rows = await db.entities.where("entity").anyOf("habit", "completion", "quest", "mood").toArray();
    const habits = new Map<string, HabitView>();
    const serverCompletions: CompletionView[] = [];
    const shownCompletionIds = new Set<string>();
    const quests = new Map<string, QuestView>();
    const serverMoodDays = new Set<string>();
    const shownMoodIds = new Set<string>();
    for (const row of rows) {
      const shown = row.data !== null && !row.rejected;
      if (row.entity === "habit") {
        const habit = (row.data ?? row.base ?? null) as HabitView | null;
        if (habit) habits.set(habit.id, habit);
      } else if (row.entity === "completion") {
        const server = serverState<CompletionView>(row);
        if (server && !server.undone) serverCompletions.push(server);
        if (shown && !(row.data as CompletionView).undone) shownCompletionIds.add(row.id);
      } else if (row.entity === "quest") {
        // A quest created here and not yet synced: the server has never awarded it (the device's
        // copy says xpAwarded as soon as it is marked done).
        const server = serverState<QuestView>(row);
        const created = row.data as QuestView | null;
        if (server) quests.set(row.id, server);
        else if (created) quests.set(row.id, { ...created, xpAwarded: false });
      } else if (row.entity === "mood") {
        const server = serverState<MoodView>(row);
        if (server) serverMoodDays.add(server.localDay);
        if (shown) shownMoodIds.add(row.id);
      }
    }
    const known: KnownState = { habits, serverCompletions, shownCompletionIds, quests, serverMoodDays, shownMoodIds };
    return { writes, known };
  });
}
