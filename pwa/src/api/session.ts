import { hc } from "hono/client";
import type { ErrorBody, ErrorCode } from "../../../shared/errors";
import type { PublicUser } from "../../../shared/schemas/auth";
import { retryAfterSeconds, tooManyAttempts } from "../../../shared/wait-words";
import { REVOCATIONS, type Revocation } from "../lock/device";
import { mayResumeOffline } from "../lock/rules";
import type { ContractApp } from "./client-types";

/**
 * The signed-in session, in memory only: the access token never touches storage (a stolen
 * localStorage is a stolen account); the refresh token lives in an HttpOnly cookie the page
 * cannot read. Refreshes are serialised across tabs with the Web Locks API, so two tabs rarely
 * present the same refresh token; when they do, or when a refresh's answer is lost (the page
 * reloaded while it was in flight), the server answers a token spent moments ago with a sibling
 * in the same family rather than treating it as theft.
 *
 * Only a definitive refusal of the refresh token ends the session here. A refresh the service
 * cannot answer (a 5xx, no network, a timeout) is "offline": the user stays signed in on this
 * device with their local data, and the next request tries again.
 */
let accessToken: string | null = null;

/**
 * Why the session ended, for the sign-in screen to say; null when the user chose to. A revocation
 * (Revocation: signed out elsewhere, reuse, a disabled account, ten wrong PINs) has wiped the
 * device's data first; an expiry (REFRESH_INVALID) keeps it; OFFLINE_TOO_LONG: opened offline
 * after the refresh token's idle lifetime, so the data is not shown until the server is reached;
 * ACCOUNT_DELETED: the patient deleted their account, and the sign-in screen confirms it.
 */
export type SessionEnd = Extract<ErrorCode, "REFRESH_INVALID"> | Revocation | "OFFLINE_TOO_LONG" | "ACCOUNT_DELETED";
const SESSION_ENDS: readonly string[] = ["REFRESH_INVALID", ...REVOCATIONS];

/**
 * Set once by the app: forgets the patient's data on this device after a revocation (keeping the
 * outbox, hidden). Runs before the session ends here, so no screen shows data about to go.
 */
let forgetOnRevocation: (why: Revocation) => Promise<void> = async () => {};
export function onRevocation(forget: (why: Revocation) => Promise<void>): void {
  forgetOnRevocation = forget;
}

/** When this device last had an authenticated answer from the server (the offline cap's clock). */
const LAST_CONTACT = "haven.lastContact";
function recordContact(): void {
  try {
    localStorage.setItem(LAST_CONTACT, String(Date.now()));
  } catch {
    // storage unavailable: the next offline start fails closed (signed-out screen)
  }
}
function lastContact(): number | null {
  try {
    const value = localStorage.getItem(LAST_CONTACT);
    return value === null ? null : Number(value);
  } catch {
    return null;
  }
}

/** Ends the session for a revocation: the data is forgotten first, then the sign-in screen says why. */
export async function endRevoked(why: Revocation): Promise<void> {
  try {
    await forgetOnRevocation(why);
  } finally {
    setSession(null, null, why);
  }
}

let ended: SessionEnd | null = null;
const listeners = new Set<(user: PublicUser | null, ended: SessionEnd | null) => void>();

export function onSessionChange(listener: (user: PublicUser | null, ended: SessionEnd | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A non-secret hint that this device has a refresh cookie, so a signed-out start does not send
 * a refresh that can only fail (the cookie itself is HttpOnly: the page cannot look).
 */
const SESSION_HINT = "haven.signedIn";

function setSession(token: string | null, user: PublicUser | null, why: SessionEnd | null = null): void {
  accessToken = token;
  ended = user ? null : why;
  try {
    if (user) localStorage.setItem(SESSION_HINT, "1");
    // Past the offline cap the cookie may still be good: the next start (or reconnect) tries it.
    else if (why !== "OFFLINE_TOO_LONG") localStorage.removeItem(SESSION_HINT);
  } catch {
    // storage unavailable: every start simply tries the cookie
  }
  for (const listener of listeners) listener(user, ended);
}

function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === "1";
  } catch {
    return true;
  }
}

/**
 * The unified error of a failed response, or a stand-in when the body is not one. A 429 says how
 * long to wait, from its Retry-After ("Too many attempts. Try again in 2 minutes.").
 */
export async function errorOf(res: Response): Promise<ErrorBody["error"]> {
  try {
    const error = ((await res.json()) as ErrorBody).error;
    if (res.status !== 429) return error;
    return { ...error, message: tooManyAttempts(retryAfterSeconds(res.headers.get("Retry-After"), Date.now())) };
  } catch {
    return { code: "INTERNAL", message: "The Haven service answered unexpectedly.", requestId: "" };
  }
}

/**
 * What a refresh came to: a new access token; the server's definitive "no" (the session is over
 * and has been ended here); or no answer that decides anything (offline, a 5xx, a timeout).
 */
export type RefreshOutcome = "refreshed" | "ended" | "unavailable";

