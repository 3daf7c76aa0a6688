/**
 * New risk flags to their staff, and escalation of unacknowledged high ones (issue 17, item 3).
 *
 * - A new high flag: push ("A patient needs attention", urgent) and an email to every active
 *   therapist and clinician assigned to the patient, at once.
 * - A new medium flag: in-app only (the risk inbox lists it, its count is in the navigation).
 * - A new low flag: nothing beyond the inbox.
 * - A high flag still open (nobody acknowledged it) the configured minutes after it was raised
 *   (default 15): push and email to the on-call contact an admin configured, once. With nobody on
 *   call it waits (the admin health screen warns); an acknowledged or resolved flag never escalates.
 *
 * Each flag is claimed once, atomically (db/flag-alerts.ts), so the cron sweep (every minute) and
 * the fast path after a commit (after-commit.ts) never alert twice. Everything takes its clock as
 * an argument. No text carries health content: no patient, no level wording, nothing they wrote.
 */
import { NOTIFICATION_TEXTS } from "../../shared/domain/notification-texts";
import { database } from "../db/client";
import { assignedStaff, claimOverdueFlags, claimUnnotifiedFlags, escalationConfig } from "../db/flag-alerts";
import { type EmailEnv, sendEmail } from "./email";
import { pushToUsers } from "./web-push";

/** Where a flag alert opens: the care app's risk inbox. */
export const FLAG_ALERT_PATH = "/inbox";

/** The address of the app's inbox, when the deployment's app URL is configured (`APP_URL`). */
function inboxLink(env: { APP_URL?: string }): string | null {
  const base = env.APP_URL?.trim().replace(/\/+$/, "");
  return base ? `${base}${FLAG_ALERT_PATH}` : null;
}

/**
 * A staff alert email: the catalogue's lock-screen sentence and where to look, nothing else (the
 * patient, the flag's level and what they wrote stay inside the app, behind sign-in). An email
 * preview shows on a lock screen too: no risk or crisis wording either.
 */
export function flagAlertEmail(kind: "flag" | "escalation", link: string | null): { subject: string; text: string } {
  const subject = NOTIFICATION_TEXTS[kind].body;
  const where = link ? `Sign in to Haven to see who: ${link}` : "Sign in to Haven to see who.";
  return {
    subject,
    text: `${subject}.\n\n${where}\n\nHaven's alerts never carry patient details: they stay in the app, behind sign-in.`,
  };
}

type AlertEnv = Env & EmailEnv & { APP_URL?: string };

async function emailEach(env: AlertEnv, to: string[], kind: "flag" | "escalation"): Promise<void> {
  const email = flagAlertEmail(kind, inboxLink(env));
  await Promise.all([...new Set(to)].map((address) => sendEmail(env, { to: address, ...email })));
}

/** Alerts the staff of every flag nobody was alerted about yet; answers how many flags it claimed. */
export async function alertNewFlags(env: Env, now: number): Promise<number> {
  const db = database(env.DB);
  const claimed = await claimUnnotifiedFlags(db, now);
  const high = claimed.filter((f) => f.level === "high");
  if (high.length === 0) return claimed.length;
  const staff = await assignedStaff(db, [...new Set(high.map((f) => f.patientId))]);
  await Promise.all(
    high.map(async (flag) => {
      const team = staff.filter((s) => s.patientId === flag.patientId);
      if (team.length === 0) return;
      await Promise.all([
        pushToUsers(
          env,
          team.map((s) => s.staffId),
          "flag",
          FLAG_ALERT_PATH,
          now,
          { urgency: "high" },
        ),
        emailEach(
          env,
          team.map((s) => s.email),
          "flag",
        ),
      ]);
    }),
  );
  return claimed.length;
}

/** Escalates the overdue unacknowledged high flags to the on-call contact; answers how many. */
export async function escalateOverdueFlags(env: Env, now: number): Promise<number> {
  const db = database(env.DB);
  const { minutes, onCall } = await escalationConfig(db);
  if (!onCall) return 0;
  const escalated = await claimOverdueFlags(db, now, minutes, onCall.id);
  if (escalated.length === 0) return 0;
  // One notification however many flags went over at once: they all open the same inbox.
  await Promise.all([
    pushToUsers(env, [onCall.id], "escalation", FLAG_ALERT_PATH, now, { urgency: "high" }),
    emailEach(env, [onCall.email], "escalation"),
  ]);
  return escalated.length;
}

/** The Cron Trigger's flag job: new flags first, then escalation. */
export async function runFlagAlerts(env: Env, now: number): Promise<void> {
  await alertNewFlags(env, now);
  await escalateOverdueFlags(env, now);
}
