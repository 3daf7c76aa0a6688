import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { crisisResourcesFor } from "../../shared/domain/risk";
import { ApiError, ERROR_CATALOGUE, type ErrorCode } from "../../shared/errors";
import type { CompanionSafetyAnswer, CompanionStreamEvent } from "../../shared/schemas/companion";
import type { AppEnv } from "../app-env";
import { audit } from "../lib/audit";
import { loggableError } from "../lib/errors";
import { ReplyGuard } from "./reply-guard";
import { safeReplyText } from "./safe-reply";
import { replyIsUnsafe } from "./safety";
import type { SecondOpinion } from "./second-opinion";
import { type StoredTurns, storeTurns, type TurnsToStore } from "./store";
import { type ChatTurn, type CompanionProvider, ProviderError } from "./types";

export interface ReplyInput {
  provider: CompanionProvider;
  turns: ChatTurn[];
  /** Where the new turns go once the reply is complete. */
  store: Omit<TurnsToStore, "reply" | "replaced" | "repliedAt">;
  timezone: string;
  /**
   * The safety second opinion, already running: resolves (never rejects, within its own
   * deadline) to a verdict MORE urgent than the rule check's, or null.
   */
  secondOpinion?: Promise<SecondOpinion | null>;
  /** Raises the care team's flag for a second opinion's verdict; resolves to whether it was. */
  raiseFlag?: (verdict: SecondOpinion) => Promise<boolean>;
}

/**
 * Logs a provider failure by kind and status only: never the turns, the reply, or the
 * provider's error body, any of which may hold what the patient wrote.
 */
function logFailure(c: Context<AppEnv>, err: unknown, phase: "before_first_token" | "mid_stream"): void {
  const e = err instanceof ProviderError ? err : undefined;
  console.error(
    JSON.stringify({
      level: "error",
      event: "companion_provider_failed",
      requestId: c.get("requestId"),
      phase,
      failure: e?.failure ?? "unexpected",
      status: e?.status ?? null,
    }),
  );
}

type Sender = { writeSSE(m: { event: string; data: string }): Promise<void> };

async function send(stream: Sender, e: CompanionStreamEvent) {
  await stream.writeSSE({ event: e.event, data: JSON.stringify(e.data) });
}

const errorEvent = (code: ErrorCode): CompanionStreamEvent => ({
  event: "error",
  data: { code, message: ERROR_CATALOGUE[code].message },
});

/**
 * When the model gave no reply at all, the second opinion still counts: its flag is raised, and
 * a high verdict answers as the rule check's crisis answer does (200 with the resources), rather
 * than an error. Null when it saw nothing more urgent.
 */
async function opinionWithoutReply(c: Context<AppEnv>, input: ReplyInput): Promise<Response | null> {
  const v = await (input.secondOpinion ?? Promise.resolve(null));
  if (!v) return null;
  const flagged = (await input.raiseFlag?.(v)) ?? false;
  if (v.level !== "high") return null;
  const answer: CompanionSafetyAnswer = {
    safety: { level: "high", resources: [...crisisResourcesFor(input.timezone)], flagged },
  };
  return c.json(answer, 200);
}

/**
 * Streams the model's reply to the patient as server-sent events (`text/event-stream`).
 *
 * The first token is awaited BEFORE the response starts, so a provider that is down, refuses
 * (after the retries) or times out is a plain 502 COMPANION_UNAVAILABLE. From then on the reply
 * is checked (`replyIsUnsafe`, through a ReplyGuard: a few words at a time, in the context of
 * their sentence) before any of it is sent, so unsafe text never leaves the Worker; if the check
 * fails, the provider is cancelled and a
 * `replace` event carries the safe message and the crisis resources, which is what is stored.
 * A provider failure after the reply began is an `error` event (nothing is stored; the patient
 * can send again). A complete reply is stored with the patient's message in one batch, then
 * `done` names both. If the patient goes away (closes the stream), the provider is cancelled and
 * nothing is stored.
 */
