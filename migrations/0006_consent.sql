-- Consent settings (PRODUCT.md, "Account"): the AI companion, and donating de-identified data for
-- research. Both are off (0) until the patient turns them on in Settings.
ALTER TABLE `users` ADD `consent_companion` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `consent_research` integer DEFAULT 0 NOT NULL;
