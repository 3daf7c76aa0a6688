/**
 * Everything a notification may say (issue 17): a fixed catalogue, because a notification is
 * read on a lock screen, by whoever holds the phone. So no text carries health content — no
 * mood, no message body, no risk or crisis wording — and no guilt ("you missed…"). Callers pass a
 * kind and the app URL to open, never free text: the push payload is built here, and only here.
 */

export const NOTIFICATION_KINDS = ["message", "flag", "escalation", "checkin-reminder", "habit-reminder"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationText {
  title: string;
  body: string;
}

export const NOTIFICATION_TEXTS: Readonly<Record<NotificationKind, NotificationText>> = {
  message: { title: "Haven", body: "You have a new message in Haven" },
  flag: { title: "Haven", body: "A patient needs attention" },
  escalation: { title: "Haven", body: "A patient needs attention — nobody has responded yet" },
  "checkin-reminder": { title: "Haven", body: "A moment for your check-in, whenever suits you" },
  "habit-reminder": { title: "Haven", body: "A gentle reminder for one of your habits" },
};

/**
 * What the service worker receives (pwa/src/sw.ts): the catalogue text, the in-app path to open
 * on click, and a tag (one per kind, so a newer notification of a kind replaces the older one
 * instead of piling up on the lock screen).
 */
export interface NotificationPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
}

/**
 * The payload for a kind and an in-app path. The path must be the app's own ("/messages",
 * "/patients/<id>"): anything else (another origin, "//host", a scheme) falls back to "/".
 *
 * @example notificationPayload("message", "/messages")
 * // { title: "Haven", body: "You have a new message in Haven", url: "/messages", tag: "haven-message" }
 */
export function notificationPayload(kind: NotificationKind, url: string): NotificationPayload {
  const text = NOTIFICATION_TEXTS[kind];
  return { title: text.title, body: text.body, url: appPath(url), tag: `haven-${kind}` };
}

/** An in-app path, or "/" for anything that could leave the app. */
export function appPath(url: string): string {
  return /^\/(?![/\\])[A-Za-z0-9\-._~/%?=&]*$/.test(url) ? url : "/";
}
