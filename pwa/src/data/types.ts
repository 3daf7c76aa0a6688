/** Entity shapes the screens read from the cache (as the API and the change log show them). */
export interface MoodView {
  id: string;
  at: string;
  localDay?: string;
  mood: number;
  sleepQuality: number;
  sleepHours: number | null;
  note: string | null;
  tags: string[];
}

export interface HabitView {
  id: string;
  name: string;
  difficulty: "easy" | "medium" | "hard";
  schedule: { type: "daily"; perDay: number } | { type: "weekly"; timesPerWeek: number };
  archived: boolean;
}

export interface CompletionView {
  id: string;
  habitId: string;
  at: string;
  localDay: string;
}
