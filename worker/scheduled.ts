/**
 * The Worker's Cron Trigger (wrangler.toml, every minute): alert staff of new risk flags and
 * escalate unacknowledged high ones (notify/flag-alerts.ts), and send patients' reminders
 * (notify/reminders.ts). Each job takes its clock as an argument, so tests run them at any
 * instant; one failing never stops the other. `npm start` calls this handler each minute too.
 */
import { runFlagAlerts } from "./notify/flag-alerts";
import { runReminders } from "./notify/reminders";

export async function runScheduledJobs(env: Env, now: number): Promise<void> {
  const results = await Promise.allSettled([runFlagAlerts(env, now), runReminders(env, now)]);
  for (const r of results) {
    if (r.status === "rejected") console.error("scheduled job failed", r.reason);
  }
}

/** The Worker's clock, not the trigger's scheduled time: under `HAVEN_CLOCK` the dev clock is shifted. */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (_controller, env, ctx) => {
  ctx.waitUntil(runScheduledJobs(env, Date.now()));
};
