-- Hand-written. A write whose client time lies outside the accepted window (PRODUCT.md,
-- "Anti-abuse completion policy") is still kept but earns nothing: a completion made that way is
-- marked late, so it shows in the habit's history yet gives no streak credit.
ALTER TABLE `habit_completions` ADD `late` integer DEFAULT 0 NOT NULL;
