/**
 * The authorization matrix: every route × every kind of caller, with the status each must get,
 * driven through the real app inside workerd. "own" is a patient acting on their own things,
 * "other" another patient using the SAME ids (never a client-sent identity: ids in paths and
 * bodies are all the server gets), "therapist"/"clinician" are assigned to that patient,
 * "unassigned" is a clinician who is not. The last test fails when the app has a route this
 * table does not cover, so a new endpoint cannot ship without its row.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import {
  assign,
  call,
  createUserAndLogin,
  fastSession,
  json,
  PASSWORD,
  patientWithHabit,
  type Registered,
  register,
  uniqueEmail,
} from "./helpers";

type Actor = "anon" | "own" | "other" | "therapist" | "clinician" | "unassigned" | "admin";
const ACTORS: Actor[] = ["anon", "own", "other", "therapist", "clinician", "unassigned", "admin"];

interface World {
  users: Record<Exclude<Actor, "anon">, Registered>;
  habitId: string;
  questId: string;
  stepId: string;
  messageId: string;
  noteId: string;
  flagId: string;
}

interface Request {
  path: string;
  body?: unknown;
  /** Use a fresh sign-in of the actor (for routes that end or change the session). */
  freshSession?: boolean;
}

type Build = (w: World, actor: Actor) => Request | Promise<Request>;
interface Row {
  route: string;
  build: Build;
  expect: Record<Actor, number>;
}

const sql = (query: string, ...args: unknown[]) =>
  env.DB.prepare(query)
    .bind(...args)
    .run();
const id = () => crypto.randomUUID();
const uid = (w: World, a: Actor) => (a === "anon" ? "" : w.users[a].user.id);

async function freshHabit(userId: string): Promise<string> {
  const habitId = id();
  await sql(
    "INSERT INTO habits (user_id, id, name, difficulty, schedule_type, schedule_target, created_at, updated_at) VALUES (?, ?, 'H', 'easy', 'daily', 5, 0, 0)",
    userId,
    habitId,
  );
  return habitId;
}
async function freshCompletion(userId: string, habitId: string): Promise<string> {
  const completionId = id();
  await sql(
    "INSERT INTO habit_completions (user_id, id, habit_id, at, local_day, xp, coins, created_at) VALUES (?, ?, ?, ?, '2026-01-01', 0, 0, 0)",
    userId,
    completionId,
    habitId,
    Date.now() - 3600_000,
  );
  return completionId;
}
/** A well-formed Web Push subscription at a new endpoint (p256dh: 0x04 and 64 bytes; auth: 16 bytes). */
function freshPushSubscription(): { endpoint: string; keys: { p256dh: string; auth: string } } {
  const b64u = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  const point = crypto.getRandomValues(new Uint8Array(65));
  point[0] = 0x04;
  return {
    endpoint: `https://push.example.test/${crypto.randomUUID()}`,
    keys: { p256dh: b64u(point), auth: b64u(crypto.getRandomValues(new Uint8Array(16))) },
  };
}

async function freshMessage(from: string, to: string): Promise<string> {
  const messageId = id();
  await sql(
    "INSERT INTO messages (id, sender_id, recipient_id, body, sent_at, created_at) VALUES (?, ?, ?, 'hi', ?, ?)",
    messageId,
    from,
    to,
    Date.now(),
    Date.now(),
  );
  return messageId;
}
async function freshNote(patientId: string, authorId: string): Promise<string> {
  const noteId = id();
  await sql(
    "INSERT INTO clinical_notes (id, patient_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, 'n', 0, 0)",
    noteId,
    patientId,
    authorId,
  );
  return noteId;
}

async function freshFlag(userId: string): Promise<string> {
  const flagId = id();
  await sql(
    "INSERT INTO risk_flags (user_id, id, source, level, created_at) VALUES (?, ?, 'companion', 'high', ?)",
    userId,
    flagId,
    Date.now(),
  );
  return flagId;
}

async function freshConversation(userId: string): Promise<string> {
  const conversationId = id();
  await sql(
    "INSERT INTO companion_conversations (id, user_id, title, created_at, updated_at) VALUES (?, ?, 'Chat', 0, 0)",
    conversationId,
    userId,
  );
  return conversationId;
}

