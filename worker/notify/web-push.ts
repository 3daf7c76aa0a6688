/**
 * Web Push from the Worker (issue 17, item 1): RFC 8030 delivery, RFC 8291 message encryption
 * (aes128gcm, by @block65/webcrypto-web-push on Web Crypto — never by hand here) and RFC 8292
 * VAPID (an ES256 JWT signed with jose by the VAPID_PRIVATE_KEY secret).
 *
 * What is sent is only ever a catalogue entry (shared/domain/notification-texts.ts): a kind and
 * an in-app URL, no free text, so nothing about anyone's health reaches a lock screen.
 *
 * Subscriptions belong to sessions: one whose session has ended (revoked, expired) is removed
 * instead of being sent to, and one the push service says is gone (404, 410) is removed after
 * that one attempt. Other failures are counted and logged, never thrown: a notification is best
 * effort, and the in-app badge is the record.
 */
import { encryptNotification } from "@block65/webcrypto-web-push";
import { importJWK, SignJWT } from "jose";
import { parseSigningJwk } from "../../shared/config-guard";
import { type NotificationKind, notificationPayload } from "../../shared/domain/notification-texts";
import { pushEndpointAllowed } from "../../shared/schemas/push";
import { database } from "../db/client";
import { deleteSubscriptions, markSent, type SubscriptionTarget, subscriptionsOf } from "../db/push-subscriptions";
import { fromBase64Url, toBase64Url } from "../lib/encoding";

/** How long a push service gets to answer one request. */
export const PUSH_FETCH_TIMEOUT_MS = 5_000;
/** Default time a push service keeps an undelivered message (RFC 8030 §5.2 TTL). */
export const DEFAULT_PUSH_TTL_SECONDS = 12 * 60 * 60;
/** The VAPID JWT's lifetime; RFC 8292 §2 allows at most 24 hours. */
const VAPID_JWT_SECONDS = 12 * 60 * 60;
/** Requests in flight at once. */
const CONCURRENCY = 6;

export interface PushOptions {
  urgency?: "high" | "normal";
  ttlSeconds?: number;
}

export interface PushResult {
  /** Accepted by the push service (201/202). */
  delivered: number;
  /** Subscriptions deleted: the push service answered 404/410, or their session had ended. */
  removed: number;
  /** Any other failure (an error status, a timeout, a refused endpoint), logged. */
  failed: number;
}

interface VapidKey {
  privateKey: CryptoKey;
  /** The uncompressed P-256 point, base64url: the `k` of the Authorization header and the browser's applicationServerKey. */
  publicKey: string;
}

function parseVapidJwk(env: Pick<Env, "VAPID_PRIVATE_KEY">) {
  const parsed = parseSigningJwk(env.VAPID_PRIVATE_KEY);
  if ("problem" in parsed) throw new Error(`VAPID_PRIVATE_KEY ${parsed.problem}`);
  return parsed.jwk;
}

/**
 * The application server's public key (RFC 8292 §3.2): the uncompressed P-256 point 0x04‖x‖y,
 * base64url, from the VAPID_PRIVATE_KEY secret. Throws when the secret is missing or malformed
 * (the config guard refuses such a deployment before this is reached).
 */
export function vapidPublicKey(env: Pick<Env, "VAPID_PRIVATE_KEY">): string {
  const { x, y } = parseVapidJwk(env);
  const point = new Uint8Array(65);
  point[0] = 0x04;
  point.set(fromBase64Url(x), 1);
  point.set(fromBase64Url(y), 33);
  return toBase64Url(point);
}

/** The imported key of this isolate, keyed by the secret's text so a rotated secret is picked up. */
let cached: { secret: string; key: Promise<VapidKey> } | undefined;

function vapidKey(env: Pick<Env, "VAPID_PRIVATE_KEY">): Promise<VapidKey> {
  const secret = env.VAPID_PRIVATE_KEY ?? "";
  if (cached?.secret !== secret) {
    const key = (async () => {
      const { kty, crv, x, y, d } = parseVapidJwk(env);
      const privateKey = (await importJWK({ kty, crv, x, y, d }, "ES256")) as CryptoKey;
      return { privateKey, publicKey: vapidPublicKey(env) };
    })();
    key.catch(() => {
      if (cached?.key === key) cached = undefined;
    });
    cached = { secret, key };
  }
  return cached.key;
}

