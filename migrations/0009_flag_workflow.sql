-- Hand-written. Risk flags carry what staff need (issue 12, item 4): a level, the C-SSRS category
-- matched, and a status open → acknowledged → resolved, each step with who, when and a note.
-- Flags raised before this migration get the level their rule raises now (shared/domain/risk-flags.ts):
-- PHQ-9 item 9 medium, a low mood low; a companion flag's level was not stored, so it is taken as
-- high, because under-triaging a crisis costs more than over-triaging one.
ALTER TABLE `risk_flags` ADD `level` text DEFAULT 'high' NOT NULL;--> statement-breakpoint
ALTER TABLE `risk_flags` ADD `category` text;--> statement-breakpoint
ALTER TABLE `risk_flags` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `risk_flags` ADD `acknowledged_note` text;--> statement-breakpoint
ALTER TABLE `risk_flags` ADD `resolved_at` integer;--> statement-breakpoint
ALTER TABLE `risk_flags` ADD `resolved_by` text;--> statement-breakpoint
ALTER TABLE `risk_flags` ADD `resolved_note` text;--> statement-breakpoint
UPDATE `risk_flags` SET `level` = 'medium', `category` = 'wish-to-be-dead' WHERE `source` = 'phq9_item9';--> statement-breakpoint
UPDATE `risk_flags` SET `level` = 'low' WHERE `source` = 'low_mood';--> statement-breakpoint
UPDATE `risk_flags` SET `status` = 'acknowledged' WHERE `acknowledged_at` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `risk_flags_status` ON `risk_flags` (`user_id`,`status`,`level`);
