import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { ErrorBody } from "../../shared/errors";
import { mfaRequiredFor, type Role } from "../../shared/roles";
import type { PublicUser } from "../../shared/schemas/auth";
import { hotp, newTotpSecret, totpStep } from "../../worker/auth/totp";
import { contractViolation } from "./contract-check";

export const ORIGIN = "http://localhost";

/** A fresh address per call, so per-IP limits of one test do not leak into another. */
export function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  ip?: string;
  cookie?: string;
  origin?: string;
}

/**
 * Calls the real Worker (its default export) inside workerd, and holds the answer to the API's
 * contract (contract-check.ts): a successful answer must match its operation's declared status
 * and schema, an error must be the unified body. A test that breaks the contract fails here.
 */
export async function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.body !== undefined) {
    headers.set("Content-Type", headers.get("Content-Type") ?? "application/json");
  }
  if (options.token) headers.set("Authorization", `Bearer ${options.token}`);
  if (options.cookie) headers.set("Cookie", options.cookie);
  headers.set("CF-Connecting-IP", options.ip ?? randomIp());
  const url = path.startsWith("http") ? path : `${ORIGIN}${path}`;
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const res = await exports.default.fetch(
    new Request(url, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === "string"
            ? options.body
            : JSON.stringify(options.body),
    }),
  );
  const problem = await contractViolation(method, url, res);
  if (problem) throw new Error(`API contract broken: ${problem}`);
  return res;
}

export async function errorOf(res: Response): Promise<ErrorBody["error"]> {
  const body = (await res.json()) as ErrorBody;
  return body.error;
}

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}@example.org`;
}

export interface Registered {
  user: PublicUser;
  accessToken: string;
  /** The refresh cookie as a `Cookie` request header value. */
  cookie: string;
  email: string;
  password: string;
}

/** The `name=value` of the refresh cookie a response set, ready for a `Cookie` header. */
export function refreshCookieFrom(res: Response): string {
  const setCookie = res.headers.getSetCookie().find((h) => /haven_refresh=/.test(h));
  if (!setCookie) throw new Error("no refresh cookie set");
  return setCookie.split(";")[0] ?? "";
}

export async function register(overrides: Partial<{ email: string; password: string }> = {}): Promise<Registered> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? PASSWORD;
  const res = await call("/api/v1/auth/register", {
    body: { email, password, displayName: "Test Patient", timezone: "Europe/London" },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: PublicUser; accessToken: string };
  return { ...body, cookie: refreshCookieFrom(res), email, password };
}

/**
 * Creates a user of any role straight in D1 (as the admin command and seed do), then signs in.
 * Staff roles must use two-factor sign-in (shared/roles.ts), so theirs is on from the start, with
 * a secret of their own, and they sign in as a person would: password, then a code.
 */
export async function createUserAndLogin(role: Role): Promise<Registered & { secret: string | null }> {
  const { email, secret } = await insertUser(role, { twoFactor: mfaRequiredFor(role) });
  if (!secret) return { ...(await login(email, PASSWORD)), secret };
  return { ...(await loginWithCode(email, PASSWORD, await codeAt(secret))), secret };
}

/**
 * A staff account without two-factor sign-in, signed in with its password: what an admin-made
 * account (or one whose 2FA an admin reset) looks like before its first sign-in is finished.
 */
export async function staffBeforeTwoFactor(role: Exclude<Role, "patient">): Promise<Registered> {
  const { email } = await insertUser(role, { twoFactor: false });
  return login(email, PASSWORD);
}

async function insertUser(
  role: Role,
  options: { twoFactor: boolean },
): Promise<{ email: string; secret: string | null }> {
  const { env } = await import("cloudflare:workers");
  const { hashPassword } = await import("../../worker/auth/password");
  const email = uniqueEmail(role);
  const secret = options.twoFactor ? newTotpSecret() : null;
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO users (id, email, role, status, display_name, timezone, day_start_hour, password_hash, totp_secret, created_at, updated_at)
     VALUES (?, ?, ?, 'active', ?, 'Europe/London', 4, ?, ?, ?, ?)`,
  )
    .bind(crypto.randomUUID(), email, role, `Test ${role}`, await hashPassword(PASSWORD), secret, now, now)
    .run();
  return { email, secret };
}

