import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import {
  pushEndpointAllowed,
  pushKeyResponse,
  pushSubscriptionBody,
  pushSubscriptionResponse,
  pushUnsubscribeBody,
} from "../../shared/schemas/push";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { deleteUserSubscription, upsertSubscription } from "../db/push-subscriptions";
import { json, noBody, operation } from "../lib/openapi";
import { jsonBody } from "../lib/validate";
import { requireAuth } from "../middleware/require-auth";
import { vapidPublicKey } from "../notify/web-push";

/** A subscription problem has a code of its own: the client tells "this browser cannot" apart. */
const SUBSCRIPTION_CODES = {
  endpoint: "PUSH_SUBSCRIPTION_INVALID",
  "keys.p256dh": "PUSH_SUBSCRIPTION_INVALID",
  "keys.auth": "PUSH_SUBSCRIPTION_INVALID",
} as const;

/**
 * /api/v1/push: this device's Web Push subscription (issue 17), for any signed-in role. The
 * subscription belongs to the session that stored it: signing out removes it (routes/auth.ts),
 * and sending skips and removes those of ended sessions (notify/web-push.ts).
 */
export const pushRoutes = new Hono<AppEnv>()
  .use(requireAuth)
  .get(
    "/key",
    operation({
      summary: "The application server key (VAPID, RFC 8292) a browser subscribes with",
      responses: { 200: json(pushKeyResponse, "The public key: an uncompressed P-256 point, base64url") },
    }),
    (c) => c.json({ publicKey: vapidPublicKey(c.env) }),
  )
  .put(
    "/subscription",
    operation({
      summary: "Store this browser's push subscription for me (a browser used by someone else before moves to me)",
      responses: {
        200: json(pushSubscriptionResponse, "Updated: this browser was already subscribed"),
        201: json(pushSubscriptionResponse, "Stored: a new subscription"),
      },
    }),
    jsonBody(pushSubscriptionBody, SUBSCRIPTION_CODES),
    async (c) => {
      const { userId, sessionId } = c.get("auth");
      const body = c.req.valid("json");
      if (!pushEndpointAllowed(body.endpoint, c.env.ENVIRONMENT === "development")) {
        throw new ApiError("PUSH_SUBSCRIPTION_INVALID", {
          fields: [{ path: "endpoint", message: "Must be an https URL." }],
        });
      }
      const { created } = await upsertSubscription(
        database(c.env.DB),
        { endpoint: body.endpoint, userId, sessionId, p256dh: body.keys.p256dh, auth: body.keys.auth },
        Date.now(),
      );
      return c.json({ created }, created ? 201 : 200);
    },
  )
  .delete(
    "/subscription",
    operation({
      summary: "Remove this browser's push subscription (only mine; someone else's endpoint is left alone)",
      responses: { 204: noBody("Not subscribed (any more)") },
    }),
    jsonBody(pushUnsubscribeBody, { endpoint: "PUSH_SUBSCRIPTION_INVALID" }),
    async (c) => {
      await deleteUserSubscription(database(c.env.DB), c.get("auth").userId, c.req.valid("json").endpoint);
      return c.body(null, 204);
    },
  );