/**
 * The `Authorization: vapid t=…, k=…` header for an endpoint (RFC 8292 §3): the JWT's audience is
 * the push resource's origin; its expiry runs on the real clock (the push service's), not on the
 * injected one, which tests move hours or months ahead.
 */
async function vapidAuthorization(env: Pick<Env, "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">, endpoint: string) {
  const key = await vapidKey(env);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({})
    .setProtectedHeader({ typ: "JWT", alg: "ES256" })
    .setAudience(new URL(endpoint).origin)
    .setExpirationTime(nowSeconds + VAPID_JWT_SECONDS)
    .setSubject(env.VAPID_SUBJECT)
    .sign(key.privateKey);
  return `vapid t=${jwt}, k=${key.publicKey}`;
}

type Outcome = "delivered" | "gone" | "failed";

async function sendOne(
  env: Env,
  target: SubscriptionTarget,
  plaintext: Uint8Array,
  topic: string,
  options: PushOptions,
): Promise<Outcome> {
  const where = safeOrigin(target.endpoint);
  if (!pushEndpointAllowed(target.endpoint, env.ENVIRONMENT === "development")) {
    console.warn("push: endpoint refused", where);
    return "failed";
  }
  try {
    const body = await encryptNotification(
      { endpoint: target.endpoint, expirationTime: null, keys: { p256dh: target.p256dh, auth: target.auth } },
      plaintext,
    );
    const response = await fetch(target.endpoint, {
      method: "POST",
      headers: {
        Authorization: await vapidAuthorization(env, target.endpoint),
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        TTL: String(Math.max(0, Math.min(options.ttlSeconds ?? DEFAULT_PUSH_TTL_SECONDS, 28 * 24 * 3600))),
        Urgency: options.urgency ?? "normal",
        Topic: topic,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(PUSH_FETCH_TIMEOUT_MS),
    });
    // The body is not needed; drain it so the connection is released.
    await response.body?.cancel();
    if (response.status === 201 || response.status === 202) return "delivered";
    if (response.status === 404 || response.status === 410) return "gone";
    console.warn("push: the push service refused", where, response.status);
    return "failed";
  } catch (error) {
    console.warn("push: send failed", where, error instanceof Error ? error.name : "error");
    return "failed";
  }
}

/** The endpoint's origin for logs: the path is a capability and stays out of them. */
function safeOrigin(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return "(not a URL)";
  }
}

/**
 * Sends a catalogue notification to every live device of these users. Subscriptions of ended
 * sessions are deleted, not sent to; 404/410 answers delete the subscription; 201/202 record
 * `lastSentAt`; anything else is counted as failed. Never throws for a delivery problem.
 *
 * @example await pushToUsers(env, [patientId], "message", "/messages", Date.now())
 */
export async function pushToUsers(
  env: Env,
  userIds: string[],
  kind: NotificationKind,
  url: string,
  now: number,
  options: PushOptions = {},
): Promise<PushResult> {
  const result: PushResult = { delivered: 0, removed: 0, failed: 0 };
  if (userIds.length === 0) return result;
  const db = database(env.DB);
  const targets = await subscriptionsOf(db, userIds, now);
  const dead = targets.filter((t) => !t.live).map((t) => t.endpoint);
  const live = targets.filter((t) => t.live);
  const payload = notificationPayload(kind, url);
  const plaintext = new TextEncoder().encode(JSON.stringify(payload));

  const delivered: string[] = [];
  const gone: string[] = [...dead];
  let next = 0;
  const worker = async () => {
    while (next < live.length) {
      const target = live[next++] as SubscriptionTarget;
      const outcome = await sendOne(env, target, plaintext, payload.tag, options);
      if (outcome === "delivered") delivered.push(target.endpoint);
      else if (outcome === "gone") gone.push(target.endpoint);
      else result.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, live.length) }, worker));

  if (gone.length > 0) await deleteSubscriptions(db, gone);
  if (delivered.length > 0) await markSent(db, delivered, now);
  result.delivered = delivered.length;
  result.removed = gone.length;
  return result;
}
