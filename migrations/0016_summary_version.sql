-- Hand-written. Issue 15: a caseload of 200 within 2× a caseload of 5. `users.summary_version`
-- counts every change to what a patient's summary on the staff caseload is computed from (their op
-- records, moods, habits and habit completions), bumped by the triggers below in the same
-- statement as the change, so no write path can forget it. The caseload keeps each patient's
-- computed figures in the isolate's memory and reuses them while the version (and the patient's
-- day rules) are unchanged (worker/db/summary-cache.ts). Risk flags are not cached: they are read
-- live on every request. Changes made by a trigger are not counted by SQLite's changes().
ALTER TABLE `users` ADD `summary_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TRIGGER `summary_ops_insert` AFTER INSERT ON `ops` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `summary_moods_insert` AFTER INSERT ON `moods` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `summary_moods_update` AFTER UPDATE ON `moods` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `summary_moods_delete` AFTER DELETE ON `moods` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `summary_habits_insert` AFTER INSERT ON `habits` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `summary_habits_update` AFTER UPDATE OF `user_id`, `schedule_type`, `schedule_target`, `created_at`, `archived_at` ON `habits` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `summary_habits_delete` AFTER DELETE ON `habits` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `summary_completions_insert` AFTER INSERT ON `habit_completions` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `summary_completions_update` AFTER UPDATE ON `habit_completions` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `summary_completions_delete` AFTER DELETE ON `habit_completions` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `summary_ops_delete` AFTER DELETE ON `ops` BEGIN
  UPDATE `users` SET `summary_version` = `summary_version` + 1 WHERE `id` = OLD.`user_id`;
END;