/** Signs in with the password and then the second factor (a TOTP or recovery code). */
export async function loginWithCode(email: string, password: string, code: string): Promise<Registered> {
  const res = await call("/api/v1/auth/login", { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { mfaToken } = (await res.json()) as { mfaToken?: string };
  if (!mfaToken) throw new Error("login did not ask for a second factor");
  const verify = await call("/api/v1/auth/2fa/verify", { body: { mfaToken, code } });
  if (verify.status !== 200) throw new Error(`2FA verify failed: ${verify.status} ${await verify.text()}`);
  const body = (await verify.json()) as { user: PublicUser; accessToken: string };
  return { ...body, cookie: refreshCookieFrom(verify), email, password };
}

export async function login(email: string, password: string, ip?: string): Promise<Registered> {
  const res = await call("/api/v1/auth/login", { body: { email, password }, ip });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: PublicUser; accessToken: string };
  return { ...body, cookie: refreshCookieFrom(res), email, password };
}

/** POST /auth/refresh as the PWA would: same-origin, with the cookie. */
export function refresh(cookie: string, origin = ORIGIN): Promise<Response> {
  return call("/api/v1/auth/refresh", { method: "POST", cookie, headers: { Origin: origin } });
}

/** JSON body of a response, typed loosely for assertions. */
export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** A patient with one habit, ready to complete it. */
export async function patientWithHabit(
  habit: { difficulty?: "easy" | "medium" | "hard"; schedule?: Record<string, unknown> } = {},
): Promise<Registered & { habitId: string }> {
  const r = await register();
  const res = await call("/api/v1/habits", {
    token: r.accessToken,
    body: {
      name: "Drink water",
      difficulty: habit.difficulty ?? "easy",
      schedule: habit.schedule ?? { type: "daily", perDay: 3 },
    },
  });
  if (res.status !== 201) throw new Error(`habit create failed: ${res.status} ${await res.text()}`);
  const { habit: created } = await json<{ habit: { id: string } }>(res);
  return { ...r, habitId: created.id };
}

/**
 * Moves the user's day start (PATCH /me) twelve hours from the local hour now, so times up to a few
 * hours either side of now fall on one local day whenever the test runs. Tests that complete a
 * habit at "now less 30 minutes" and count per day failed between 04:00 and 04:30 London time,
 * when those times straddled the default 04:00 day start.
 */
export async function dayStartAwayFromNow(token: string, timezone = "Europe/London"): Promise<void> {
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone: timezone }).format(new Date()),
  );
  const res = await call("/api/v1/me", { method: "PATCH", token, body: { dayStartHour: (hour + 12) % 24 } });
  if (res.status !== 200) throw new Error(`day start change failed: ${res.status} ${await res.text()}`);
}

/**
 * The rate limits count in fixed, epoch-aligned windows (worker/lib/rate-limit.ts): a test's
 * attempts must all fall in one, so a loop that could straddle a boundary on a slow machine
 * starts in the next window instead when fewer than 20 s of this one are left. (Limit tests
 * failed in CI with 401 for 429 when their attempts straddled a boundary.)
 */
export async function startOfAFullWindow(windowSeconds: number): Promise<void> {
  const left = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds);
  if (left < 20) await new Promise((r) => setTimeout(r, left * 1000 + 100));
}

/** ISO time `ms` milliseconds from now. */
export const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

/**
 * A patient straight in D1 (UTC, day starting at 00:00, so local days are plain UTC dates) with
 * one session and its access token: no scrypt, for tests that need hundreds of fresh users.
 */
