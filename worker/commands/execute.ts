import type { BatchItem } from "drizzle-orm/batch";
import { clientTimeOk } from "../../shared/domain/completion-policy";
import { ERROR_CATALOGUE, type ErrorCode } from "../../shared/errors";
import type { Role } from "../../shared/roles";
import { COMMAND_SCHEMAS, type CommandType, isCommandType } from "../../shared/schemas/commands";
import type { AuthContext } from "../app-env";
import { admitSession, type SessionClaim, type SessionRow } from "../auth/session-check";
import { type Database, database } from "../db/client";
import { placeholders, prepared } from "../db/prepared";
import { auditEvents, ops } from "../db/schema";
import { stateVersionGuard, stateVersionRead, versionOf } from "../db/state-version";
import { UNKNOWN_OPERATION_ACTION } from "../lib/audit";
import { loggableError } from "../lib/errors";
import { fieldIssues } from "../lib/validate";
import { changeStatements } from "./change-log";
import type { Kept, StateMemory } from "./kept-state";
import { HANDLERS } from "./registry";
import { loadUserState, type UserState } from "./state";
import type { Actor, Command, CommandContext, CommandResult, Decision } from "./types";

export interface ExecuteInput {
  userId: string;
  actor: Actor;
  commands: Command[];
}

/**
 * Commands from a caller whose session has not been checked yet (middleware/require-auth.ts,
 * requireAuthInBatch): the object reads the session row in its state load and runs the commands
 * only when it passes and the caller's role is one of `roles`; the actor is the session's user.
 */
export interface CheckedExecuteInput {
  userId: string;
  session: SessionClaim & { roles: Role[] };
  requestId: string;
  ipHash: string | null;
  commands: Command[];
}

/** The checked call's answer: the commands' results, or the refusal the caller gets instead. */
export type CheckedOutcome =
  | { ok: true; auth: AuthContext; results: CommandResult[] }
  | { ok: false; code: ErrorCode; auth?: AuthContext };

/** One call to the user's object: a request's commands, by a known actor or one whose session is still to be checked. */
export type Call = { kind: "trusted"; input: ExecuteInput } | { kind: "checked"; input: CheckedExecuteInput };

/** A call's answer: its results (trusted), or its checked outcome. */
export type CallOutcome = CommandResult[] | CheckedOutcome;

/**
 * executeCommands behind the session check, in the same state load (one round trip fewer for
 * every write: issue 15). Refused, nothing runs and nothing is written.
 */
export async function executeChecked(
  env: Env,
  input: CheckedExecuteInput,
  random: () => number,
): Promise<CheckedOutcome> {
  const [outcome] = await executeCalls(env, [{ kind: "checked", input }], random);
  return outcome as CheckedOutcome;
}

/**
 * Runs a user's commands in order, each exactly once. Must only be called from inside the
 * user's Durable Object, one call at a time (UserCommands queues them): it reads the user's
 * state once, decides every command against that state as earlier commands change it, and
 * writes everything at the end — two D1 round trips however many commands (one when the
 * object kept its state: executeCalls).
 *
 * For each command: a known opId answers with the stored first result (`duplicate`); otherwise
 * the payload is validated, the client time checked (outside the window: applied, late, earning
 * nothing, with a warning) and the handler decides. Effects, op records
 * and the audit events of rejections all go to D1 in ONE batch, which is atomic: a crash leaves
 * nothing or everything, and a replay finds the op record. If the batch fails, every command of
 * the call answers `failed` (503) and none is recorded, so the same opIds can simply be retried.
 */
export async function executeCommands(env: Env, input: ExecuteInput, random: () => number): Promise<CommandResult[]> {
  const [outcome] = await executeCalls(env, [{ kind: "trusted", input }], random);
  return outcome as CommandResult[];
}

/**
 * Runs calls that waited for the object together, as if one after the other (issue 15): ONE
 * state load for all of them (with each checked call's session), each call's commands decided in
 * arrival order against the state the earlier ones left, and ONE write batch. So while one
 * user's writes queue up (several devices replaying at once), they cost two round trips per
 * group instead of per call. Each call keeps its own answers: a refused session runs nothing,
 * and a handler that throws stops only its own call's later commands. If the group's batch
 * fails, nothing of it was written and each call is run again on its own, from a fresh load, so
 * one call's failure is never another's. All calls must be for the same user.
 *
 * With `memory` (the user's object passes its own), the state the last write left is kept, and a
 * group that can be decided from it skips the load: one round trip (fromKeptState).
 */
