-- Hand-written. The C-SSRS screener (issue 12, item 4) is kept with the other questionnaires, but
-- it has no total and no severity band: its answers are yes/no by item (a JSON object, not an
-- array of 0–3), and what it yields is a triage, the flag level and the C-SSRS category. So
-- `score` and `severity` may be NULL, for the screener only, and `risk_level` / `risk_category`
-- hold its triage (both NULL when every answer was no). SQLite cannot drop NOT NULL in place, so
-- the table is rebuilt; nothing references it, and its rows and index are carried over unchanged.
-- The CHECK keeps a PHQ-9 or GAD-7 row from ever losing its total, and a screener from gaining one.
CREATE TABLE `__new_assessments` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`instrument` text NOT NULL,
	`answers` text NOT NULL,
	`score` integer,
	`severity` text,
	`risk_level` text,
	`risk_category` text,
	`at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CHECK ((`instrument` = 'C-SSRS') = (`score` IS NULL AND `severity` IS NULL)),
	CHECK (`instrument` = 'C-SSRS' OR (`risk_level` IS NULL AND `risk_category` IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_assessments` (`user_id`, `id`, `instrument`, `answers`, `score`, `severity`, `at`, `created_at`)
  SELECT `user_id`, `id`, `instrument`, `answers`, `score`, `severity`, `at`, `created_at` FROM `assessments`;--> statement-breakpoint
DROP TABLE `assessments`;--> statement-breakpoint
ALTER TABLE `__new_assessments` RENAME TO `assessments`;--> statement-breakpoint
CREATE INDEX `assessments_at` ON `assessments` (`user_id`,`instrument`,`at`);
