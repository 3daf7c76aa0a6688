-- Hand-written. Issue 13, item 13: travel must never double-count a day. Each mood and habit
-- completion records when its local day ends, in the zone the patient had when it happened, so a
-- later event in another zone can tell whether that day is still under way
-- (shared/domain/credit-day.ts). Older rows have none: their day's end is worked out in the
-- patient's current zone.
ALTER TABLE `moods` ADD `day_ends_at` integer;
ALTER TABLE `habit_completions` ADD `day_ends_at` integer;