export async function fastPatient(): Promise<{ userId: string; accessToken: string }> {
  const { env } = await import("cloudflare:workers");
  const userId = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO users (id, email, role, status, display_name, timezone, day_start_hour, password_hash, created_at, updated_at)
     VALUES (?, ?, 'patient', 'active', 'Fast Patient', 'UTC', 0, 'not-a-real-hash', ?, ?)`,
  )
    .bind(userId, uniqueEmail("fast"), now, now)
    .run();
  return { userId, accessToken: await fastSession(userId) };
}

/** Another sign-in (session row and access token) for a user made by fastPatient: a second device. */
export async function fastSession(userId: string): Promise<string> {
  const { env } = await import("cloudflare:workers");
  const { signAccessToken } = await import("../../worker/auth/tokens");
  const sessionId = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO sessions (id, user_id, created_at, expires_at, last_used_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(sessionId, userId, now, now + 365 * 86_400_000, now)
    .run();
  return signAccessToken(env.JWT_SECRET, { userId, role: "patient", sessionId }, Date.now());
}

/** An admin-made assignment of a staff member to a patient (through the real admin route). */
export async function assign(staffId: string, patientId: string): Promise<void> {
  const admin = await createUserAndLogin("admin");
  const res = await call("/api/v1/admin/assignments", { token: admin.accessToken, body: { staffId, patientId } });
  if (res.status !== 201) throw new Error(`assignment failed: ${res.status} ${await res.text()}`);
}

export async function unassign(staffId: string, patientId: string): Promise<void> {
  const admin = await createUserAndLogin("admin");
  const res = await call("/api/v1/admin/assignments", {
    method: "DELETE",
    token: admin.accessToken,
    body: { staffId, patientId },
  });
  if (res.status !== 204) throw new Error(`unassignment failed: ${res.status}`);
}

/** The code an authenticator holding `secret` shows `offset` 30-second steps from now. */
export const codeAt = (secret: string, offset = 0) => hotp(secret, totpStep(Date.now()) + offset);

/**
 * A new patient with 2FA on, set up as the owner does it (password at enrol and confirm). The
 * confirmation uses the previous step's code, so the current and next steps stay free for tests.
 */
export async function patientWithTwoFactor(): Promise<Registered & { secret: string; recoveryCodes: string[] }> {
  const r = await register();
  return { ...r, ...(await turnOnTwoFactor(r, -1)) };
}

/**
 * Sets 2FA up for a signed-in user as the owner does (password at enrol and confirm), confirming
 * with the code `offset` steps from now; the new secret and the recovery codes.
 */
export async function turnOnTwoFactor(r: Registered, offset = 0): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enroll = await call("/api/v1/auth/2fa/enroll", { token: r.accessToken, body: { password: PASSWORD } });
  expect(enroll.status).toBe(200);
  const { secret } = (await enroll.json()) as { secret: string };
  const confirm = await call("/api/v1/auth/2fa/confirm", {
    token: r.accessToken,
    body: { password: PASSWORD, code: await codeAt(secret, offset) },
  });
  expect(confirm.status, await confirm.clone().text()).toBe(200);
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
  return { secret, recoveryCodes };
}

/**
 * The cast the fuzz tests call as: one account of each role, the therapist and clinician
 * assigned to the patient, and one habit of the patient's (a real id for generated paths).
 */
export async function fuzzCast(): Promise<{
  users: Record<Role, Registered>;
  habitId: string;
}> {
  const [patient, therapist, clinician, admin] = await Promise.all([
    createUserAndLogin("patient"),
    createUserAndLogin("therapist"),
    createUserAndLogin("clinician"),
    createUserAndLogin("admin"),
  ]);
  await assign(therapist.user.id, patient.user.id);
  await assign(clinician.user.id, patient.user.id);
  const habit = await call("/api/v1/habits", {
    token: patient.accessToken,
    body: { name: "Walk", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
  });
  const habitId = ((await habit.json()) as { habit: { id: string } }).habit.id;
  return { users: { patient, therapist, clinician, admin }, habitId };
}
