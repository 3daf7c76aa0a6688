import { z } from "zod";
import { MESSAGE_MAX_LENGTH } from "../messaging-policy";
import { ROLES } from "../roles";
import { isoTime } from "./common";
import { messageViewSchema } from "./views";

export const messageSend = z.strictObject({
  id: z.uuid().optional(),
  recipientId: z.uuid(),
  body: z
    .string()
    .max(MESSAGE_MAX_LENGTH, `A message holds at most ${MESSAGE_MAX_LENGTH.toLocaleString("en")} characters.`)
    .refine((b) => b.trim().length > 0, { message: "Write something first." }),
});

export const conversationQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(256).optional(),
});

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type { MessageView } from "./views";

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** One thread of my inbox: who with (a deleted account keeps its thread, role null), the latest message, my unread count. */
export const inboxThreadSchema = z.strictObject({
  with: z.strictObject({ id: z.uuid(), displayName: z.string(), role: z.enum(ROLES).nullable() }),
  lastMessage: messageViewSchema,
  unread: z.number().int(),
});
export type InboxThread = z.infer<typeof inboxThreadSchema>;

/** `GET /messages`: my threads, the most recent first. */
export const inboxResponse = z.strictObject({ items: z.array(inboxThreadSchema) });

/** `GET /messages/search`: the messages I can see that match, newest first. */
export const messageSearchResponse = z.strictObject({ items: z.array(messageViewSchema) });

/** `POST /messages` (201) and `POST /messages/:id/read`: the message as it now is. */
export const messageResponse = z.strictObject({ message: messageViewSchema });

/** Someone I blocked, and since when. */
export const messageBlockSchema = z.strictObject({ userId: z.uuid(), displayName: z.string(), createdAt: isoTime });
export type MessageBlock = z.infer<typeof messageBlockSchema>;

/** `GET /messages/blocks`: the people I blocked, most recent first. */
export const messageBlocksResponse = z.strictObject({ items: z.array(messageBlockSchema) });
