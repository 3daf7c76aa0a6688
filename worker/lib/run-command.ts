import type { Context } from "hono";
import { ApiError } from "../../shared/errors";
import type { CommandType } from "../../shared/schemas/commands";
import type { AppEnv } from "../app-env";
import type { CheckedOutcome } from "../commands/execute";
import type { Command, CommandResult } from "../commands/types";
import { admitOutcome, claimedUserId, pendingSessionClaim } from "../middleware/require-auth";

/**
 * Sends commands to the user's Durable Object, which runs them one at a time, in order. Behind
 * requireAuthInBatch, the object checks the caller's session in its own state load first.
 */
export async function sendCommands(c: Context<AppEnv>, userId: string, commands: Command[]): Promise<CommandResult[]> {
  const stub = c.env.USER_COMMANDS.get(c.env.USER_COMMANDS.idFromName(userId));
  const pending = pendingSessionClaim(c);
  if (pending) {
    // RPC's type mapping loses the union: the value is a plain CheckedOutcome.
    const outcome = (await stub.executeChecked({
      userId,
      session: pending,
      requestId: c.get("requestId"),
      ipHash: c.get("ipHash"),
      commands,
    })) as CheckedOutcome;
    await admitOutcome(c, outcome);
    if (!outcome.ok) throw new Error("a refused session was let through");
    return outcome.results;
  }
  const auth = c.get("auth");
  return stub.execute({
    userId,
    actor: { userId: auth.userId, role: auth.role, requestId: c.get("requestId"), ipHash: c.get("ipHash") },
    commands,
  });
}

/**
 * A REST write as one command: the body's `opId` (or a fresh one) is the idempotency key and
 * its `at` (or now) the client time. A replayed opId answers with the first answer again,
 * marked `Idempotent-Replay: true`; a rejection becomes the unified error.
 */
export async function runCommand(
  c: Context<AppEnv>,
  type: CommandType,
  body: { opId?: string; at?: string } & Record<string, unknown>,
  extra: Record<string, unknown> = {},
  userId = c.get("auth")?.userId ?? claimedUserId(c),
): Promise<Response> {
  const { opId, at, ...payload } = body;
  const command: Command = {
    opId: opId ?? crypto.randomUUID(),
    type,
    at: at ? Date.parse(at) : Date.now(),
    payload: { ...payload, ...extra },
  };
  const [result] = await sendCommands(c, userId, [command]);
  if (!result) throw new Error("the user's object answered no result");
  if ("error" in result) throw new ApiError(result.error.code, { message: result.error.message });
  const res = c.json(result.body, result.httpStatus as 200);
  if (result.status === "duplicate") res.headers.set("Idempotent-Replay", "true");
  return res;
}