export async function executeCalls(
  env: Env,
  calls: Call[],
  random: () => number,
  memory?: StateMemory,
): Promise<CallOutcome[]> {
  const db = database(env.DB);
  const now = Date.now();
  const userId = calls[0]?.input.userId ?? "";
  if (calls.some((c) => c.input.userId !== userId)) throw new Error("executeCalls: calls for different users");
  const kept = memory?.take(calls, now);
  if (kept && memory) {
    const done = await fromKeptState(db, kept, calls, random, now, memory);
    if (done) return done;
  }
  const sessionIds = new Set([...sessionIdsOf(calls), ...(memory?.sessionIds() ?? [])]);
  const { state, sessions, version } = await loadUserState(
    db,
    userId,
    calls.flatMap((c) => c.input.commands),
    now,
    [...sessionIds],
  );
  const { statements, outcomes, later, broken } = decideGroup(db, state, sessions, calls, random, now);
  const finish = async (done: CallOutcome[]) =>
    later.length === 0 ? done : [...done, ...(await executeCalls(env, later, random, memory))];
  // A handler that threw may have left the state half-changed: then nothing is kept.
  const keepAt = (at: number | undefined) => {
    if (memory && !broken && at !== undefined) memory.keep({ state, sessions, version: at });
  };
  if (statements.length === 0) {
    keepAt(version);
    return finish(outcomes);
  }
  let results: unknown[];
  try {
    // The version before and after the statements, in the same transaction (kept-state.ts).
    results = await db.batch(versioned(stateVersionRead(db, { userId }), statements, db, userId));
  } catch (err) {
    const decided = calls.slice(0, outcomes.length);
    console.error(
      JSON.stringify({
        level: "error",
        event: "commands_failed",
        requestIds: decided.map((c) => (c.kind === "trusted" ? c.input.actor.requestId : c.input.requestId)),
        ...loggableError(err),
      }),
    );
    if (decided.length > 1) {
      // Nothing of the group was written: each call again on its own, so a failure is only its own.
      const alone: CallOutcome[] = [];
      for (const call of decided) alone.push(...(await executeCalls(env, [call], random, memory)));
      return finish(alone);
    }
    // Nothing was written: every command of the call may be sent again, and should be.
    const failed = (decided[0]?.input.commands ?? []).map((cmd) => failure(cmd, "DATABASE_UNAVAILABLE"));
    return finish(outcomes.map((o) => (Array.isArray(o) ? failed : o.ok ? { ...o, results: failed } : o)));
  }
  // Kept only when nothing else changed the user's state between the load and this batch: then the
  // state, as the handlers left it, is what D1 now holds, at the version read after the statements.
  if (versionOf(results[0] as VersionRows) === version) keepAt(versionOf(results[results.length - 1] as VersionRows));
  return finish(outcomes);
}

type VersionRows = { stateVersion: number }[];

/** A write batch: `first` (the version read or the guard), the statements, and the version after them. */
function versioned(first: BatchItem<"sqlite">, statements: BatchItem<"sqlite">[], db: Database, userId: string) {
  return [first, ...statements, stateVersionRead(db, { userId })] as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}

/** The session ids of a group's checked calls. */
function sessionIdsOf(calls: Call[]): string[] {
  return calls.flatMap((c) => (c.kind === "checked" ? [c.input.session.claims.sessionId] : []));
}

/**
 * A group decided from the state the object kept (kept-state.ts), written in ONE round trip: the
 * batch starts with the guard on the user's state version, so it commits only if the kept state
 * was still D1's; then the object keeps the state the handlers left, at the version after the
 * write. Undefined when the group must be decided again from a fresh load, with nothing written:
 * the state had changed (the guard), an opId was a replay or a client id was taken (a primary
 * key), D1 failed, a handler threw, or there was nothing to write (so no guard would have checked
 * the kept sessions).
 */
async function fromKeptState(
  db: Database,
  kept: Kept,
  calls: Call[],
  random: () => number,
  now: number,
  memory: StateMemory,
): Promise<CallOutcome[] | undefined> {
  const { statements, outcomes, broken } = decideGroup(db, kept.state, kept.sessions, calls, random, now);
  if (broken || statements.length === 0) return undefined;
  const userId = calls[0]?.input.userId ?? "";
  let results: unknown[];
  try {
    results = await db.batch(
      versioned(stateVersionGuard(db, { userId, version: kept.version }), statements, db, userId),
    );
  } catch {
    return undefined;
  }
  const version = versionOf(results[results.length - 1] as VersionRows);
  if (version !== undefined) memory.keep({ ...kept, version });
  return outcomes;
}