async function setCoins(userId: string, coins: number): Promise<void> {
  await sql(
    "INSERT INTO progress (user_id, xp, coins, updated_at) VALUES (?, 0, ?, 0) ON CONFLICT(user_id) DO UPDATE SET coins = excluded.coins",
    userId,
    coins,
  );
}

/** Expected statuses: patient-only routes refuse staff and admins with 403. */
const patientOnly = (own: number, other: number) => ({
  anon: 401,
  own,
  other,
  therapist: 403,
  clinician: 403,
  unassigned: 403,
  admin: 403,
});
const everyone = (status: number, anon = 401) => ({
  anon,
  own: status,
  other: status,
  therapist: status,
  clinician: status,
  unassigned: status,
  admin: status,
});
const staffOnly = (therapist: number, clinician: number, unassigned: number) => ({
  anon: 401,
  own: 403,
  other: 403,
  therapist,
  clinician,
  unassigned,
  admin: 403,
});
/** One status for the two patients, another for every staff account and the admin. */
const patientsAndStaff = (patients: number, staff: number) => ({
  ...everyone(staff),
  own: patients,
  other: patients,
});
const adminOnly = (admin: number) => ({ ...everyone(403), admin });

const A = (w: World) => w.users.own.user.id;
const sp = (w: World) => `/api/v1/staff/patients/${A(w)}`;
const plan = { warningSigns: [], copingSteps: [], peopleAndPlaces: [], professionals: [], safeEnvironment: [] };

