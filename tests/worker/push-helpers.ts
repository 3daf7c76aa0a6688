/**
 * Helpers for the Web Push tests: a device of a signed-in user subscribed at the stand-in push
 * service (tests/support/push-service.ts, started by setup/fake-push-service.ts).
 */
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { createSubscriber, receivedBy, type SubscriberInfo } from "../support/push-service-client";
import { call } from "./helpers";

export const PUSH_SERVICE_URL = inject("pushServiceUrl");

export { receivedBy };

/** A browser of the user with this access token, subscribed through PUT /push/subscription. */
export async function subscribeDevice(
  accessToken: string,
  options: { respond?: number } = {},
): Promise<SubscriberInfo> {
  const sub = await createSubscriber(PUSH_SERVICE_URL, options);
  const res = await call("/api/v1/push/subscription", {
    method: "PUT",
    token: accessToken,
    body: { endpoint: sub.endpoint, keys: sub.keys },
  });
  if (res.status !== 201) throw new Error(`subscribe failed: ${res.status} ${await res.text()}`);
  return sub;
}

/** What the stand-in received for a subscriber. */
export function received(sub: SubscriberInfo) {
  return receivedBy(PUSH_SERVICE_URL, sub.id);
}

/** The stored subscription rows for an endpoint (0 or 1). */
export async function storedSubscription(endpoint: string) {
  return env.DB.prepare("SELECT user_id, session_id, last_sent_at FROM push_subscriptions WHERE endpoint = ?")
    .bind(endpoint)
    .first<{ user_id: string; session_id: string; last_sent_at: number | null }>();
}