/**
 * Decides a group's calls in arrival order against one state, collecting their statements. A
 * handler that throws stops its call and marks the group `broken` (the state may be half-changed,
 * so it must not be kept); the calls after it are returned as `later`, to run after the group's
 * batch from a fresh load.
 */
function decideGroup(
  db: Database,
  state: UserState,
  sessions: Map<string, SessionRow>,
  calls: Call[],
  random: () => number,
  now: number,
): { statements: BatchItem<"sqlite">[]; outcomes: CallOutcome[]; later: Call[]; broken: boolean } {
  const userId = calls[0]?.input.userId ?? "";
  const statements: BatchItem<"sqlite">[] = [];
  const outcomes: CallOutcome[] = [];
  for (const [index, call] of calls.entries()) {
    let actor: Actor;
    let auth: AuthContext | undefined;
    if (call.kind === "trusted") actor = call.input.actor;
    else {
      const { session, requestId, ipHash } = call.input;
      const verdict = admitSession(sessions.get(session.claims.sessionId), session, now);
      if (!verdict.ok) {
        outcomes.push(verdict);
        continue;
      }
      auth = verdict.auth;
      // A checked call acts on its caller's own data only: staff acting for a patient go through
      // requireAuth and the assignment check, then call as a trusted actor.
      if (!session.roles.includes(auth.role) || auth.userId !== userId) {
        outcomes.push({ ok: false, code: "FORBIDDEN", auth });
        continue;
      }
      actor = { userId: auth.userId, role: auth.role, requestId, ipHash };
    }
    const { results, broken } = decideCall(
      db,
      state,
      { userId, actor, commands: call.input.commands },
      random,
      now,
      statements,
    );
    outcomes.push(auth ? { ok: true, auth, results } : results);
    if (broken) return { statements, outcomes, later: calls.slice(index + 1), broken };
  }
  return { statements, outcomes, later: [], broken: false };
}

// Every command's op record: built once per D1 binding and bound per command (db/prepared.ts).
const opInsert = prepared((db) =>
  db.insert(ops).values(placeholders("userId", "opId", "type", "outcome", "status", "result", "createdAt")),
);

/** Decides one call's commands against the shared state, adding its statements to the group's. */
function decideCall(
  db: Database,
  state: UserState,
  input: ExecuteInput,
  random: () => number,
  now: number,
  statements: BatchItem<"sqlite">[],
): { results: CommandResult[]; broken: boolean } {
  const ctx: CommandContext = {
    db,
    state,
    changes: new Map(),
    userId: input.userId,
    actor: input.actor,
    now,
    random,
    late: false,
  };
  const before = { totals: { ...state.totals }, pet: state.pet };
  const results: CommandResult[] = [];
  let broken = false;
  let unknownTypes = 0;
  for (const cmd of input.commands) {
    // After a command that could not run, the rest wait for it: a device's writes apply in order.
    if (broken) {
      results.push(failure(cmd, "INTERNAL"));
      continue;
    }
    const type = cmd.type.slice(0, 64);
    const stored = state.ops.get(cmd.opId);
    if (stored && stored.type !== type) {
      // The same key for a different action is a client bug, not a replay: refuse, change nothing.
      results.push(rejection(cmd, "ID_CONFLICT", "This opId was already used for a different action."));
      continue;
    }
    if (stored) {
      results.push({ opId: cmd.opId, status: "duplicate", httpStatus: stored.status, ...JSON.parse(stored.result) });
      continue;
    }
    let decision: Decision;
    ctx.late = false;
    try {
      decision = state.found ? decide(ctx, cmd) : reject("NOT_FOUND");
    } catch (err) {
      // A bug in one handler: this command and the ones after it answer `failed`, unrecorded,
      // so a retry of their opIds runs them again, in order, once the bug is fixed. The ones
      // before it stand.
      console.error(
        JSON.stringify({
          level: "error",
          event: "command_failed",
          requestId: input.actor.requestId,
          type,
          ...loggableError(err),
        }),
      );
      results.push(failure(cmd, "INTERNAL"));
      broken = true;
      continue;
    }
    if (decision.ok && ctx.late) {
      // Kept late: said beside whatever else the handler had to say (a merge that replaced a change).
      const said = decision.body.warning as { code: string; message: string } | undefined;
      decision.body.warnings = [...(said ? [said] : []), lateWarning()];
      decision.body.warning = said ?? lateWarning();
    } else if (decision.ok && decision.body.warning) decision.body.warnings = [decision.body.warning];
    const result = decision.ok
      ? { opId: cmd.opId, status: "applied" as const, httpStatus: decision.status, body: decision.body }
      : rejection(cmd, decision.code, decision.message);
    if (decision.ok) statements.push(...decision.statements);
    else if (isCommandType(cmd.type)) statements.push(auditRejection(ctx, cmd.type, decision.code));
    // The client's words never name an audit action: unknown types are counted, one event per call.
    else unknownTypes++;
    const record = {
      type,
      status: result.httpStatus,
      result: JSON.stringify("body" in result ? { body: result.body } : { error: result.error }),
    };
    statements.push(
      opInsert(db, {
        userId: input.userId,
        opId: cmd.opId,
        outcome: decision.ok ? "applied" : "rejected",
        createdAt: now,
        ...record,
      }),
    );
    state.ops.set(cmd.opId, record);
    results.push(result);
  }
  if (unknownTypes > 0) statements.push(auditUnknownOperations(ctx, unknownTypes));
  statements.push(...changeStatements(db, ctx, before));
  return { results, broken };
}

