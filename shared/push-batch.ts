/**
 * How the device cuts its outbox into pushes (docs/sync.md "Offline sync"): in order, at most
 * SYNC_PUSH_MAX_OPERATIONS operations and at most PUSH_MAX_BYTES of JSON each, so a push never
 * meets the server's 413. Counting operations alone let seven long messages written offline
 * make a 69 KB body that was refused on every retry, and the outbox never drained.
 */
import { BODY_LIMIT_BYTES, SYNC_PUSH_MAX_OPERATIONS } from "./limits";

/** A push body's budget: under the server's body limit, with room for headers of the JSON. */
export const PUSH_MAX_BYTES = BODY_LIMIT_BYTES - 1024;

/** `{"clientId":"<36-char uuid>","operations":[]}` is 67 bytes; rounded up. */
const ENVELOPE_BYTES = 80;

/** The length in bytes of `text` encoded as UTF-8 (what the body limit counts). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * The operations from the head of `ops` that fit in one push (each measured as its wire JSON,
 * plus a comma). `tooLarge` is set when the very first operation alone exceeds the budget: it
 * can never be sent, so the caller refuses it once instead of retrying it forever.
 *
 * @example
 * takePush(outbox, (op) => JSON.stringify(op)) // { batch: [...], tooLarge: null }
 */
export function takePush<T>(ops: readonly T[], toJson: (op: T) => string): { batch: T[]; tooLarge: T | null } {
  const batch: T[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const op of ops.slice(0, SYNC_PUSH_MAX_OPERATIONS)) {
    const size = utf8Length(toJson(op)) + 1;
    if (bytes + size > PUSH_MAX_BYTES) return batch.length === 0 ? { batch, tooLarge: op } : { batch, tooLarge: null };
    batch.push(op);
    bytes += size;
  }
  return { batch, tooLarge: null };
}