const TABLE: Row[] = [
  { route: "GET /api/v1/health", build: () => ({ path: "/api/v1/health" }), expect: everyone(200, 200) },
  // The API's contract is public: it describes routes, never data.
  { route: "GET /api/v1/openapi.json", build: () => ({ path: "/api/v1/openapi.json" }), expect: everyone(200, 200) },
  { route: "GET /api/v1/docs", build: () => ({ path: "/api/v1/docs" }), expect: everyone(200, 200) },
  {
    route: "POST /api/v1/auth/register",
    build: () => ({
      path: "/api/v1/auth/register",
      body: { email: uniqueEmail(), password: PASSWORD, displayName: "New", timezone: "UTC" },
    }),
    expect: everyone(201, 201),
  },
  {
    route: "POST /api/v1/auth/login",
    build: () => ({ path: "/api/v1/auth/login", body: { email: uniqueEmail(), password: PASSWORD } }),
    expect: everyone(401, 401),
  },
  {
    route: "POST /api/v1/auth/2fa/verify",
    build: () => ({ path: "/api/v1/auth/2fa/verify", body: { mfaToken: "forged", code: "123456" } }),
    expect: everyone(401, 401),
  },
  {
    route: "POST /api/v1/auth/2fa/enroll",
    build: () => ({ path: "/api/v1/auth/2fa/enroll", body: { password: PASSWORD } }),
    // Staff accounts have two-factor sign-in from the start (it is mandatory for them).
    expect: patientsAndStaff(200, 409),
  },
  {
    route: "POST /api/v1/auth/2fa/confirm",
    build: () => ({ path: "/api/v1/auth/2fa/confirm", body: { password: PASSWORD, code: "000000" } }),
    expect: patientsAndStaff(403, 409),
  },
  {
    route: "POST /api/v1/auth/2fa/disable",
    build: () => ({ path: "/api/v1/auth/2fa/disable", body: { password: PASSWORD, code: "000000" } }),
    // Patients have nothing to turn off; staff may not turn it off (MFA_REQUIRED_FOR_ROLE).
    expect: patientsAndStaff(409, 403),
  },
  { route: "POST /api/v1/auth/refresh", build: () => ({ path: "/api/v1/auth/refresh" }), expect: everyone(403, 403) },
  {
    route: "POST /api/v1/auth/logout",
    build: () => ({ path: "/api/v1/auth/logout", freshSession: true }),
    expect: everyone(204),
  },
  { route: "GET /api/v1/auth/sessions", build: () => ({ path: "/api/v1/auth/sessions" }), expect: everyone(200) },
  {
    route: "DELETE /api/v1/auth/sessions/:id",
    build: async (w, a) => {
      // Everyone signs out one of their own other sessions, except "other", who tries the patient's.
      const owner = a === "other" ? A(w) : uid(w, a) || A(w);
      const token = await fastSession(owner);
      const sid = JSON.parse(atob(token.split(".")[1] ?? "")).sid as string;
      return { path: `/api/v1/auth/sessions/${sid}` };
    },
    expect: { ...everyone(204), other: 404 },
  },
  {
    route: "POST /api/v1/auth/password",
    build: () => ({
      path: "/api/v1/auth/password",
      body: { currentPassword: "not the password", newPassword: "a new long passphrase 1" },
    }),
    expect: everyone(403),
  },
  { route: "GET /api/v1/me/export", build: () => ({ path: "/api/v1/me/export" }), expect: everyone(200) },
  {
    route: "GET /api/v1/me/export/check-ins.csv",
    build: () => ({ path: "/api/v1/me/export/check-ins.csv" }),
    expect: everyone(200),
  },
  {
    route: "DELETE /api/v1/me",
    build: () => ({ path: "/api/v1/me", body: { password: "wrong password!" } }),
    expect: everyone(403),
  },
  { route: "GET /api/v1/me", build: () => ({ path: "/api/v1/me" }), expect: everyone(200) },
  {
    route: "PATCH /api/v1/me",
    build: () => ({ path: "/api/v1/me", body: { displayName: "Renamed" } }),
    expect: everyone(200),
  },
  // Everyone gets their own list only (patients: their staff; staff: their patients; admins: none).
  { route: "GET /api/v1/me/care-team", build: () => ({ path: "/api/v1/me/care-team" }), expect: everyone(200) },
  // Email confirmation (issue 18): every signed-in user, for their own address only (no ids in paths).
  {
    route: "POST /api/v1/me/email/verification",
    build: () => ({ path: "/api/v1/me/email/verification" }),
    expect: everyone(204),
  },
  {
    route: "POST /api/v1/me/email/verify",
    build: async (w, a) => {
      // No live code, so the refusal does not depend on guessing wrong.
      if (a !== "anon") await sql("DELETE FROM email_verification_codes WHERE user_id = ?", uid(w, a));
      return { path: "/api/v1/me/email/verify", body: { code: "000000" } };
    },
    expect: everyone(400),
  },
  {
    route: "PATCH /api/v1/me/email",
    build: () => ({ path: "/api/v1/me/email", body: { email: uniqueEmail("moved"), password: "wrong password!" } }),
    expect: everyone(403),
  },

  { route: "GET /api/v1/habits", build: () => ({ path: "/api/v1/habits" }), expect: patientOnly(200, 200) },
  {
    route: "POST /api/v1/habits",
    build: () => ({
      path: "/api/v1/habits",
      body: { name: "New", difficulty: "easy", schedule: { type: "daily", perDay: 1 } },
    }),
    expect: patientOnly(201, 201),
  },
  {
    route: "PATCH /api/v1/habits/:id",
    build: (w) => ({ path: `/api/v1/habits/${w.habitId}`, body: { name: "Edited" } }),
    expect: patientOnly(200, 404),
  },
  {
    route: "DELETE /api/v1/habits/:id",
    build: async (w) => ({ path: `/api/v1/habits/${await freshHabit(A(w))}` }),
    expect: patientOnly(200, 404),
  },
  {
    route: "POST /api/v1/habits/:id/completions",
    build: async (w) => ({ path: `/api/v1/habits/${await freshHabit(A(w))}/completions`, body: {} }),
    expect: patientOnly(201, 404),
  },
  {
    route: "DELETE /api/v1/habits/:id/completions/:completionId",
    build: async (w) => {
      const habitId = await freshHabit(A(w));
      return { path: `/api/v1/habits/${habitId}/completions/${await freshCompletion(A(w), habitId)}` };
    },
    expect: patientOnly(200, 404),
  },
  { route: "GET /api/v1/quests", build: () => ({ path: "/api/v1/quests" }), expect: patientOnly(200, 200) },
  {
    route: "POST /api/v1/quests",
    build: () => ({ path: "/api/v1/quests", body: { title: "Q", difficulty: "easy" } }),
    expect: patientOnly(201, 201),
  },
  {
    route: "PATCH /api/v1/quests/:id",
    build: (w) => ({ path: `/api/v1/quests/${w.questId}`, body: { title: "Edited" } }),
    expect: patientOnly(200, 404),
  },
  {
    route: "PATCH /api/v1/quests/:id/steps/:stepId",
    build: (w) => ({ path: `/api/v1/quests/${w.questId}/steps/${w.stepId}`, body: { done: true } }),
    expect: patientOnly(200, 404),
  },
  { route: "GET /api/v1/moods", build: () => ({ path: "/api/v1/moods" }), expect: patientOnly(200, 200) },
  {
    route: "POST /api/v1/moods",
    build: () => ({ path: "/api/v1/moods", body: { mood: 6, sleepQuality: 6 } }),
    expect: patientOnly(201, 201),
  },
  { route: "GET /api/v1/progress", build: () => ({ path: "/api/v1/progress" }), expect: patientOnly(200, 200) },
  { route: "GET /api/v1/pet", build: () => ({ path: "/api/v1/pet" }), expect: patientOnly(200, 200) },
  {
    route: "POST /api/v1/pet",
    build: () => ({ path: "/api/v1/pet", body: { name: "Pip", species: "cat" } }),
    expect: patientOnly(201, 201),
  },
  { route: "GET /api/v1/pet/shop", build: () => ({ path: "/api/v1/pet/shop" }), expect: patientOnly(200, 200) },
  {
    route: "POST /api/v1/pet/shop/:itemId",
    build: async (w) => {
      // The patient can afford an apple; the other patient cannot: the price is the server's.
      await setCoins(A(w), 10);
      await setCoins(w.users.other.user.id, 0);
      return { path: "/api/v1/pet/shop/apple", body: {} };
    },
    expect: patientOnly(200, 409),
  },
  {
    route: "POST /api/v1/pet/feed",
    build: async (w) => {
      await setCoins(A(w), 10);
      await setCoins(w.users.other.user.id, 0);
      return { path: "/api/v1/pet/feed", body: {} };
    },
    expect: patientOnly(200, 409),
  },
  {
    route: "POST /api/v1/pet/declutter",
    build: () => ({ path: "/api/v1/pet/declutter", body: { worries: ["a worry"] } }),
    expect: patientOnly(200, 200),
  },
  {
    route: "POST /api/v1/pet/adventure",
    build: () => ({ path: "/api/v1/pet/adventure", body: {} }),
    expect: patientOnly(200, 200),
  },
  {
    route: "POST /api/v1/pet/return",
    build: () => ({ path: "/api/v1/pet/return", body: {} }),
    expect: patientOnly(409, 409),
  },
  { route: "GET /api/v1/assessments", build: () => ({ path: "/api/v1/assessments" }), expect: patientOnly(200, 200) },
  {
    route: "POST /api/v1/assessments",
    build: () => ({ path: "/api/v1/assessments", body: { instrument: "GAD-7", answers: [0, 0, 0, 0, 0, 0, 0] } }),
    expect: patientOnly(201, 201),
  },
  { route: "GET /api/v1/safety-plan", build: () => ({ path: "/api/v1/safety-plan" }), expect: patientOnly(200, 200) },
  {
    route: "PUT /api/v1/safety-plan",
    build: () => ({ path: "/api/v1/safety-plan", body: plan }),
    expect: patientOnly(200, 200),
  },
  {
    route: "POST /api/v1/sync/push",
    build: () => ({ path: "/api/v1/sync/push", body: { clientId: "c", operations: [] } }),
    expect: patientOnly(200, 200),
  },
  { route: "GET /api/v1/sync/pull", build: () => ({ path: "/api/v1/sync/pull" }), expect: patientOnly(200, 200) },

  // The companion: patients only. With no model configured in the tests, a chat that passes the
  // checks ends at 503 COMPANION_NOT_CONFIGURED (consent is off for "other": 403); another
  // patient's conversation is "not found".
  {
    route: "POST /api/v1/companion/chat",
    build: async (w) => {
      await sql("UPDATE users SET consent_companion = 1 WHERE id = ?", A(w));
      return { path: "/api/v1/companion/chat", body: { text: "Hello" } };
    },
    expect: patientOnly(503, 403),
  },
  {
    route: "GET /api/v1/companion/status",
    build: () => ({ path: "/api/v1/companion/status" }),
    expect: patientOnly(200, 200),
  },
  {
    route: "GET /api/v1/companion/conversations",
    build: () => ({ path: "/api/v1/companion/conversations" }),
    expect: patientOnly(200, 200),
  },
  {
    route: "DELETE /api/v1/companion/conversations",
    build: () => ({ path: "/api/v1/companion/conversations" }),
    expect: patientOnly(204, 204),
  },
  {
    route: "GET /api/v1/companion/conversations/:id",
    build: async (w) => ({ path: `/api/v1/companion/conversations/${await freshConversation(A(w))}` }),
    expect: patientOnly(200, 404),
  },
  {
    route: "DELETE /api/v1/companion/conversations/:id",
    build: async (w) => ({ path: `/api/v1/companion/conversations/${await freshConversation(A(w))}` }),
    expect: patientOnly(204, 404),
  },

  { route: "GET /api/v1/messages", build: () => ({ path: "/api/v1/messages" }), expect: everyone(200) },
  {
    route: "GET /api/v1/messages/search",
    build: () => ({ path: "/api/v1/messages/search?q=hi" }),
    expect: everyone(200),
  },
  {
    route: "GET /api/v1/messages/with/:userId",
    build: (w) => ({ path: `/api/v1/messages/with/${A(w)}` }),
    expect: everyone(200),
  },
  {
    route: "POST /api/v1/messages",
    build: (w, a) => ({
      path: "/api/v1/messages",
      body: { recipientId: a === "therapist" ? A(w) : w.users.therapist.user.id, body: "hello" },
    }),
    // "other" is a patient the therapist is not assigned to: staff ↔ patient needs an assignment.
    expect: { ...everyone(201), other: 403 },
  },
  {
    route: "GET /api/v1/messages/blocks",
    build: () => ({ path: "/api/v1/messages/blocks" }),
    expect: patientOnly(200, 200),
  },
  {
    route: "PUT /api/v1/messages/blocks/:userId",
    build: (w, a) => ({
      method: "PUT",
      path: `/api/v1/messages/blocks/${a === "other" ? A(w) : w.users.other.user.id}`,
    }),
    expect: patientOnly(204, 204),
  },
  {
    route: "DELETE /api/v1/messages/blocks/:userId",
    build: (w, a) => ({
      method: "DELETE",
      path: `/api/v1/messages/blocks/${a === "other" ? A(w) : w.users.other.user.id}`,
    }),
    expect: patientOnly(204, 204),
  },
  {
    route: "POST /api/v1/messages/:id/read",
    build: (w) => ({ path: `/api/v1/messages/${w.messageId}/read` }),
    expect: { anon: 401, own: 200, other: 404, therapist: 403, clinician: 404, unassigned: 404, admin: 404 },
  },
  {
    route: "DELETE /api/v1/messages/:id",
    build: async (w) => ({ path: `/api/v1/messages/${await freshMessage(w.users.therapist.user.id, A(w))}` }),
    expect: { anon: 401, own: 204, other: 404, therapist: 204, clinician: 404, unassigned: 404, admin: 404 },
  },

  // Issue 17: any signed-in user may register this browser for Web Push (a fresh endpoint per
  // call, so each creates one) and remove it; the key is public to every signed-in user.
  { route: "GET /api/v1/push/key", build: () => ({ path: "/api/v1/push/key" }), expect: everyone(200) },
  {
    route: "PUT /api/v1/push/subscription",
    build: () => ({ method: "PUT", path: "/api/v1/push/subscription", body: freshPushSubscription() }),
    expect: everyone(201),
  },
  {
    route: "DELETE /api/v1/push/subscription",
    build: () => ({
      method: "DELETE",
      path: "/api/v1/push/subscription",
      body: { endpoint: freshPushSubscription().endpoint },
    }),
    expect: everyone(204),
  },

  // Issue 17: everyone has a summary (their own counts); reminders are the patient's own, and a
  // habit id that is not the caller's own is refused (422) rather than saved.
  {
    route: "GET /api/v1/notifications/summary",
    build: () => ({ path: "/api/v1/notifications/summary" }),
    expect: everyone(200),
  },
  {
    route: "GET /api/v1/notifications/reminders",
    build: () => ({ path: "/api/v1/notifications/reminders" }),
    expect: patientOnly(200, 200),
  },
  {
    route: "PUT /api/v1/notifications/reminders",
    build: (w) => ({
      method: "PUT",
      path: "/api/v1/notifications/reminders",
      body: {
        checkin: { enabled: true, minute: 1200 },
        quietHours: null,
        habits: [{ habitId: w.habitId, minute: 540 }],
      },
    }),
    expect: patientOnly(200, 422),
  },

  {
    route: "GET /api/v1/staff/patients",
    build: () => ({ path: "/api/v1/staff/patients" }),
    expect: staffOnly(200, 200, 200),
  },
  {
    // The risk inbox: each member of staff sees their own caseload's flags (an empty list when none).
    route: "GET /api/v1/staff/flags",
    build: () => ({ path: "/api/v1/staff/flags" }),
    expect: staffOnly(200, 200, 200),
  },
  {
    route: "GET /api/v1/staff/patients/:id/summary",
    build: (w) => ({ path: `${sp(w)}/summary` }),
    expect: staffOnly(200, 200, 404),
  },
  { route: "GET /api/v1/staff/patients/:id", build: (w) => ({ path: sp(w) }), expect: staffOnly(404, 200, 404) },
  {
    route: "POST /api/v1/staff/patients/:id/flags/:flagId/acknowledge",
    build: (w) => ({ path: `${sp(w)}/flags/${w.flagId}/acknowledge` }),
    expect: staffOnly(404, 200, 404),
  },
  {
    route: "GET /api/v1/staff/patients/:id/flags",
    build: (w) => ({ path: `${sp(w)}/flags` }),
    expect: staffOnly(404, 200, 404),
  },
  {
    // A fresh open flag per caller: only the assigned clinician resolves it.
    route: "POST /api/v1/staff/patients/:id/flags/:flagId/resolve",
    build: async (w) => ({ path: `${sp(w)}/flags/${await freshFlag(A(w))}/resolve`, body: { note: "Seen" } }),
    expect: staffOnly(404, 200, 404),
  },
  {
    route: "POST /api/v1/staff/patients/:id/quests",
    build: (w) => ({ path: `${sp(w)}/quests`, body: { title: "From the team", difficulty: "easy" } }),
    expect: staffOnly(201, 201, 404),
  },
  {
    route: "GET /api/v1/staff/patients/:id/safety-plan",
    build: (w) => ({ path: `${sp(w)}/safety-plan` }),
    expect: staffOnly(404, 200, 404),
  },
  {
    route: "PUT /api/v1/staff/patients/:id/safety-plan",
    build: (w) => ({ path: `${sp(w)}/safety-plan`, body: plan }),
    expect: staffOnly(404, 200, 404),
  },
  {
    route: "GET /api/v1/staff/patients/:id/notes",
    build: (w) => ({ path: `${sp(w)}/notes` }),
    expect: staffOnly(404, 200, 404),
  },
  {
    route: "POST /api/v1/staff/patients/:id/notes",
    build: (w) => ({ path: `${sp(w)}/notes`, body: { body: "note" } }),
    expect: staffOnly(404, 201, 404),
  },
  {
    route: "PATCH /api/v1/staff/notes/:noteId",
    build: (w) => ({ path: `/api/v1/staff/notes/${w.noteId}`, body: { body: "edited" } }),
    expect: staffOnly(404, 200, 404),
  },
  {
    route: "DELETE /api/v1/staff/notes/:noteId",
    build: async (w) => ({ path: `/api/v1/staff/notes/${await freshNote(A(w), w.users.clinician.user.id)}` }),
    expect: staffOnly(404, 204, 404),
  },

  { route: "GET /api/v1/admin/users", build: () => ({ path: "/api/v1/admin/users" }), expect: adminOnly(200) },
  {
    route: "POST /api/v1/admin/users",
    build: () => ({
      path: "/api/v1/admin/users",
      body: { email: uniqueEmail(), displayName: "S", role: "therapist", password: PASSWORD },
    }),
    expect: adminOnly(201),
  },
  {
    route: "PATCH /api/v1/admin/users/:id",
    build: (w) => ({ path: `/api/v1/admin/users/${w.users.other.user.id}`, body: { displayName: "By admin" } }),
    expect: adminOnly(200),
  },
  {
    route: "POST /api/v1/admin/users/:id/2fa/reset",
    // A patient of its own: the reset signs every one of their devices out.
    build: async () => ({ path: `/api/v1/admin/users/${(await register()).user.id}/2fa/reset` }),
    expect: adminOnly(200),
  },
  {
    route: "GET /api/v1/admin/assignments",
    build: () => ({ path: "/api/v1/admin/assignments" }),
    expect: adminOnly(200),
  },
  {
    route: "POST /api/v1/admin/assignments",
    build: (w) => ({
      path: "/api/v1/admin/assignments",
      body: { staffId: w.users.unassigned.user.id, patientId: w.users.other.user.id },
    }),
    expect: adminOnly(201),
  },
  {
    route: "DELETE /api/v1/admin/assignments",
    build: async (w) => {
      const patient = await register();
      await sql(
        "INSERT INTO assignments (staff_id, patient_id, created_at, created_by) VALUES (?, ?, 0, ?)",
        w.users.therapist.user.id,
        patient.user.id,
        w.users.admin.user.id,
      );
      return {
        path: "/api/v1/admin/assignments",
        body: { staffId: w.users.therapist.user.id, patientId: patient.user.id },
      };
    },
    expect: adminOnly(204),
  },
  { route: "GET /api/v1/admin/audit", build: () => ({ path: "/api/v1/admin/audit" }), expect: adminOnly(200) },
  { route: "GET /api/v1/admin/health", build: () => ({ path: "/api/v1/admin/health" }), expect: adminOnly(200) },
  {
    route: "GET /api/v1/admin/escalation",
    build: () => ({ path: "/api/v1/admin/escalation" }),
    expect: adminOnly(200),
  },
  {
    route: "PUT /api/v1/admin/escalation",
    // A patient as on-call contact: the admin passes the guard and is refused (422), so this file
    // never changes the deployment's escalation setting (admin-escalation.test.ts owns it).
    build: (w) => ({
      method: "PUT",
      path: "/api/v1/admin/escalation",
      body: { minutes: 15, onCallUserId: w.users.other.user.id },
    }),
    expect: adminOnly(422),
  },
  {
    route: "POST /api/v1/admin/users/:id/password-reset",
    build: (w) => ({ path: `/api/v1/admin/users/${w.users.other.user.id}/password-reset` }),
    expect: adminOnly(201),
  },
  // Signed out by design: a wrong code is the same 401 for anyone (a fresh email each, so the
  // per-account limit of one caller never reaches another).
  {
    route: "POST /api/v1/auth/password-reset/redeem",
    build: () => ({
      path: "/api/v1/auth/password-reset/redeem",
      body: { email: uniqueEmail(), code: "AAAAA-BBBBB-CCCCC-DDDDD", newPassword: "a new long passphrase" },
    }),
    expect: everyone(401, 401),
  },
  // Staff invites: admins invite (a fresh address each) and send again (an account still invited);
  // accepting is signed out by design, a wrong code the same 401 for anyone.
  {
    route: "POST /api/v1/admin/invites",
    build: () => ({
      path: "/api/v1/admin/invites",
      body: { email: uniqueEmail("invite"), displayName: "Invited Clinician", role: "clinician" },
    }),
    expect: adminOnly(201),
  },
  {
    route: "POST /api/v1/admin/invites/:id/resend",
    build: async () => {
      const invited = id();
      const now = Date.now();
      await sql(
        `INSERT INTO users (id, email, role, status, display_name, timezone, day_start_hour, password_hash, created_at, updated_at, invited_at)
         VALUES (?, ?, 'therapist', 'active', 'Invited Therapist', 'UTC', 4, 'x', ?, ?, ?)`,
        invited,
        uniqueEmail("invited"),
        now,
        now,
        now,
      );
      return { path: `/api/v1/admin/invites/${invited}/resend` };
    },
    expect: adminOnly(200),
  },
  {
    route: "POST /api/v1/auth/invite/accept",
    build: () => ({
      path: "/api/v1/auth/invite/accept",
      body: { email: uniqueEmail(), code: "AAAAA-BBBBB-CCCCC-DDDDD", password: "a new long passphrase" },
    }),
    expect: everyone(401, 401),
  },
  // Signed out by design: the same 202 for anyone, and for an address no account uses.
  {
    route: "POST /api/v1/auth/password-reset/request",
    build: () => ({ path: "/api/v1/auth/password-reset/request", body: { email: uniqueEmail() } }),
    expect: everyone(202, 202),
  },
  {
    route: "GET /api/v1/fhir/jwks.json",
    build: () => ({ path: "/api/v1/fhir/jwks.json" }),
    expect: everyone(200, 200),
  },
  {
    route: "GET /api/v1/staff/patients/:id/fhir",
    build: (w) => ({ path: `${sp(w)}/fhir` }),
    expect: staffOnly(404, 200, 404),
  },
  {
    route: "GET /api/v1/me/export/fhir",
    build: () => ({ path: "/api/v1/me/export/fhir" }),
    expect: { ...everyone(403), own: 200, other: 200 },
  },
];

