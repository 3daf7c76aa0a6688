/**
 * The stand-in push service's client side (tests/support/push-service.ts is the server): plain
 * fetch, so it runs in the Worker tests (workerd) as well as in Node.
 */

/** What a subscriber got: the decrypted payload and the request's protocol headers. */
export interface ReceivedPush {
  payload: unknown;
  /** The decrypted body as text, exactly. */
  text: string;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  /** The verified VAPID claims. */
  aud: string;
  sub: string;
  exp: number;
  /** The application server key from `k=`. */
  vapidKey: string;
  /** The status this request was answered with. */
  status: number;
  at: number;
}

export interface RejectedPush {
  reason: string;
  status: number;
  at: number;
}

export interface SubscriberInfo {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedReport {
  received: ReceivedPush[];
  rejected: RejectedPush[];
}

/** A new subscriber of the stand-in at `url` (from any runtime with fetch: Node or workerd). */
export async function createSubscriber(
  url: string,
  options: { respond?: number; applicationServerKey?: string } = {},
): Promise<SubscriberInfo> {
  const res = await fetch(`${url}/subscribers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(options),
  });
  if (res.status !== 201) throw new Error(`the push service stand-in answered ${res.status}`);
  return (await res.json()) as SubscriberInfo;
}

/** What a subscriber of the stand-in received, and what was rejected with why. */
export async function receivedBy(url: string, id: string): Promise<ReceivedReport> {
  const res = await fetch(`${url}/received?id=${encodeURIComponent(id)}`);
  if (res.status !== 200) throw new Error(`the push service stand-in answered ${res.status}`);
  return (await res.json()) as ReceivedReport;
}
