/**
 * Web Push in real Chromium (issue 17): the patient turns notifications on in Settings, the
 * server stores the browser's subscription, a therapist's message makes the Worker send a push
 * that the stand-in push service (tests/support/push-service.ts) verifies and decrypts to the
 * catalogue text, the service worker shows that push as a notification, and clicking it brings
 * the app to Messages. Signing out ends the device's notifications.
 *
 * Headless Chromium has no push service it can reach, so the page's PushManager is the one
 * stand-in (an init script): `subscribe` hands out a subscriber made at the local push service
 * (its endpoint and keys), and the push itself is handed to the service worker over CDP, as the
 * browser's push service would deliver it.
 */
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubscriber, type PushService, receivedBy, startPushService } from "../support/push-service";
import type { SubscriberInfo } from "../support/push-service-client";
import { e2eId } from "./accounts";
import {
  apiToken,
  type Browser,
  base,
  checkCareScreen,
  checkScreen,
  launchBrowser,
  openScreen,
  signIn,
  signOut,
} from "./browser";

const FAKE_KEY = "e2e-fake-push-subscription";

let service: PushService;
let subscriber: SubscriberInfo;
let browser: Browser;
let staff: APIRequestContext;
let asTherapist: Record<string, string>;
const patientId = e2eId("push");

beforeAll(async () => {
  service = await startPushService();
  subscriber = await createSubscriber(service.url);
  browser = await launchBrowser();
  await browser.context.grantPermissions(["notifications"], { origin: base() });
  // The page's PushManager, backed by the stand-in's subscriber (see the file's comment).
  await browser.context.addInitScript(
    ({ sub, key }) => {
      if (typeof PushManager === "undefined" || typeof localStorage === "undefined") return;
      const decode = (b64u: string) => {
        const b64 = b64u.replace(/-/g, "+").replace(/_/g, "/");
        return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)).buffer;
      };
      const make = (serverKey: number[]) => ({
        endpoint: sub.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: new Uint8Array(serverKey).buffer },
        getKey: (name: string) => decode(name === "p256dh" ? sub.keys.p256dh : sub.keys.auth),
        toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
        unsubscribe: async () => {
          localStorage.removeItem(key);
          return true;
        },
      });
      PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
        const raw = options?.applicationServerKey;
        const bytes =
          typeof raw === "string"
            ? new Uint8Array(decode(raw))
            : raw instanceof ArrayBuffer
              ? new Uint8Array(raw)
              : raw
                ? new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)
                : new Uint8Array();
        if (!options?.userVisibleOnly || bytes.length !== 65) throw new DOMException("bad options", "NotAllowedError");
        localStorage.setItem(key, JSON.stringify([...bytes]));
        return make([...bytes]) as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async () => {
        const saved = localStorage.getItem(key);
        return saved ? (make(JSON.parse(saved) as number[]) as unknown as PushSubscription) : null;
      };
    },
    { sub: subscriber, key: FAKE_KEY },
  );
  staff = await request.newContext();
  asTherapist = { Authorization: `Bearer ${await apiToken(staff, "therapist@demo.haven")}` };
}, 120_000);

afterAll(async () => {
  await staff?.dispose();
  await browser?.close();
  await service?.close();
});

async function therapistSends(body: string): Promise<void> {
  const res = await staff.post(`${base()}/api/v1/messages`, {
    headers: asTherapist,
    data: { opId: crypto.randomUUID(), recipientId: patientId, body },
  });
  expect(res.status(), await res.text()).toBe(201);
}

async function received() {
  return receivedBy(service.url, subscriber.id);
}

/** The service worker's registration id, from DevTools' ServiceWorker domain. */
async function registrationId(page: Page): Promise<{ send: (data: string) => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const ids: string[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => {
    for (const r of event.registrations) if (!r.isDeleted && r.scopeURL.startsWith(base())) ids.push(r.registrationId);
  });
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => ids.length, { timeout: 10_000 }).toBeGreaterThan(0);
  const id = ids.at(-1) as string;
  return {
    send: async (data: string) => {
      await cdp.send("ServiceWorker.deliverPushMessage", { origin: new URL(base()).origin, registrationId: id, data });
    },
  };
}

