import { hc } from "hono/client";
import type { AppType } from "../../../.types/worker/app";
import type { ErrorBody } from "../../../shared/errors";
import type { PublicUser } from "../../../shared/schemas/auth";

/**
 * The signed-in session, in memory only: the access token never touches storage (a stolen
 * localStorage is a stolen account); the refresh token lives in an HttpOnly cookie the page
 * cannot read. Refreshes are serialised across tabs with the Web Locks API, so two tabs never
 * spend the same refresh token (the server's reuse detection would end the session).
 */
let accessToken: string | null = null;
const listeners = new Set<(user: PublicUser | null) => void>();

export function onSessionChange(listener: (user: PublicUser | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A non-secret hint that this device has a refresh cookie, so a signed-out start does not send
 * a refresh that can only fail (the cookie itself is HttpOnly: the page cannot look).
 */
const SESSION_HINT = "haven.signedIn";

function setSession(token: string | null, user: PublicUser | null): void {
  accessToken = token;
  try {
    if (user) localStorage.setItem(SESSION_HINT, "1");
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // storage unavailable: every start simply tries the cookie
  }
  for (const listener of listeners) listener(user);
}

function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === "1";
  } catch {
    return true;
  }
}

/** The unified error of a failed response, or a stand-in when the body is not one. */
export async function errorOf(res: Response): Promise<ErrorBody["error"]> {
  try {
    return ((await res.json()) as ErrorBody).error;
  } catch {
    return { code: "INTERNAL", message: "The Haven service answered unexpectedly.", requestId: "" };
  }
}

async function refreshOnce(): Promise<boolean> {
  const run = async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await fetch("/api/v1/auth/refresh", { method: "POST", credentials: "same-origin" });
      if (res.ok) {
        const body = (await res.json()) as { accessToken: string; user: PublicUser };
        setSession(body.accessToken, body.user);
        return true;
      }
      // Another tab rotated the cookie a moment ago: the browser now holds the new one.
      if (res.status === 409) continue;
      return false;
    }
    return false;
  };
  return "locks" in navigator ? navigator.locks.request("haven-refresh", run) : run();
}

/**
 * Restores a session at start-up from the refresh cookie. Offline, the app opens on the user
 * it last knew (from the local cache) without a token: the screens work from local data, and
 * the first request once back online refreshes first.
 */
export async function resumeSession(cachedUser: () => Promise<PublicUser | null>): Promise<void> {
  if (!hasSessionHint()) return;
  try {
    await refreshOnce();
  } catch {
    const user = await cachedUser();
    if (user) setSession(null, user);
  }
}

/** fetch with the access token; one refresh and retry when the token has expired. */
async function authedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  // Opened offline: get a token first (a network failure here fails the request, as it should).
  if (!accessToken && hasSessionHint() && !(await refreshOnce())) setSession(null, null);
  const send = () => {
    const headers = new Headers(init?.headers);
    if (accessToken) headers.set("Authorization", `Bearer ${accessToken}`);
    return fetch(input, { ...init, headers, credentials: "same-origin" });
  };
  const res = await send();
  if (res.status !== 401 || !accessToken) return res;
  if (await refreshOnce()) return send();
  setSession(null, null); // the session ended: back to sign-in (local data stays)
  return res;
}

/** The API, typed from the Worker's own routes (hono's hc over the emitted AppType). */
export const api = hc<AppType>(globalThis.location?.origin ?? "http://localhost", { fetch: authedFetch }).api.v1;

export function signedIn(token: string, user: PublicUser): void {
  setSession(token, user);
}

/**
 * Tells every listener about the user as the server now has it (after a profile, consent or
 * two-factor change), keeping the session as it is. Ignored once signed out.
 */
export function publishUser(user: PublicUser): void {
  if (!accessToken && !hasSessionHint()) return;
  setSession(accessToken, user);
}

/**
 * Forgets the session on this device without asking the server, for when the server has
 * already ended it (the account was deleted: there is no session left to sign out of).
 */
export function endSessionHere(): void {
  setSession(null, null);
}

export async function signOut(): Promise<void> {
  try {
    await api.auth.logout.$post();
  } finally {
    // Offline or not, this device forgets the session at once.
    setSession(null, null);
  }
}
