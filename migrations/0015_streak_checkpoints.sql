-- Hand-written. Issue 15: GET /progress flat as a patient's history grows. Each habit keeps where
-- the walk of its streak stopped (shared/domain/streaks.ts, streakCheckpoint): `streak_through`
-- is the first local day not walked (a Monday), `streak_state` the walk so far (JSON), and a read
-- walks only the days from `streak_through` on. A completion or undo on a day before it clears it
-- in the write's own batch; `streak_version` counts every completion or undo of the habit, and a
-- checkpoint is saved only if it has not moved since the days it was walked from were read.
ALTER TABLE `habits` ADD `streak_through` text;
ALTER TABLE `habits` ADD `streak_state` text;
ALTER TABLE `habits` ADD `streak_version` integer DEFAULT 0 NOT NULL;
