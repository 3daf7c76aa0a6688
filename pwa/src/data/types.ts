/**
 * Entity shapes the screens read from the cache: exactly what the API and the change log send,
 * taken from the Worker's own view functions (declarations emitted into .types/), never retyped.
 */
import type {
  assessmentView,
  completionView,
  habitView,
  messageView,
  moodView,
  petView,
  questView,
} from "../../../.types/worker/db/views";
import type { ProgressView } from "../../../shared/domain/progression";
import type { StreakResult } from "../../../shared/domain/streaks";

export type MoodView = ReturnType<typeof moodView>;
export type HabitView = ReturnType<typeof habitView>;
export type CompletionView = ReturnType<typeof completionView>;
export type QuestView = ReturnType<typeof questView>;
export type PetView = ReturnType<typeof petView>;
export type MessageView = ReturnType<typeof messageView>;
export type AssessmentView = ReturnType<typeof assessmentView>;

/** GET /api/v1/progress, kept in meta "progress" after each sync that changed something. */
export type ProgressSummary = ProgressView & {
  streaks: ({ habitId: string; name: string } & StreakResult)[];
  today: { localDay: string; xp: number; coins: number };
  fetchedAt: string;
};
