/**
 * Web Push subscriptions as the API takes them (issue 17): what `PushSubscription.toJSON()` gives,
 * less `expirationTime`. Keys are checked for what RFC 8291 needs — p256dh an uncompressed P-256
 * point (65 bytes, 0x04 first), auth a 16-byte secret — so a bad key is a 400 at subscribe time
 * rather than a failed encryption at send time.
 */
import { z } from "zod";

export const PUSH_ENDPOINT_MAX_LENGTH = 2048;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The bytes of a base64url string (padding allowed), or null when it is not one. */
export function base64UrlBytes(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value)) return null;
  const plain = value.replace(/=+$/, "");
  if (plain.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((plain.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let i = 0;
  for (const ch of plain) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[i++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether a push endpoint may be stored and sent to: an absolute URL with a host and no
 * credentials. Push services are https (RFC 8030 §2); only in development is a loopback http
 * endpoint accepted (a local push-service stand-in).
 *
 * @example pushEndpointAllowed("http://127.0.0.1:4000/push/1", false) // false
 */
export function pushEndpointAllowed(endpoint: string, development: boolean): boolean {
  const match = /^(https?):\/\/([^/?#\s]+)([/?#]\S*)?$/i.exec(endpoint);
  if (!match) return false;
  const scheme = (match[1] ?? "").toLowerCase();
  const authority = match[2] ?? "";
  if (authority.includes("@")) return false;
  const host = authority.replace(/:\d{1,5}$/, "").toLowerCase();
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)$/.test(host)) return false;
  if (scheme === "https") return true;
  return development && LOOPBACK_HOSTS.has(host);
}

export const pushEndpoint = z
  .string()
  .max(PUSH_ENDPOINT_MAX_LENGTH, `An endpoint holds at most ${PUSH_ENDPOINT_MAX_LENGTH} characters.`)
  .refine((e) => pushEndpointAllowed(e, true), { message: "Must be an https URL." });

const keyOfLength = (bytes: number, what: string, first?: number) =>
  z
    .string()
    .max(200)
    .refine(
      (v) => {
        const decoded = base64UrlBytes(v);
        return decoded !== null && decoded.length === bytes && (first === undefined || decoded[0] === first);
      },
      { message: `Must be ${what} in base64url.` },
    );

export const pushSubscriptionBody = z.strictObject({
  endpoint: pushEndpoint,
  keys: z.strictObject({
    p256dh: keyOfLength(65, "an uncompressed P-256 public key (65 bytes)", 0x04),
    auth: keyOfLength(16, "a 16-byte secret"),
  }),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBody>;

export const pushUnsubscribeBody = z.strictObject({ endpoint: pushEndpoint });
export type PushUnsubscribeBody = z.infer<typeof pushUnsubscribeBody>;

/** `GET /push/key`: the application server key for `pushManager.subscribe` (base64url, 65 bytes). */
export const pushKeyResponse = z.strictObject({ publicKey: z.string() });
export type PushKeyResponse = z.infer<typeof pushKeyResponse>;

/** `PUT /push/subscription`: whether this browser's subscription is new here. */
export const pushSubscriptionResponse = z.strictObject({ created: z.boolean() });
export type PushSubscriptionResponse = z.infer<typeof pushSubscriptionResponse>;
