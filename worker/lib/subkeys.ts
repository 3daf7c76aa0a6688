/**
 * One key per purpose, derived from JWT_SECRET with HKDF-SHA-256 (RFC 5869) through WebCrypto,
 * so no two uses of the server secret share a key (issue 13, item 14): a MAC made for one
 * purpose is worthless for another, and none of them is an HMAC under the JWT signing key. The
 * JWTs (access and 2FA step tokens) stay signed with JWT_SECRET itself.
 *
 * The construction: salt 32 zero bytes, info `haven <purpose> v1`, a 256-bit HMAC-SHA-256 key
 * To add a use, add
 * its purpose below; never reuse one. Keys are derived once per isolate and secret.
 *
 * @example
 * const tag = await subkeyMac(env.JWT_SECRET, "sync-cursor", `${userId}:${seq}`);
 */
import { boundedCache } from "../../shared/bounded-cache";

export const SUBKEY_PURPOSES = [
  /** The keyed hash of the caller's address in sessions and audit rows (lib/client-ip.ts). */
  "ip-hash",
  /** The tag that binds a sync pull cursor to its user (lib/sync-cursor.ts). */
  "sync-cursor",
  /** The keyed hash of a recovery code and its user (auth/recovery-codes.ts). */
  "recovery-code hmac",
  /** The keyed hash of an email confirmation code, its user and address (db/email-verification.ts). */
  "email-verification code",
] as const;
export type SubkeyPurpose = (typeof SUBKEY_PURPOSES)[number];

const encoder = new TextEncoder();
const SALT = new Uint8Array(32);
/** A handful of secrets at most live in one isolate (tests switch them); the cache stays small. */
const keys = boundedCache<Promise<CryptoKey>>(32);

/** The HMAC-SHA-256 key for `purpose`, derived from `secret` (a failed derivation is not remembered). */
export function subkey(secret: string, purpose: SubkeyPurpose): Promise<CryptoKey> {
  return keys(`${purpose}\u0000${secret}`, async () => {
    const ikm = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
    return crypto.subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: SALT, info: encoder.encode(`haven ${purpose} v1`) },
      ikm,
      { name: "HMAC", hash: "SHA-256", length: 256 },
      false,
      ["sign"],
    );
  });
}

/** HMAC-SHA-256 of `message` under the subkey for `purpose`. */
export async function subkeyMac(secret: string, purpose: SubkeyPurpose, message: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await subkey(secret, purpose), encoder.encode(message)));
}
