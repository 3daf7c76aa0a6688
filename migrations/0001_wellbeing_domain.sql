CREATE TABLE `assessments` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`instrument` text NOT NULL,
	`answers` text NOT NULL,
	`score` integer NOT NULL,
	`severity` text NOT NULL,
	`at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assessments_at` ON `assessments` (`user_id`,`instrument`,`at`);--> statement-breakpoint
CREATE TABLE `habit_completions` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`habit_id` text NOT NULL,
	`at` integer NOT NULL,
	`local_day` text NOT NULL,
	`xp` integer NOT NULL,
	`coins` integer NOT NULL,
	`undone_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `habit_completions_day` ON `habit_completions` (`user_id`,`habit_id`,`local_day`);--> statement-breakpoint
CREATE TABLE `habits` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`difficulty` text NOT NULL,
	`schedule_type` text NOT NULL,
	`schedule_target` integer NOT NULL,
	`notes` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `moods` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`at` integer NOT NULL,
	`local_day` text NOT NULL,
	`mood` integer NOT NULL,
	`sleep_quality` integer NOT NULL,
	`sleep_hours` real,
	`note` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `moods_at` ON `moods` (`user_id`,`at`);--> statement-breakpoint
CREATE TABLE `ops` (
	`user_id` text NOT NULL,
	`op_id` text NOT NULL,
	`type` text NOT NULL,
	`outcome` text NOT NULL,
	`status` integer NOT NULL,
	`result` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `op_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pets` (
	`user_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`species` text NOT NULL,
	`hunger` integer NOT NULL,
	`happiness` integer NOT NULL,
	`energy` integer NOT NULL,
	`hygiene` integer NOT NULL,
	`stats_at` integer NOT NULL,
	`xp` integer DEFAULT 0 NOT NULL,
	`adventure_started_at` integer,
	`last_declutter_at` integer,
	`cosmetics` text DEFAULT '[]' NOT NULL,
	`loot` text DEFAULT '[]' NOT NULL,
	`adopted_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `progress` (
	`user_id` text PRIMARY KEY NOT NULL,
	`xp` integer DEFAULT 0 NOT NULL,
	`coins` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quests` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`difficulty` text NOT NULL,
	`steps` text DEFAULT '[]' NOT NULL,
	`due_date` text,
	`status` text DEFAULT 'active' NOT NULL,
	`xp_awarded_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rewards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`op_id` text NOT NULL,
	`source` text NOT NULL,
	`ref_id` text,
	`local_day` text NOT NULL,
	`xp` integer NOT NULL,
	`coins` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rewards_day` ON `rewards` (`user_id`,`local_day`);--> statement-breakpoint
CREATE TABLE `risk_flags` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`source` text NOT NULL,
	`ref_id` text,
	`created_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_flags_open` ON `risk_flags` (`user_id`,`acknowledged_at`);--> statement-breakpoint
CREATE TABLE `safety_plans` (
	`user_id` text PRIMARY KEY NOT NULL,
	`plan` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
