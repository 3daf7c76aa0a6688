import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { clientTimeOk } from "../../shared/domain/completion-policy";
import { ERROR_CATALOGUE, type ErrorCode } from "../../shared/errors";
import { COMMAND_SCHEMAS, isCommandType } from "../../shared/schemas/commands";
import { database } from "../db/client";
import { auditEvents, ops, users } from "../db/schema";
import { loggableError } from "../lib/errors";
import { fieldIssues } from "../lib/validate";
import { HANDLERS } from "./registry";
import type { Actor, Command, CommandContext, CommandResult, Decision } from "./types";

export interface ExecuteInput {
  userId: string;
  actor: Actor;
  commands: Command[];
}

/**
 * Runs a user's commands in order, each exactly once. Must only be called from inside the
 * user's Durable Object, one call at a time (UserCommands queues them): the read → decide →
 * write sequence below relies on nothing else writing this user's data in between.
 *
 * For each command: a known opId answers with the stored first result (`duplicate`); otherwise
 * the payload is validated, the client time checked, the handler decides, and its effects,
 * the op record and (for a rejection) the audit event go to D1 in ONE batch — so a crash between
 * the write and the reply leaves either nothing or everything, and a replay finds the op record.
 */
export async function executeCommands(env: Env, input: ExecuteInput, random: () => number): Promise<CommandResult[]> {
  const db = database(env.DB);
  const user = await db
    .select({ timezone: users.timezone, dayStartHour: users.dayStartHour })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  const results: CommandResult[] = [];
  for (const cmd of input.commands) {
    const stored = await db
      .select()
      .from(ops)
      .where(and(eq(ops.userId, input.userId), eq(ops.opId, cmd.opId)))
      .get();
    if (stored && stored.type !== cmd.type.slice(0, 64)) {
      // The same key for a different action is a client bug, not a replay: refuse, change nothing.
      const { status } = ERROR_CATALOGUE.ID_CONFLICT;
      results.push({
        opId: cmd.opId,
        status: "rejected",
        httpStatus: status,
        error: { code: "ID_CONFLICT", message: "This opId was already used for a different action." },
      });
      continue;
    }
    if (stored) {
      results.push({ opId: cmd.opId, status: "duplicate", httpStatus: stored.status, ...JSON.parse(stored.result) });
      continue;
    }
    const now = Date.now();
    const ctx: CommandContext = {
      db,
      userId: input.userId,
      actor: input.actor,
      timezone: user?.timezone ?? "UTC",
      dayStartHour: user?.dayStartHour ?? 4,
      now,
      random,
    };
    try {
      const decision = user ? await decide(ctx, cmd) : reject("NOT_FOUND");
      results.push(await record(ctx, cmd, decision));
    } catch (err) {
      // A failed batch wrote nothing (D1 batches are atomic) and left no op record, so the same
      // opId can be retried. Later commands still run; this one answers 500.
      console.error(
        JSON.stringify({
          level: "error",
          event: "command_failed",
          requestId: input.actor.requestId,
          type: cmd.type.slice(0, 64),
          ...loggableError(err),
        }),
      );
      const { status, message } = ERROR_CATALOGUE.INTERNAL;
      results.push({ opId: cmd.opId, status: "rejected", httpStatus: status, error: { code: "INTERNAL", message } });
    }
  }
  return results;
}

const reject = (code: ErrorCode, message?: string): Decision => ({ ok: false, code, message });

async function decide(ctx: CommandContext, cmd: Command): Promise<Decision> {
  if (!isCommandType(cmd.type)) return reject("VALIDATION_FAILED", `Unknown command type: ${cmd.type.slice(0, 40)}`);
  const parsed = COMMAND_SCHEMAS[cmd.type].safeParse(cmd.payload);
  if (!parsed.success) {
    const first = fieldIssues(parsed.error)[0];
    const code =
      first?.path === "status" && cmd.type.startsWith("quest.") ? "QUEST_STATUS_INVALID" : "VALIDATION_FAILED";
    return reject(code, first ? `${first.path || "payload"}: ${first.message}` : undefined);
  }
  if (!clientTimeOk(cmd.at, ctx.now)) return reject("CLIENT_TIME_OUT_OF_WINDOW");
  // The registry pairs each type with its handler; TypeScript cannot follow the pairing here.
  const handler = HANDLERS[cmd.type] as (c: CommandContext, p: unknown, command: Command) => Promise<Decision>;
  return handler(ctx, parsed.data, cmd);
}

async function record(ctx: CommandContext, cmd: Command, decision: Decision): Promise<CommandResult> {
  const opRow = (outcome: "applied" | "rejected", status: number, result: unknown) =>
    ctx.db.insert(ops).values({
      userId: ctx.userId,
      opId: cmd.opId,
      type: cmd.type.slice(0, 64),
      outcome,
      status,
      result: JSON.stringify(result),
      createdAt: ctx.now,
    });
  if (decision.ok) {
    const statements: BatchItem<"sqlite">[] = [
      ...decision.statements,
      opRow("applied", decision.status, { body: decision.body }),
    ];
    await ctx.db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
    return { opId: cmd.opId, status: "applied", httpStatus: decision.status, body: decision.body };
  }
  const { status, message } = ERROR_CATALOGUE[decision.code];
  const error = { code: decision.code, message: decision.message ?? message };
  await ctx.db.batch([
    opRow("rejected", status, { error }),
    ctx.db.insert(auditEvents).values({
      at: ctx.now,
      requestId: ctx.actor.requestId,
      userId: ctx.actor.userId,
      role: ctx.actor.role,
      action: `command.${cmd.type.slice(0, 40)}`,
      target: ctx.actor.userId === ctx.userId ? null : ctx.userId,
      outcome: "failure",
      errorCode: decision.code,
      ipHash: ctx.actor.ipHash,
    }),
  ]);
  return { opId: cmd.opId, status: "rejected", httpStatus: status, error };
}
