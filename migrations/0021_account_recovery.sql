-- Hand-written. Issue 18: accounts people can recover.

-- When the account's current email address was shown to be theirs (a code sent to it was
-- entered, or a staff invite sent to it was accepted); null until then, and again after the
-- address changes. Existing accounts start unverified (they were never asked).
ALTER TABLE `users` ADD `email_verified_at` integer;
-- A staff member invited by email who has not yet set a password (null once accepted).
ALTER TABLE `users` ADD `invited_at` integer;

-- One live email-verification code per user, for the address it was sent to (a later change of
-- address makes it useless), SHA-256 hashed, short-lived, with its wrong attempts counted.
CREATE TABLE `email_verification_codes` (
	`user_id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);

-- What a password-reset code is for: 'admin' (issued by an admin, handed over in person),
-- 'email' (requested by the user, sent by email) or 'invite' (a staff invite: sets the first password).
ALTER TABLE `password_reset_codes` ADD `purpose` text DEFAULT 'admin' NOT NULL;
