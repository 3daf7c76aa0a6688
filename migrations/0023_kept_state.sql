-- Hand-written. Issue 15: a write through the user's Durable Object at the platform's speed.
--
-- The user's object (worker/durable/user-commands.ts) keeps the state its commands are decided
-- against in memory between calls (worker/commands/kept-state.ts), so a write need not read D1
-- before it writes. `users.state_version` counts every change to what that state is read from:
-- the triggers below bump it in the same statement as the change, so no write path, in the object
-- or outside it (a staff route, an admin, a scheduled job, a sign-out), can forget it.
--
-- A write decided from kept state sends, first in its one atomic batch, a guard that inserts into
-- `kept_state_guard` a value that is 1 only while the version is the one the state was read at
-- (worker/db/state-version.ts). The table holds the one row 1, so that insert does nothing (ON
-- CONFLICT DO NOTHING); any other value breaks the CHECK, which no conflict clause covers, and
-- aborts the whole batch: nothing of a write decided on a stale copy is ever committed, and the
-- object reloads from D1 and decides again.
ALTER TABLE `users` ADD `state_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE `kept_state_guard` (`ok` integer PRIMARY KEY NOT NULL CHECK (`ok` = 1));--> statement-breakpoint
-- The user's own row: what the commands and the session check read from it.
CREATE TRIGGER `state_users_update` AFTER UPDATE OF `timezone`, `day_start_hour`, `role`, `status`, `totp_secret` ON `users` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
-- Sessions: an update of what the session check reads (revocation, expiry), or a deletion. A new
-- session needs no bump: the object has never seen it, so it reads it from D1.
CREATE TRIGGER `state_sessions_update` AFTER UPDATE OF `user_id`, `expires_at`, `revoked_at`, `revoked_reason` ON `sessions` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_sessions_delete` AFTER DELETE ON `sessions` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
-- The wellbeing rows the commands decide from: any insert, update or deletion.
CREATE TRIGGER `state_progress_insert` AFTER INSERT ON `progress` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_progress_update` AFTER UPDATE ON `progress` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_progress_delete` AFTER DELETE ON `progress` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_pets_insert` AFTER INSERT ON `pets` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_pets_update` AFTER UPDATE ON `pets` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_pets_delete` AFTER DELETE ON `pets` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_habits_insert` AFTER INSERT ON `habits` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_habits_update` AFTER UPDATE ON `habits` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_habits_delete` AFTER DELETE ON `habits` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_quests_insert` AFTER INSERT ON `quests` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_quests_update` AFTER UPDATE ON `quests` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_quests_delete` AFTER DELETE ON `quests` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_assessments_insert` AFTER INSERT ON `assessments` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_assessments_update` AFTER UPDATE ON `assessments` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_assessments_delete` AFTER DELETE ON `assessments` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_habit_completions_insert` AFTER INSERT ON `habit_completions` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_habit_completions_update` AFTER UPDATE ON `habit_completions` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_habit_completions_delete` AFTER DELETE ON `habit_completions` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_moods_insert` AFTER INSERT ON `moods` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_moods_update` AFTER UPDATE ON `moods` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_moods_delete` AFTER DELETE ON `moods` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_rewards_insert` AFTER INSERT ON `rewards` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_rewards_update` AFTER UPDATE ON `rewards` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_rewards_delete` AFTER DELETE ON `rewards` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_safety_plans_insert` AFTER INSERT ON `safety_plans` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = NEW.`user_id`;
END;--> statement-breakpoint
CREATE TRIGGER `state_safety_plans_update` AFTER UPDATE ON `safety_plans` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` IN (OLD.`user_id`, NEW.`user_id`);
END;--> statement-breakpoint
CREATE TRIGGER `state_safety_plans_delete` AFTER DELETE ON `safety_plans` BEGIN
  UPDATE `users` SET `state_version` = `state_version` + 1 WHERE `id` = OLD.`user_id`;
END;
--> statement-breakpoint
INSERT INTO `kept_state_guard` (`ok`) VALUES (1);
