-- Hand-written. Issue 15: reads and writes that stay flat as a patient's history grows. Each
-- index serves a query that otherwise scans every row the user ever wrote:
-- - a command's state load reads the completions in the client-time window (habit_completions_at)
--   and asks of each recent mood whether it earned the first check-in reward (rewards_ref);
-- - the staff caseload reads each patient's last activity, max(ops.created_at) (ops_at).
CREATE INDEX `habit_completions_at` ON `habit_completions` (`user_id`,`at`);
CREATE INDEX `rewards_ref` ON `rewards` (`user_id`,`source`,`ref_id`);
CREATE INDEX `ops_at` ON `ops` (`user_id`,`created_at`);
