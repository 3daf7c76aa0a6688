-- Hand-written. Issue 17: reaching people when the app is closed.

-- Web Push subscriptions, one per browser (the push service's endpoint is unique). Tied to the
-- session that registered it: signing out (or a revoked session) removes the device's
-- subscription, and a push service's 404/410 removes it too (worker/notify/web-push.ts).
CREATE TABLE `push_subscriptions` (
	`endpoint` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`session_id` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_sent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`user_id`);
CREATE INDEX `push_subscriptions_session` ON `push_subscriptions` (`session_id`);

-- A risk flag's alerting: when its staff were told (claimed once, so two sweeps never alert
-- twice), and when an unacknowledged high flag went to the on-call contact, and to whom.
ALTER TABLE `risk_flags` ADD `notified_at` integer;
ALTER TABLE `risk_flags` ADD `escalated_at` integer;
ALTER TABLE `risk_flags` ADD `escalated_to` text;
-- Flags raised before this migration were seen in the inbox already: alert nobody about them
-- again (the first sweep after a deploy would otherwise push every old flag at once).
UPDATE `risk_flags` SET `notified_at` = `created_at` WHERE `notified_at` IS NULL;
CREATE INDEX `risk_flags_unnotified` ON `risk_flags` (`notified_at`) WHERE `notified_at` IS NULL;
CREATE INDEX `risk_flags_escalation` ON `risk_flags` (`level`, `status`, `escalated_at`, `created_at`);

-- Settings an admin configures for the whole deployment (escalation minutes, on-call contact).
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);

-- A patient's reminders, all opt-in: the daily check-in at a local minute of the day, quiet
-- hours (local minutes; start > end wraps midnight), and the last local day each was sent.
CREATE TABLE `reminder_prefs` (
	`user_id` text PRIMARY KEY NOT NULL,
	`checkin_enabled` integer DEFAULT false NOT NULL,
	`checkin_minute` integer DEFAULT 1200 NOT NULL,
	`quiet_start_minute` integer,
	`quiet_end_minute` integer,
	`checkin_last_day` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);

-- A reminder per habit, at a local minute of the day.
CREATE TABLE `habit_reminders` (
	`user_id` text NOT NULL,
	`habit_id` text NOT NULL,
	`minute` integer NOT NULL,
	`last_day` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `habit_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
