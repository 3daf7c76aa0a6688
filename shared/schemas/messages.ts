import { z } from "zod";
import { MESSAGE_MAX_LENGTH } from "../messaging-policy";

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