/** A refresh that has not answered in this long is abandoned as "unavailable". */
const REFRESH_TIMEOUT_MS = 15_000;
/** 409 REFRESH_CONFLICT (a race the server could not settle): retried this many times... */
const CONFLICT_RETRIES = 4;
/** ...after a jittered, doubling pause starting here, so racing tabs do not collide again. */
const CONFLICT_BACKOFF_MS = 200;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown by API calls when the session could not be refreshed for want of an answer. */
export class SessionUnavailableError extends TypeError {
  constructor() {
    super("Haven cannot be reached right now; the session will be refreshed when it can.");
    this.name = "SessionUnavailableError";
  }
}

async function refreshOnce(): Promise<RefreshOutcome> {
  const run = async (): Promise<RefreshOutcome> => {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch("/api/v1/auth/refresh", {
          method: "POST",
          credentials: "same-origin",
          signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
        });
      } catch {
        return "unavailable"; // no network, or no answer in time: nothing was decided
      }
      if (res.ok) {
        try {
          const body = (await res.json()) as { accessToken: string; user: PublicUser };
          recordContact();
          setSession(body.accessToken, body.user);
          return "refreshed";
        } catch {
          return "unavailable";
        }
      }
      if (res.status === 409 && attempt < CONFLICT_RETRIES) {
        await pause(CONFLICT_BACKOFF_MS * 2 ** attempt * (0.5 + Math.random()));
        continue;
      }
      const { code } = await errorOf(res);
      if (REVOCATIONS.includes(code)) {
        await endRevoked(code as Revocation); // the device forgets the data, then says why
        return "ended";
      }
      if (SESSION_ENDS.includes(code)) {
        setSession(null, null, code as SessionEnd); // expired: back to sign-in, saying why (local data stays)
        return "ended";
      }
      return "unavailable"; // a 5xx, a 429, a conflict that would not settle: try again later
    }
  };
  return "locks" in navigator ? navigator.locks.request("haven-refresh", run) : run();
}

/**
 * Restores a session at start-up from the refresh cookie. When the service gives no answer
 * (offline, or unavailable), the app opens on the user it last knew (from the local cache)
 * without a token: the screens work from local data, and the first request refreshes first.
 */
export async function resumeSession(cachedUser: () => Promise<PublicUser | null>): Promise<void> {
  if (!hasSessionHint()) return;
  if ((await refreshOnce()) !== "unavailable") return;
  const user = await cachedUser().catch(() => null);
  if (!user) return;
  // Offline: open on the cached data only while the server would still take the session.
  if (mayResumeOffline(lastContact(), Date.now())) setSession(null, user);
  else setSession(null, null, "OFFLINE_TOO_LONG");
}

/**
 * fetch with the access token; one refresh and retry when the token has expired. A refresh the
 * service cannot answer fails the request as a network failure would (SessionUnavailableError),
 * so callers treat it as offline; only the server's refusal of the session signs the user out.
 */
async function authedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  // Opened offline (or the last refresh went unanswered): get a token first.
  if (!accessToken && hasSessionHint() && (await refreshOnce()) === "unavailable") throw new SessionUnavailableError();
  const send = () => {
    const headers = new Headers(init?.headers);
    if (accessToken) headers.set("Authorization", `Bearer ${accessToken}`);
    return fetch(input, { ...init, headers, credentials: "same-origin" });
  };
  const res = await send();
  if (res.ok) recordContact();
  // A revocation seen on any call (a disabled account answers 403 here) forgets the device's data.
  if (res.status === 401 || res.status === 403) {
    const { code } = await errorOf(res.clone());
    if (REVOCATIONS.includes(code)) {
      await endRevoked(code as Revocation);
      return res;
    }
  }
  if (res.status !== 401 || !accessToken) return res;
  const outcome = await refreshOnce();
  if (outcome === "refreshed") return send();
  if (outcome === "unavailable") {
    accessToken = null; // refused as stale: the next request refreshes first
    throw new SessionUnavailableError();
  }
  return res; // the session ended (refreshOnce went back to sign-in, saying why)
}

/** The API, typed from the shared contract (shared/api/contract.ts) by Hono's client. */
export const api = hc<ContractApp>(globalThis.location?.origin ?? "http://localhost", { fetch: authedFetch }).api.v1;

export function signedIn(token: string, user: PublicUser): void {
  recordContact();
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
 * already ended it (the account was deleted: there is no session left to sign out of), with
 * why, for the sign-in screen to say.
 */
export function endSessionHere(why: SessionEnd | null = null): void {
  setSession(null, null, why);
}

/**
 * Signs out: tells the server (when it can be reached), then forgets the session on this device
 * whatever the answer, after `forgetDevice` (deleting the local data) has run, so the sign-in
 * screen never shows data that is about to go.
 */
export async function signOut(forgetDevice?: () => Promise<void>): Promise<void> {
  try {
    await api.auth.logout.$post();
  } finally {
    try {
      await forgetDevice?.();
    } finally {
      // Offline or not, this device forgets the session at once.
      setSession(null, null);
    }
  }
}
