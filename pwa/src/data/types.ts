/**
 * Entity shapes the screens read from the cache: exactly what the API and the change log send,
 * taken from the Worker's own view functions (declarations emitted into .types/), never retyped.
 */
import type { completionView, habitView, moodView } from "../../../.types/worker/db/views";

export type MoodView = ReturnType<typeof moodView>;
export type HabitView = ReturnType<typeof habitView>;
export type CompletionView = ReturnType<typeof completionView>;