describe("Web Push", () => {
  it("turns on in Settings, delivers a therapist's message as a push, shows it, and a click opens Messages", async () => {
    const page = await browser.context.newPage();
    await signIn(page, "push");
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await openScreen(page, "Settings");
    const toggle = page.getByTestId("push-toggle");
    await expect
      .poll(() => toggle.getByTestId("push-status").getAttribute("data-status"), { timeout: 15_000 })
      .toBe("off");

    const serverStored = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/push/subscription") && r.request().method() === "PUT",
    );
    // A click, not check(): the switch turns on once the subscription is stored, not at the click.
    await toggle.getByRole("checkbox", { name: "Notifications on this device" }).click();
    expect((await serverStored).status()).toBe(201);
    await expect.poll(() => toggle.getByTestId("push-status").getAttribute("data-status")).toBe("on");
    expect(await page.getByTestId("push-done").textContent()).toContain("on for this device");
    // The browser subscribed with the server's VAPID key.
    const serverKey = (await (await staff.get(`${base()}/api/v1/push/key`, { headers: asTherapist })).json()) as {
      publicKey: string;
    };
    const usedKey = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "[]") as number[], FAKE_KEY);
    expect(Buffer.from(usedKey).toString("base64url")).toBe(serverKey.publicKey);
    await checkScreen(page, "settings-notifications");

    // The therapist writes: the Worker pushes to this browser's push service.
    const secret = `the lavender worry ${crypto.randomUUID().slice(0, 8)}`;
    await therapistSends(`Thinking of you — ${secret}`);
    await expect.poll(async () => (await received()).received.length, { timeout: 20_000 }).toBe(1);
    const report = await received();
    expect(report.rejected).toEqual([]);
    const push = report.received[0];
    expect(push?.payload).toEqual({
      title: "Haven",
      body: "You have a new message in Haven",
      url: "/messages",
      tag: "haven-message",
    });
    expect(push?.text).not.toContain("lavender");

    // The push service delivers it to the service worker, which shows it.
    const worker = await registrationId(page);
    await worker.send(push?.text ?? "");
    const shown = () =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
      });
    await expect.poll(shown, { timeout: 10_000 }).toHaveLength(1);
    expect(await shown()).toEqual([
      { title: "Haven", body: "You have a new message in Haven", tag: "haven-message", data: { url: "/messages" } },
    ]);

    // A click on it: the open page is asked to route, and lands on Messages.
    expect(new URL(page.url()).pathname).toBe("/settings");
    const sw = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent("serviceworker"));
    const clicked = await sw.evaluate(async () => {
      // Worker types are not in this file's lib: the service worker's global, typed by hand.
      const scope = self as unknown as {
        registration: ServiceWorkerRegistration;
        dispatchEvent(event: Event): boolean;
        NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
      };
      const [notification] = await scope.registration.getNotifications();
      if (!notification) return null;
      scope.dispatchEvent(new scope.NotificationEvent("notificationclick", { notification }));
      return (notification.data as { url: string }).url;
    });
    expect(clicked).toBe("/messages");
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe("/messages");
    await expect.poll(() => page.getByTestId("screen-title").textContent(), { timeout: 10_000 }).toBe("Messages");
    await expect.poll(shown, { timeout: 10_000 }).toHaveLength(0);

    // Signing out ends this device's notifications: the browser unsubscribes, the server forgets it.
    await signOut(page);
    expect(await page.evaluate((k) => localStorage.getItem(k), FAKE_KEY)).toBeNull();
    await therapistSends("Another note after sign-out");
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await received()).received).toHaveLength(1);
    await page.close();
  });

  it("offers the switch on the care team's Account screen", async () => {
    const staffBrowser = await launchBrowser();
    try {
      const page = await staffBrowser.context.newPage();
      await signIn(page, "therapist@demo.haven");
      await page.goto(`${base()}/account`);
      const toggle = page.getByTestId("push-toggle");
      await expect
        .poll(() => toggle.getByTestId("push-status").getAttribute("data-status"), { timeout: 15_000 })
        .toMatch(/^(off|on)$/);
      expect(await toggle.getByRole("checkbox", { name: "Notifications on this device" }).count()).toBe(1);
      await checkCareScreen(page, "care-account-notifications");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: "tests/e2e/artifacts/care-account-notifications-phone.png", fullPage: true });
    } finally {
      await staffBrowser.close();
    }
  });
});