export async function streamReply(c: Context<AppEnv>, input: ReplyInput): Promise<Response> {
  const cancel = new AbortController();
  const pieces = input.provider.stream(input.turns, cancel.signal);
  let first: IteratorResult<string, void>;
  try {
    first = await pieces.next();
  } catch (err) {
    logFailure(c, err, "before_first_token");
    await audit(c, { action: "companion.chat", outcome: "failure", errorCode: "COMPANION_UNAVAILABLE" });
    const crisis = await opinionWithoutReply(c, input);
    if (crisis) return crisis;
    throw new ApiError("COMPANION_UNAVAILABLE");
  }
  if (first.done) {
    const crisis = await opinionWithoutReply(c, input);
    if (crisis) return crisis;
    throw new ApiError("COMPANION_UNAVAILABLE");
  }
  // The second opinion, once it has answered: `undefined` while it has not.
  let verdict: SecondOpinion | null | undefined;
  const opinion = (input.secondOpinion ?? Promise.resolve(null)).then((v) => {
    verdict = v;
    return v;
  });
  let acted = false;
  /**
   * Acts on a verdict once: a flag, and a `safety` event with the resources and whether the flag
   * was raised (the device queues it itself when not). Medium shows them beside the reply; high
   * is followed by the reply's replacement.
   */
  async function act(stream: Sender, v: SecondOpinion): Promise<void> {
    if (acted) return;
    acted = true;
    const flagged = (await input.raiseFlag?.(v)) ?? false;
    await send(stream, {
      event: "safety",
      data: { level: v.level, resources: crisisResourcesFor(input.timezone), flagged },
    });
  }

  return streamSSE(c, async (stream) => {
    stream.onAbort(() => cancel.abort());
    const guard = new ReplyGuard(replyIsUnsafe);
    let replaced = false;
    try {
      let piece: string = first.value;
      while (true) {
        // A second opinion that came back more urgent: high stops the reply (it is replaced by
        // the safe message and the resources), medium shows the resources beside it.
        if (verdict) {
          await act(stream, verdict);
          if (verdict.level === "high") {
            replaced = true;
            break;
          }
        }
        const approved = guard.push(piece);
        if (approved === null) {
          replaced = true;
          break;
        }
        if (approved !== "") await send(stream, { event: "delta", data: { text: approved } });
        if (stream.aborted) return;
        const next = await pieces.next();
        if (next.done) {
          const rest = guard.finish();
          if (rest === null) replaced = true;
          else if (rest !== "") await send(stream, { event: "delta", data: { text: rest } });
          break;
        }
        piece = next.value;
      }
    } catch (err) {
      // The patient stopped the reply (the stream was closed): not a provider failure.
      if (stream.aborted) return;
      logFailure(c, err, "mid_stream");
      await send(stream, errorEvent("COMPANION_UNAVAILABLE"));
      return;
    } finally {
      // Stops the provider when we stopped early (unsafe reply, patient gone); a no-op when done.
      cancel.abort();
      await pieces.return().catch(() => undefined);
    }
    if (stream.aborted) return;
    // The reply is complete: the second opinion has until its own deadline to speak before `done`.
    const late = await opinion;
    if (late) {
      await act(stream, late);
      if (late.level === "high") replaced = true;
    }
    if (stream.aborted) return;
    const resources = crisisResourcesFor(input.timezone);
    const content = replaced ? safeReplyText(resources) : guard.approved;
    let stored: StoredTurns;
    try {
      stored = await storeTurns(c, { ...input.store, reply: content, replaced, repliedAt: Date.now() });
    } catch (err) {
      // loggableError cuts drizzle's "params:" (the message and reply) from the message and stack.
      console.error(
        JSON.stringify({
          level: "error",
          event: "companion_store_failed",
          requestId: c.get("requestId"),
          ...loggableError(err),
        }),
      );
      await send(stream, errorEvent("INTERNAL"));
      return;
    }
    if (replaced) await send(stream, { event: "replace", data: { text: content, resources } });
    await send(stream, {
      event: "done",
      data: {
        conversationId: stored.conversationId,
        messageId: stored.replyId,
        userMessageId: stored.messageId,
      },
    });
  });
}
