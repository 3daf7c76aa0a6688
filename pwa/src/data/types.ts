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
