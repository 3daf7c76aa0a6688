-- Hand-written. Issue 19: a short first-run flow for new patients.

-- When the patient finished or skipped the first-run flow (on any device); null until then, so
-- the flow shows once per account, not once per device.
ALTER TABLE `users` ADD `onboarded_at` integer;

-- Everyone who already had an account has been using Haven: the flow is for new patients only.
UPDATE `users` SET `onboarded_at` = `created_at`;
