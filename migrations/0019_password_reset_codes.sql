-- Hand-written. Issue 16, admin: a one-time password-reset code an admin issues for a user who
-- cannot use email (handed over in person). One live code per user (issuing again replaces it),
-- stored only as a SHA-256 hash, valid for 24 hours, deleted when redeemed (single use). It goes
-- with the account. `created_by` is the admin who issued it (no foreign key: it outlives them).
CREATE TABLE `password_reset_codes` (
	`user_id` text PRIMARY KEY NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
