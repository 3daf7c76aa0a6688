-- Hand-written. Issue 16, admin system health: the service's own 5xx answers (an unhandled
-- exception answered 500 INTERNAL, or any other 5xx), one row each, so GET /api/v1/admin/health
-- can say how many there were in the last 24 hours and when the last one was. A row holds no
-- user data: when, the request id (to find the structured log line), the status and the error
-- code. Rows older than 7 days are deleted as new ones are written (worker/db/server-errors.ts).
CREATE TABLE `server_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`request_id` text NOT NULL,
	`status` integer NOT NULL,
	`code` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `server_errors_at` ON `server_errors` (`at`);
