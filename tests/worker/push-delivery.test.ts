/**
 * Web Push delivery from the Worker (issue 17), to the stand-in push service: each request is
 * checked there as a push service checks it (VAPID JWT verified with k, aud the endpoint's
 * origin; TTL; aes128gcm) and decrypted with the subscriber's keys (RFC 8291), so these tests
 * prove the library's output, in workerd, end to end.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { NOTIFICATION_TEXTS } from "../../shared/domain/notification-texts";
import { pushNewMessage } from "../../worker/notify/message-push";
import { pushToUsers, vapidPublicKey } from "../../worker/notify/web-push";
import { call, createUserAndLogin, login, register } from "./helpers";
import { PUSH_SERVICE_URL, received, storedSubscription, subscribeDevice } from "./push-helpers";

describe("pushToUsers", () => {
  it("reaches every live device of the users, with the catalogue text, a valid VAPID header and aes128gcm", async () => {
    const a = await register();
    const a2 = await login(a.email, a.password);
    const b = await register();
    const other = await register();
    const devices = [
      await subscribeDevice(a.accessToken),
      await subscribeDevice(a2.accessToken),
      await subscribeDevice(b.accessToken),
    ];
    const bystander = await subscribeDevice(other.accessToken);
    const before = Date.now();

    const result = await pushToUsers(env, [a.user.id, b.user.id], "flag", "/inbox", before, {
      urgency: "high",
      ttlSeconds: 600,
    });

    expect(result).toEqual({ delivered: 3, removed: 0, failed: 0 });
    for (const device of devices) {
      const got = await received(device);
      expect(got.rejected).toEqual([]);
      expect(got.received).toHaveLength(1);
      const push = got.received[0];
      expect(push?.payload).toEqual({
        title: NOTIFICATION_TEXTS.flag.title,
        body: "A patient needs attention",
        url: "/inbox",
        tag: "haven-flag",
      });
      expect(push?.aud).toBe(PUSH_SERVICE_URL);
      expect(push?.sub).toBe(env.VAPID_SUBJECT);
      expect(push?.vapidKey).toBe(vapidPublicKey(env));
      expect(push?.exp).toBeGreaterThan(before / 1000);
      expect(push?.exp).toBeLessThanOrEqual(before / 1000 + 24 * 3600 + 5);
      expect(push?.ttl).toBe(600);
      expect(push?.urgency).toBe("high");
      expect(push?.topic).toBe("haven-flag");
      expect((await storedSubscription(device.endpoint))?.last_sent_at).toBe(before);
    }
    expect((await received(bystander)).received).toEqual([]);
  });

  it("sends nothing, and does not fail, for users without devices", async () => {
    const a = await register();
    expect(await pushToUsers(env, [a.user.id], "message", "/messages", Date.now())).toEqual({
      delivered: 0,
      removed: 0,
      failed: 0,
    });
    expect(await pushToUsers(env, [], "message", "/messages", Date.now())).toEqual({
      delivered: 0,
      removed: 0,
      failed: 0,
    });
  });

  it.each([410, 404])("deletes a subscription the push service answers %i for, after one send", async (status) => {
    const a = await register();
    const gone = await subscribeDevice(a.accessToken, { respond: status });
    const fine = await subscribeDevice((await login(a.email, a.password)).accessToken);
    const first = await pushToUsers(env, [a.user.id], "message", "/messages", Date.now());
    expect(first).toEqual({ delivered: 1, removed: 1, failed: 0 });
    expect(await storedSubscription(gone.endpoint)).toBeNull();
    expect(await storedSubscription(fine.endpoint)).not.toBeNull();
    const second = await pushToUsers(env, [a.user.id], "message", "/messages", Date.now());
    expect(second).toEqual({ delivered: 1, removed: 0, failed: 0 });
    expect((await received(gone)).received).toHaveLength(1);
    expect((await received(fine)).received).toHaveLength(2);
  });

  it("counts other failures and keeps the subscription (a broken service is not an unsubscribe)", async () => {
    const a = await register();
    const broken = await subscribeDevice(a.accessToken, { respond: 500 });
    const result = await pushToUsers(env, [a.user.id], "message", "/messages", Date.now());
    expect(result).toEqual({ delivered: 0, removed: 0, failed: 1 });
    expect(await storedSubscription(broken.endpoint)).not.toBeNull();
  });

  it("never sends to a revoked session's device, and removes it", async () => {
    const a = await register();
    const other = await login(a.email, a.password);
    const stale = await subscribeDevice(a.accessToken);
    const live = await subscribeDevice(other.accessToken);
    const sessionId = (await storedSubscription(stale.endpoint))?.session_id;
    const revoke = await call(`/api/v1/auth/sessions/${sessionId}`, { method: "DELETE", token: other.accessToken });
    expect(revoke.status).toBe(204);
    // The subscription is still stored: revoking elsewhere does not touch it, sending does.
    expect(await storedSubscription(stale.endpoint)).not.toBeNull();
    const result = await pushToUsers(env, [a.user.id], "message", "/messages", Date.now());
    expect(result).toEqual({ delivered: 1, removed: 1, failed: 0 });
    expect((await received(stale)).received).toEqual([]);
    expect((await received(live)).received).toHaveLength(1);
    expect(await storedSubscription(stale.endpoint)).toBeNull();
  });

  it("treats a session past its expiry at `now` as ended", async () => {
    const a = await register();
    const device = await subscribeDevice(a.accessToken);
    const later = Date.now() + 31 * 24 * 3600 * 1000;
    expect(await pushToUsers(env, [a.user.id], "message", "/messages", later)).toEqual({
      delivered: 0,
      removed: 1,
      failed: 0,
    });
    expect((await received(device)).received).toEqual([]);
  });

  it("refuses a loopback http endpoint outside development without sending", async () => {
    const a = await register();
    const device = await subscribeDevice(a.accessToken);
    const production = { ...env, ENVIRONMENT: "production" } as Env;
    expect(await pushToUsers(production, [a.user.id], "message", "/messages", Date.now())).toEqual({
      delivered: 0,
      removed: 0,
      failed: 1,
    });
    expect((await received(device)).received).toEqual([]);
  });
});

describe("pushNewMessage", () => {
  it("tells a patient there is a message, opening Messages — never the message itself", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    const device = await subscribeDevice(patient.accessToken);
    const result = await pushNewMessage(env, patient.user.id, therapist.user.id, Date.now());
    expect(result.delivered).toBe(1);
    const [push] = (await received(device)).received;
    expect(push?.payload).toEqual({
      title: "Haven",
      body: "You have a new message in Haven",
      url: "/messages",
      tag: "haven-message",
    });
  });

  it("opens the writer's patient page for staff, and carries only the catalogue fields", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    const device = await subscribeDevice(therapist.accessToken);
    await pushNewMessage(env, therapist.user.id, patient.user.id, Date.now());
    const [push] = (await received(device)).received;
    expect(push?.payload).toEqual({
      title: "Haven",
      body: "You have a new message in Haven",
      url: `/patients/${patient.user.id}`,
      tag: "haven-message",
    });
    // The whole decrypted body: the four catalogue fields and nothing else.
    expect(push?.text).toBe(
      JSON.stringify({
        title: "Haven",
        body: "You have a new message in Haven",
        url: `/patients/${patient.user.id}`,
        tag: "haven-message",
      }),
    );
  });

  it("sends nothing for an unknown recipient", async () => {
    expect(await pushNewMessage(env, crypto.randomUUID(), crypto.randomUUID(), Date.now())).toEqual({
      delivered: 0,
      removed: 0,
      failed: 0,
    });
  });
});