/** A command that could not run and was not recorded: retryable under the same opId. */
function failure(cmd: Command, code: "INTERNAL" | "DATABASE_UNAVAILABLE"): CommandResult {
  const entry = ERROR_CATALOGUE[code];
  return { opId: cmd.opId, status: "failed", httpStatus: entry.status, error: { code, message: entry.message } };
}

/** Said with a late write's answer: it was kept, and earned nothing. */
function lateWarning() {
  return { code: "CLIENT_TIME_OUT_OF_WINDOW" as const, message: ERROR_CATALOGUE.CLIENT_TIME_OUT_OF_WINDOW.message };
}

const reject = (code: ErrorCode, message?: string): Decision => ({ ok: false, code, message });

function rejection(cmd: Command, code: ErrorCode, message?: string): CommandResult {
  const entry = ERROR_CATALOGUE[code];
  return {
    opId: cmd.opId,
    status: "rejected",
    httpStatus: entry.status,
    error: { code, message: message ?? entry.message },
  };
}

function decide(ctx: CommandContext, cmd: Command): Decision {
  if (!isCommandType(cmd.type)) return reject("VALIDATION_FAILED", `Unknown command type: ${cmd.type.slice(0, 40)}`);
  const parsed = COMMAND_SCHEMAS[cmd.type].safeParse(cmd.payload);
  if (!parsed.success) {
    const first = fieldIssues(parsed.error)[0];
    const code =
      first?.path === "status" && cmd.type.startsWith("quest.") ? "QUEST_STATUS_INVALID" : "VALIDATION_FAILED";
    return reject(code, first ? `${first.path || "payload"}: ${first.message}` : undefined);
  }
  if (!Number.isFinite(cmd.at)) return reject("VALIDATION_FAILED", "at: Use an ISO 8601 time.");
  // The window governs rewards, never whether the patient's words are kept: a late write is
  // applied and earns nothing. A time from the future (a fast clock) is taken as the time of
  // receipt; one from long ago (a long time offline) stays when it happened.
  ctx.late = !clientTimeOk(cmd.at, ctx.now);
  const timed = cmd.at > ctx.now ? { ...cmd, at: ctx.now } : cmd;
  // The registry pairs each type with its handler; TypeScript cannot follow the pairing here.
  const handler = HANDLERS[cmd.type] as (c: CommandContext, p: unknown, command: Command) => Decision;
  return handler(ctx, parsed.data, timed);
}

/**
 * Every rejected command is an audit event (identifiers and the code only, never the payload),
 * named after its type, which is one of the known command types (isCommandType), never free text.
 */
function auditRejection(ctx: CommandContext, type: CommandType, code: ErrorCode) {
  return ctx.db.insert(auditEvents).values({
    at: ctx.now,
    requestId: ctx.actor.requestId,
    userId: ctx.actor.userId,
    role: ctx.actor.role,
    action: `command.${type}`,
    target: ctx.actor.userId === ctx.userId ? null : ctx.userId,
    outcome: "failure",
    errorCode: code,
    ipHash: ctx.actor.ipHash,
  });
}

/**
 * Operations of a type that is not a command, however many in one call: a single event with a
 * fixed action name and their count (the client's type strings are never stored: they could
 * carry control or bidi characters, or pose as another action).
 */
function auditUnknownOperations(ctx: CommandContext, count: number) {
  return ctx.db.insert(auditEvents).values({
    at: ctx.now,
    requestId: ctx.actor.requestId,
    userId: ctx.actor.userId,
    role: ctx.actor.role,
    action: UNKNOWN_OPERATION_ACTION,
    target: `count:${count}`,
    outcome: "failure",
    errorCode: "VALIDATION_FAILED",
    ipHash: ctx.actor.ipHash,
  });
}
