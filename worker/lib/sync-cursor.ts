/**
 * The sync pull's cursor: the last change-log sequence a device has, tagged so it is bound to
 * its user. Another user's cursor, or an edited one, is refused (400 INVALID_CURSOR).
 *
 * Keyed with the "sync-cursor" subkey of JWT_SECRET (lib/subkeys.ts); a cursor tagged before
 * the subkeys (with the raw secret) is refused like a forged one, and the PWA then pulls again
 * from the start (pwa/src/data/sync-core.ts).
 */
import { ApiError } from "../../shared/errors";
import { timingSafeEqual } from "./crypto";
import { toBase64Url } from "./encoding";
import { subkeyMac } from "./subkeys";

const encoder = new TextEncoder();

async function cursorTag(secret: string, userId: string, seq: number): Promise<string> {
  const mac = await subkeyMac(secret, "sync-cursor", `${userId}:${seq}`);
  return toBase64Url(mac.slice(0, 16));
}

/** The cursor for "after change `seq`" of `userId`'s change log. */
export async function encodeSyncCursor(secret: string, userId: string, seq: number): Promise<string> {
  return `${seq.toString(36)}.${await cursorTag(secret, userId, seq)}`;
}

/** The sequence in a cursor of `userId`'s; anything else is 400 INVALID_CURSOR. */
export async function decodeSyncCursor(secret: string, userId: string, cursor: string): Promise<number> {
  const match = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
  const seq = match ? Number.parseInt(match[1] ?? "", 36) : Number.NaN;
  if (!match || !Number.isSafeInteger(seq)) throw new ApiError("INVALID_CURSOR");
  const expected = encoder.encode(await cursorTag(secret, userId, seq));
  if (!timingSafeEqual(expected, encoder.encode(match[2] ?? ""))) throw new ApiError("INVALID_CURSOR");
  return seq;
}
