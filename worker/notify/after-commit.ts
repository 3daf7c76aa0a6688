/**
 * The fast path of notifications (issue 17): after a user's commands commit in their Durable
 * Object, alert staff of any flag they raised and push each new message to its recipient, without
 * delaying the answer (the object hands the returned promise to `ctx.waitUntil`). The cron sweep
 * (scheduled.ts, every minute) stays the guarantee for flags: a flag this misses, it catches.
 */
import type { Call, CallOutcome } from "../commands/execute";
import type { Command, CommandResult } from "../commands/types";
import { alertNewFlags } from "./flag-alerts";
import { pushNewMessage } from "./message-push";

/**
 * Whether an applied command's answer carries a new high flag: `risk.flag` answers `flag`, a
 * check-in whose rule fired answers `safety.flag` (commands/risk-flag.ts, commands/check-ins.ts).
 * Only high flags alert anyone at once; medium and low ones wait for the sweep, which just marks
 * them (they are in-app only).
 */
function raisedHighFlag(body: Record<string, unknown>): boolean {
  const direct = body.flag as { level?: unknown } | undefined;
  const viaCheckIn = (body.safety as { flag?: { level?: unknown } } | undefined)?.flag;
  return direct?.level === "high" || viaCheckIn?.level === "high";
}

function resultsOf(outcome: CallOutcome | undefined): CommandResult[] {
  if (!outcome) return [];
  if (Array.isArray(outcome)) return outcome;
  return outcome.ok ? outcome.results : [];
}

/** The commands of these calls that were applied now (not duplicates, rejections or failures), with their answers. */
export function appliedCommands(
  calls: Call[],
  outcomes: CallOutcome[],
): { cmd: Command; body: Record<string, unknown> }[] {
  const applied: { cmd: Command; body: Record<string, unknown> }[] = [];
  calls.forEach((call, i) => {
    const results = resultsOf(outcomes[i]);
    for (const cmd of call.input.commands) {
      const result = results.find((r) => r.opId === cmd.opId);
      if (result?.status === "applied" && "body" in result) applied.push({ cmd, body: result.body });
    }
  });
  return applied;
}

/** The notifications a committed group owes; never throws (a failure is logged, the sweep retries flags). */
export async function notifyAfterCommit(env: Env, calls: Call[], outcomes: CallOutcome[]): Promise<void> {
  const applied = appliedCommands(calls, outcomes);
  if (applied.length === 0) return;
  const senderId = calls[0]?.input.userId ?? "";
  const now = Date.now();
  const jobs: Promise<unknown>[] = [];
  if (applied.some(({ body }) => raisedHighFlag(body))) jobs.push(alertNewFlags(env, now));
  for (const { cmd } of applied) {
    if (cmd.type !== "message.send") continue;
    const recipientId = (cmd.payload as { recipientId?: unknown } | null)?.recipientId;
    if (typeof recipientId === "string") jobs.push(pushNewMessage(env, recipientId, senderId, now));
  }
  const results = await Promise.allSettled(jobs);
  for (const r of results) {
    if (r.status === "rejected") {
      console.error(
        JSON.stringify({
          level: "error",
          event: "notify_after_commit_failed",
          message: r.reason instanceof Error ? r.reason.message : String(r.reason),
        }),
      );
    }
  }
}