const METHOD = (route: string) => route.split(" ")[0] ?? "GET";
let world: World;

beforeAll(async () => {
  const own = await patientWithHabit();
  const other = await register();
  const therapist = await createUserAndLogin("therapist");
  const clinician = await createUserAndLogin("clinician");
  const unassigned = await createUserAndLogin("clinician");
  const admin = await createUserAndLogin("admin");
  await assign(therapist.user.id, own.user.id);
  await assign(clinician.user.id, own.user.id);
  const quest = await json<{ quest: { id: string; steps: { id: string }[] } }>(
    await call("/api/v1/quests", {
      token: own.accessToken,
      body: { title: "Q", difficulty: "easy", steps: [{ title: "s", done: false }] },
    }),
  );
  await call("/api/v1/moods", { token: own.accessToken, body: { mood: 2, sleepQuality: 2 } });
  const flag = await env.DB.prepare("SELECT id FROM risk_flags WHERE user_id = ?")
    .bind(own.user.id)
    .first<{ id: string }>();
  world = {
    users: { own, other, therapist, clinician, unassigned, admin },
    habitId: own.habitId,
    questId: quest.quest.id,
    stepId: quest.quest.steps[0]?.id ?? "",
    messageId: await freshMessage(therapist.user.id, own.user.id),
    noteId: await freshNote(own.user.id, clinician.user.id),
    flagId: flag?.id ?? "",
  };
}, 60_000);

describe("the authorization matrix", () => {
  for (const row of TABLE) {
    it(`${row.route}: ${ACTORS.map((a) => `${a} ${row.expect[a]}`).join(", ")}`, async () => {
      for (const actor of ACTORS) {
        const req = await row.build(world, actor);
        const token =
          actor === "anon"
            ? undefined
            : req.freshSession
              ? await fastSession(uid(world, actor))
              : world.users[actor].accessToken;
        const res = await call(req.path, {
          method: METHOD(row.route),
          token,
          body: req.body,
          headers: req.path.endsWith("/refresh") ? { Origin: "https://evil.example" } : undefined,
        });
        expect(res.status, `${row.route} as ${actor}: ${await res.clone().text()}`).toBe(row.expect[actor]);
      }
    });
  }

  it("covers every route the app has, and no route it does not", () => {
    const routes = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const table = new Set(TABLE.map((r) => r.route));
    expect(
      [...routes].filter((r) => !table.has(r)),
      "routes missing from the matrix",
    ).toEqual([]);
    expect(
      [...table].filter((r) => !routes.has(r)),
      "matrix rows for routes that do not exist",
    ).toEqual([]);
  });
});
