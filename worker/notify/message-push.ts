/**
 * A new message, to its recipient's devices (issue 17): the fixed text "You have a new message
 * in Haven", never the message or who sent it. The click opens the conversation's screen: the
 * patient app's Messages, or the care app's page of the patient who wrote.
 */
import { database } from "../db/client";
import { findUserById } from "../db/users";
import { type PushResult, pushToUsers } from "./web-push";

/** Where a message notification opens, for a recipient of this role. */
export function messageUrl(recipientRole: string, senderId: string): string {
  return recipientRole === "patient" ? "/messages" : `/patients/${encodeURIComponent(senderId)}`;
}

/** Pushes "You have a new message in Haven" to the recipient's live devices. */
export async function pushNewMessage(
  env: Env,
  recipientId: string,
  senderId: string,
  now: number,
): Promise<PushResult> {
  const recipient = await findUserById(database(env.DB), recipientId);
  if (!recipient) return { delivered: 0, removed: 0, failed: 0 };
  return pushToUsers(env, [recipientId], "message", messageUrl(recipient.role, senderId), now);
}
