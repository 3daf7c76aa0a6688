import { moodDays } from "../../../../shared/domain/insights";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { accepted, useEntities } from "../../data/entities";
import type { CompletionView, HabitView, MoodView } from "../../data/types";
import { Patterns } from "./Patterns";
import { YearInPixels } from "./YearInPixels";

/**
 * The year in pixels and the mood patterns, from the device's copy of the check-ins, habits and
 * completions (the whole history arrives through sync), so they work offline too.
 */
export function Insights({ user, today }: { user: PublicUser; today: string }) {
  const moods = accepted(useEntities<MoodView>("mood"));
  const habits = useEntities<HabitView>("habit")
    .filter((h) => !h.archived && !h.rejected)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const completions = useEntities<CompletionView>("completion");
  return (
    <>
      <YearInPixels checkIns={moods} today={today} />
      <Patterns days={moodDays(moods)} habits={habits} completions={completions} user={user} today={today} />
    </>
  );
}
