import type { z } from "zod";
import { messageRefusal } from "../../shared/messaging-policy";
import type { messageSend } from "../../shared/schemas/messages";
import { messages } from "../db/schema";
import { messageView } from "../db/views";
import { type Command, type CommandContext, type Decision, reject } from "./types";
import { write } from "./write";

/**
 * Sends a message (also queued offline as a sync operation). The policy (role table, a live care
 * assignment between a patient and their therapist or clinician, blocks) decides who may write to
 * whom (shared/messaging-policy.ts); an unknown, disabled or self recipient is "not found". The message reaches both
 * participants' change logs in the same batch.
 */
export function sendMessage(ctx: CommandContext, p: z.infer<typeof messageSend>, cmd: Command): Decision {
  const recipient = ctx.state.people.get(p.recipientId);
  if (recipient?.status !== "active" || p.recipientId === ctx.userId) return reject("NOT_FOUND");
  const refusal = messageRefusal({
    from: ctx.state.role,
    to: recipient.role,
    assigned: recipient.assigned,
    blocked: recipient.blocksMe,
  });
  if (refusal) return reject(refusal);
  const id = p.id ?? crypto.randomUUID();
  if (ctx.state.messageIds.has(id)) return reject("ID_CONFLICT");
  const row = {
    id,
    senderId: ctx.userId,
    recipientId: p.recipientId,
    body: p.body,
    // A late message is dated when it arrived, so it is not buried days back in the thread.
    sentAt: ctx.late ? ctx.now : Math.min(cmd.at, ctx.now),
    createdAt: ctx.now,
    readAt: null,
    deletedBySenderAt: null,
    deletedByRecipientAt: null,
  };
  const view = messageView(row);
  const statement = write(ctx, {
    entity: "message",
    id,
    view,
    statement: ctx.db.insert(messages).values(row),
    remember: { set: ctx.state.messageIds },
    audience: [p.recipientId],
  });
  return { ok: true, status: 201, body: { message: view }, statements: [statement] };
}
