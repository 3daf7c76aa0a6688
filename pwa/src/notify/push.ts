/**
 * Web Push on this device (issue 17): whether the browser can, turning it on (permission, the
 * server's VAPID key, `pushManager.subscribe`, PUT /push/subscription) and off, and the page's
 * side of a notification click (the service worker, pwa/src/sw.ts, asks the open page to route).
 *
 * What a notification says is fixed by the server (shared/domain/notification-texts.ts) and
 * never carries health content.
 */
import { api, errorOf } from "../api/session";

export type PushStatus = "unsupported" | "denied" | "off" | "on";

export type PushResult = { ok: true } | { ok: false; message: string };

/** How long to wait for the service worker before saying this browser cannot. */
const READY_TIMEOUT_MS = 10_000;

export function pushSupported(): boolean {
  return (
    typeof navigator !== "undefined" &&
    "serviceWorker" in navigator &&
    typeof window !== "undefined" &&
    "PushManager" in window &&
    "Notification" in window
  );
}

/** The service worker's registration, or null when there is none in time. */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!pushSupported()) return null;
  const existing = await navigator.serviceWorker.getRegistration();
  if (existing?.active) return existing;
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), READY_TIMEOUT_MS)),
  ]);
}

/** This browser's subscription, without waiting: no service worker yet means none. */
async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration();
  return reg ? reg.pushManager.getSubscription() : null;
}

/** What this device's notifications are: not possible here, blocked in the browser, off, or on. */
export async function pushStatus(): Promise<PushStatus> {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  const reg = await registration();
  if (!reg) return "unsupported";
  const sub = await reg.pushManager.getSubscription();
  return sub && Notification.permission === "granted" ? "on" : "off";
}

function fromBase64Url(value: string): Uint8Array<ArrayBuffer> {
  const b64 = value.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((x, i) => x === b[i]);
}

/** Stores this browser's subscription for the signed-in user (the server moves it to them). */
async function register(sub: PushSubscription): Promise<PushResult> {
  const json = sub.toJSON();
  const p256dh = json.keys?.p256dh;
  const auth = json.keys?.auth;
  if (!json.endpoint || !p256dh || !auth) return { ok: false, message: "This browser gave no usable subscription." };
  const res = await api.push.subscription.$put({ json: { endpoint: json.endpoint, keys: { p256dh, auth } } });
  if (!res.ok) return { ok: false, message: (await errorOf(res)).message };
  return { ok: true };
}

const OFFLINE: PushResult = { ok: false, message: "Turning notifications on needs a connection to Haven." };

/**
 * Turns notifications on for this device: asks the browser's permission (only now, after the
 * person chose to), subscribes with the server's key and stores the subscription.
 */
export async function enablePush(): Promise<PushResult> {
  if (!pushSupported()) return { ok: false, message: "This browser cannot show notifications from Haven." };
  if (!navigator.onLine) return OFFLINE;
  try {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      return {
        ok: false,
        message:
          permission === "denied"
            ? "Notifications are blocked for Haven in this browser's settings."
            : "Notifications stay off: the browser did not get a yes.",
      };
    }
    const reg = await registration();
    if (!reg) return { ok: false, message: "This browser cannot show notifications from Haven right now." };
    const keyRes = await api.push.key.$get();
    if (!keyRes.ok) return { ok: false, message: (await errorOf(keyRes)).message };
    const key = fromBase64Url((await keyRes.json()).publicKey);
    let sub = await reg.pushManager.getSubscription();
    // A subscription made with another server key (a rotated key) cannot be used: start again.
    if (sub && !sameBytes(sub.options.applicationServerKey, key)) {
      await sub.unsubscribe().catch(() => false);
      sub = null;
    }
    sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    return await register(sub);
  } catch (error) {
    if (error instanceof TypeError) return OFFLINE;
    return { ok: false, message: "This browser could not turn notifications on. Please try again." };
  }
}

/**
 * Sends this browser's existing subscription again (when the settings open): after someone else
 * used this browser, or a sign-out that could not reach the server, it belongs to whoever is
 * signed in now. Best effort.
 */
export async function refreshPush(): Promise<void> {
  if (!pushSupported() || !navigator.onLine || Notification.permission !== "granted") return;
  const sub = await currentSubscription().catch(() => null);
  if (sub) await register(sub).catch(() => undefined);
}

/** Turns notifications off for this device: the server forgets it, and the browser unsubscribes. */
export async function disablePush(): Promise<PushResult> {
  try {
    const sub = await currentSubscription();
    if (!sub) return { ok: true };
    if (navigator.onLine) {
      const res = await api.push.subscription.$delete({ json: { endpoint: sub.endpoint } });
      if (!res.ok && res.status !== 401) return { ok: false, message: (await errorOf(res)).message };
    }
    // Offline, the server still drops it at its first failed send or at sign-out.
    await sub.unsubscribe();
    return { ok: true };
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, message: "Turning notifications off needs a connection." };
    return { ok: false, message: "This browser could not turn notifications off. Please try again." };
  }
}

/**
 * At sign-out, before the session ends: this browser stops receiving Haven's notifications.
 * Best effort — the server also removes the session's subscriptions when it signs out.
 */
export async function forgetPushHere(): Promise<void> {
  try {
    const sub = await currentSubscription();
    if (!sub) return;
    if (navigator.onLine) {
      await api.push.subscription.$delete({ json: { endpoint: sub.endpoint } }).catch(() => undefined);
    }
    await sub.unsubscribe();
  } catch {
    // The server's removal at sign-out is the guarantee.
  }
}
