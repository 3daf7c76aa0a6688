-- Hand-written. Issue 13, item 2: deleting an account pseudonymises the deleted subject only.
--
-- 1. The audit log stays append-only. The one update allowed is the pseudonymisation that
--    DELETE /api/v1/me runs in the same batch, after the account row is gone: a row's actor may
--    change only when that actor's account no longer exists, and only to a tombstone
--    (`deleted:` + 32 hex digits, an HMAC of the id), with their IP hash dropped; a row's target
--    may only have a tombstone put in it. Whoever else acted (a clinician who viewed or exported
--    the patient, an admin) keeps their name, role and IP hash: no other column may ever change.
DROP TRIGGER `audit_events_no_update`;--> statement-breakpoint
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
WHEN NOT (
  NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.request_id = OLD.request_id AND NEW.action = OLD.action
  AND NEW.outcome = OLD.outcome AND NEW.error_code IS OLD.error_code AND NEW.role IS OLD.role
  AND (
    (NEW.user_id IS OLD.user_id AND NEW.ip_hash IS OLD.ip_hash)
    OR (
      OLD.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE users.id = OLD.user_id)
      AND length(NEW.user_id) = 40 AND NEW.user_id GLOB 'deleted:[0-9a-f]*' AND NEW.ip_hash IS NULL
    )
  )
  AND (NEW.target IS OLD.target OR (OLD.target IS NOT NULL AND instr(NEW.target, 'deleted:') > 0))
)
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;--> statement-breakpoint
-- 2. Staff and admin accounts are deactivated by an admin, and Haven always keeps one active
--    admin: the database refuses to disable, demote or delete the last one (the admin route also
--    answers 409 LAST_ADMIN; this guard holds against two admins disabling each other at once).
CREATE TRIGGER `users_keep_last_admin_update` BEFORE UPDATE OF `status`, `role` ON `users`
WHEN OLD.role = 'admin' AND OLD.status = 'active' AND (NEW.role IS NOT 'admin' OR NEW.status IS NOT 'active')
  AND NOT EXISTS (SELECT 1 FROM users AS u WHERE u.role = 'admin' AND u.status = 'active' AND u.id != OLD.id)
BEGIN SELECT RAISE(ABORT, 'the last active admin cannot be disabled or removed'); END;--> statement-breakpoint
CREATE TRIGGER `users_keep_last_admin_delete` BEFORE DELETE ON `users`
WHEN OLD.role = 'admin' AND OLD.status = 'active'
  AND NOT EXISTS (SELECT 1 FROM users AS u WHERE u.role = 'admin' AND u.status = 'active' AND u.id != OLD.id)
BEGIN SELECT RAISE(ABORT, 'the last active admin cannot be disabled or removed'); END;--> statement-breakpoint
-- 3. Clinical notes outlive their author's account: `author_id` keeps the id, with no foreign key
--    (it cascaded before). A note still goes with the patient it is about. SQLite cannot drop a
--    foreign key in place, so the table is rebuilt; nothing references it.
CREATE TABLE `__new_clinical_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_clinical_notes` (`id`, `patient_id`, `author_id`, `body`, `created_at`, `updated_at`)
  SELECT `id`, `patient_id`, `author_id`, `body`, `created_at`, `updated_at` FROM `clinical_notes`;--> statement-breakpoint
DROP TABLE `clinical_notes`;--> statement-breakpoint
ALTER TABLE `__new_clinical_notes` RENAME TO `clinical_notes`;--> statement-breakpoint
CREATE INDEX `clinical_notes_patient` ON `clinical_notes` (`patient_id`,`created_at`);--> statement-breakpoint
-- 4. A message stays in the other participant's inbox when one participant's account is deleted:
--    `sender_id` and `recipient_id` keep the ids, with no foreign keys (they cascaded before).
--    DELETE /api/v1/me marks the deleted side's copies deleted and removes the messages nobody
--    can see any more. Rebuilt with the same rowids, so the full-text index (external content,
--    keyed by rowid) stays valid; its triggers go with the old table and are made again.
CREATE TABLE `__new_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`sender_id` text NOT NULL,
	`recipient_id` text NOT NULL,
	`body` text NOT NULL,
	`sent_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`deleted_by_sender_at` integer,
	`deleted_by_recipient_at` integer
);
--> statement-breakpoint
INSERT INTO `__new_messages` (`rowid`, `id`, `sender_id`, `recipient_id`, `body`, `sent_at`, `created_at`, `read_at`, `deleted_by_sender_at`, `deleted_by_recipient_at`)
  SELECT `rowid`, `id`, `sender_id`, `recipient_id`, `body`, `sent_at`, `created_at`, `read_at`, `deleted_by_sender_at`, `deleted_by_recipient_at` FROM `messages`;--> statement-breakpoint
DROP TABLE `messages`;--> statement-breakpoint
ALTER TABLE `__new_messages` RENAME TO `messages`;--> statement-breakpoint
CREATE INDEX `messages_sender` ON `messages` (`sender_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `messages_recipient` ON `messages` (`recipient_id`,`sent_at`);--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (new.rowid, new.body);
END;--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF body ON `messages` BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO messages_fts(rowid, body) VALUES (new.rowid, new.body);
END;--> statement-breakpoint
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
