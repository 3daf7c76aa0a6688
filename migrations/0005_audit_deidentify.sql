-- Hand-written. The audit log stays append-only, with one exception needed by account deletion
-- (DELETE /api/v1/me): an update may only erase the identifying columns (user id, IP hash,
-- target) of an event, changing nothing else. See README, "Deleting an account".
DROP TRIGGER `audit_events_no_update`;--> statement-breakpoint
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
WHEN NOT (
  NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.request_id = OLD.request_id AND NEW.action = OLD.action
  AND NEW.outcome = OLD.outcome AND NEW.error_code IS OLD.error_code AND NEW.role IS OLD.role
  AND NEW.user_id IS NULL AND NEW.ip_hash IS NULL AND (NEW.target IS NULL OR NEW.target IS OLD.target)
)
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
