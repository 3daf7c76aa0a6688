/**
 * Escalation of unacknowledged high flags (issue 17, item 3) and its admin configuration. This is
 * the one test file that changes the deployment's escalation setting (app_settings), so its tests
 * run in order and leave nobody on call. Each sweep runs with an injected clock; each test's flags
 * are raised a year earlier than the previous test's, so a sweep never finds an earlier test's
 * flag (or another file's: those are later) overdue.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTIFICATION_TEXTS } from "../../shared/domain/notification-texts";
import type { AdminHealth, EscalationSettingsView } from "../../shared/schemas/admin";
import { runFlagAlerts } from "../../worker/notify/flag-alerts";
import {
  assign,
  emailEnv,
  emailsTo,
  flagRow,
  insertFlag,
  MINUTE,
  type Person,
  pastEpoch,
  personWithDevice,
  pushesTo,
  waitForPushes,
} from "./flag-alerts-helpers";
import { call, createUserAndLogin, errorOf, json, type Registered, register } from "./helpers";

let admin: Registered;
let yearsBack = 2;
/** A clock a year earlier than the previous test's. */
const nextEpoch = () => pastEpoch(yearsBack++);

const put = (body: unknown, token = admin.accessToken) =>
  call("/api/v1/admin/escalation", { method: "PUT", token, body });

async function setEscalation(minutes: number, onCallUserId: string | null): Promise<EscalationSettingsView> {
  const res = await put({ minutes, onCallUserId });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<EscalationSettingsView>(res);
}

async function auditRows(action: string, target: string | null) {
  const { results } = await env.DB.prepare(
    "SELECT user_id, role, outcome, error_code, target FROM audit_events WHERE action = ? AND target IS ? ORDER BY id",
  )
    .bind(action, target)
    .all<{ user_id: string | null; role: string | null; outcome: string; error_code: string | null; target: string }>();
  return results;
}

/** A patient with an assigned therapist (both with a device). */
async function patientWithTherapist(): Promise<{ patient: Person; therapist: Person }> {
  const [patient, therapist] = await Promise.all([personWithDevice("patient"), personWithDevice("therapist")]);
  await assign(therapist.user.id, patient.user.id);
  return { patient, therapist };
}

beforeAll(async () => {
  admin = await createUserAndLogin("admin");
});

afterAll(async () => {
  await setEscalation(15, null);
});

describe("GET and PUT /api/v1/admin/escalation", () => {
  it("starts at 15 minutes with nobody on call", async () => {
    const res = await call("/api/v1/admin/escalation", { token: admin.accessToken });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ minutes: 15, onCall: null });
  });

  it("stores the minutes and an active therapist or clinician as on call, audited", async () => {
    for (const role of ["therapist", "clinician"] as const) {
      const staff = await createUserAndLogin(role);
      const saved = await setEscalation(30, staff.user.id);
      const expected = { minutes: 30, onCall: { id: staff.user.id, displayName: staff.user.displayName, role } };
      expect(saved).toEqual(expected);
      expect(await json(await call("/api/v1/admin/escalation", { token: admin.accessToken }))).toEqual(expected);
      expect(await auditRows("admin.escalation.update", staff.user.id)).toEqual([
        { user_id: admin.user.id, role: "admin", outcome: "success", error_code: null, target: staff.user.id },
      ]);
    }
    expect(await setEscalation(240, null)).toEqual({ minutes: 240, onCall: null });
    expect(await setEscalation(1, null)).toEqual({ minutes: 1, onCall: null });
  });

  it("refuses malformed settings with VALIDATION_FAILED, and changes nothing", async () => {
    const before = await json(await call("/api/v1/admin/escalation", { token: admin.accessToken }));
    const staff = await createUserAndLogin("therapist");
    for (const body of [
      { minutes: 0, onCallUserId: null },
      { minutes: 241, onCallUserId: null },
      { minutes: 1.5, onCallUserId: null },
      { minutes: "15", onCallUserId: null },
      { minutes: 15 },
      { minutes: 15, onCallUserId: "someone" },
      { minutes: 15, onCallUserId: staff.user.id, extra: true },
      [],
    ]) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    }
    expect(await json(await call("/api/v1/admin/escalation", { token: admin.accessToken }))).toEqual(before);
  });

  it("refuses an on-call contact who is not an active therapist or clinician (ON_CALL_INVALID), audited", async () => {
    const patient = await register();
    const otherAdmin = await createUserAndLogin("admin");
    const disabled = await createUserAndLogin("clinician");
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(disabled.user.id).run();
    for (const id of [patient.user.id, otherAdmin.user.id, disabled.user.id, crypto.randomUUID()]) {
      const res = await put({ minutes: 15, onCallUserId: id });
      expect(res.status).toBe(422);
      expect((await errorOf(res)).code).toBe("ON_CALL_INVALID");
      expect(await auditRows("admin.escalation.update", id)).toEqual([
        { user_id: admin.user.id, role: "admin", outcome: "failure", error_code: "ON_CALL_INVALID", target: id },
      ]);
    }
  });

  it("is for admins only", async () => {
    const therapist = await createUserAndLogin("therapist");
    const patient = await register();
    for (const token of [therapist.accessToken, patient.accessToken]) {
      expect((await call("/api/v1/admin/escalation", { token })).status).toBe(403);
      expect((await put({ minutes: 15, onCallUserId: null }, token)).status).toBe(403);
    }
    expect((await call("/api/v1/admin/escalation")).status).toBe(401);
  });
});

describe("escalating an unacknowledged high flag", () => {
  it("goes to the on-call contact once the minutes have passed, once, by push and email, audited", async () => {
    const { patient, therapist } = await patientWithTherapist();
    const onCall = await personWithDevice("clinician");
    await setEscalation(15, onCall.user.id);
    const t0 = nextEpoch();
    const flagId = await insertFlag(patient.user.id, "high", t0);

    await runFlagAlerts(emailEnv(), t0 + MINUTE);
    expect(await waitForPushes(therapist.device, 1)).toHaveLength(1);
    await runFlagAlerts(emailEnv(), t0 + 15 * MINUTE - 1);
    expect((await flagRow(flagId))?.escalated_at).toBeNull();
    expect(await pushesTo(onCall.device)).toEqual([]);
    expect(await emailsTo(onCall.email)).toEqual([]);

    await runFlagAlerts(emailEnv(), t0 + 15 * MINUTE);
    expect(await flagRow(flagId)).toMatchObject({
      escalated_at: t0 + 15 * MINUTE,
      escalated_to: onCall.user.id,
      status: "open",
    });
    const [push, ...more] = await waitForPushes(onCall.device, 1);
    expect(more).toEqual([]);
    expect(push?.payload).toEqual({
      title: "Haven",
      body: NOTIFICATION_TEXTS.escalation.body,
      url: "/inbox",
      tag: "haven-escalation",
    });
    expect(push?.urgency).toBe("high");
    const [mail] = await emailsTo(onCall.email);
    expect(mail?.subject).toBe(NOTIFICATION_TEXTS.escalation.body);
    expect(`${mail?.subject} ${mail?.text}`).not.toMatch(/risk|crisis|suicid|high|mood/i);
    expect(`${mail?.text}`).not.toContain(patient.user.displayName);
    expect(await auditRows("flag.escalated", flagId)).toEqual([
      { user_id: null, role: "system", outcome: "success", error_code: null, target: flagId },
    ]);
    // The assigned therapist had the first alert only.
    expect(await pushesTo(therapist.device)).toHaveLength(1);

    // Later sweeps never escalate it again.
    await runFlagAlerts(emailEnv(), t0 + 30 * MINUTE);
    await runFlagAlerts(emailEnv(), t0 + 120 * MINUTE);
    expect(await pushesTo(onCall.device)).toHaveLength(1);
    expect(await emailsTo(onCall.email)).toHaveLength(1);
    expect(await auditRows("flag.escalated", flagId)).toHaveLength(1);
  });

  it("never escalates an acknowledged or resolved flag, nor a medium one", async () => {
    const { patient } = await patientWithTherapist();
    // Clinicians acknowledge and resolve flags.
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, patient.user.id);
    const onCall = await personWithDevice("therapist");
    await setEscalation(15, onCall.user.id);
    const t0 = nextEpoch();
    const acknowledged = await insertFlag(patient.user.id, "high", t0);
    const resolved = await insertFlag(patient.user.id, "high", t0 + 1);
    const medium = await insertFlag(patient.user.id, "medium", t0 + 2);
    await runFlagAlerts(env, t0 + MINUTE);
    const base = `/api/v1/staff/patients/${patient.user.id}/flags`;
    const ack = await call(`${base}/${acknowledged}/acknowledge`, { token: clinician.accessToken, body: {} });
    expect(ack.status).toBe(200);
    const res = await call(`${base}/${resolved}/resolve`, { token: clinician.accessToken, body: { note: "Called." } });
    expect(res.status).toBe(200);

    await runFlagAlerts(env, t0 + 60 * MINUTE);
    for (const id of [acknowledged, resolved, medium]) expect((await flagRow(id))?.escalated_at).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(await pushesTo(onCall.device)).toEqual([]);
  });

  it("lets the on-call contact open the escalated flag until it is resolved, not before it escalates", async () => {
    const { patient } = await patientWithTherapist();
    const onCall = await personWithDevice("clinician");
    await setEscalation(15, onCall.user.id);
    const t0 = nextEpoch();
    const flagId = await insertFlag(patient.user.id, "high", t0);
    const flags = `/api/v1/staff/patients/${patient.user.id}/flags`;
    const inboxIds = async () =>
      (
        await json<{ items: { id: string }[] }>(await call("/api/v1/staff/flags", { token: onCall.accessToken }))
      ).items.map((f) => f.id);
    const highCount = async () =>
      (
        await json<{ openFlags?: { high: number } }>(
          await call("/api/v1/notifications/summary", { token: onCall.accessToken }),
        )
      ).openFlags?.high;

    // Not assigned and not escalated yet: nothing to see, and the record is the usual 404.
    await runFlagAlerts(env, t0 + MINUTE);
    expect(await inboxIds()).not.toContain(flagId);
    expect((await call(flags, { token: onCall.accessToken })).status).toBe(404);
    const before = await highCount();

    await runFlagAlerts(env, t0 + 15 * MINUTE);
    expect(await inboxIds()).toContain(flagId);
    expect(await highCount()).toBe((before ?? 0) + 1);
    expect((await call(flags, { token: onCall.accessToken })).status).toBe(200);
    const ack = await call(`${flags}/${flagId}/acknowledge`, { token: onCall.accessToken, body: {} });
    expect(ack.status).toBe(200);
    const resolve = await call(`${flags}/${flagId}/resolve`, {
      token: onCall.accessToken,
      body: { note: "Spoke to them." },
    });
    expect(resolve.status).toBe(200);

    // Resolved: the on-call contact's access ends with it.
    expect(await inboxIds()).not.toContain(flagId);
    expect((await call(flags, { token: onCall.accessToken })).status).toBe(404);
  });

  it("respects the configured minutes", async () => {
    const { patient } = await patientWithTherapist();
    const onCall = await personWithDevice("clinician");
    await setEscalation(45, onCall.user.id);
    const t0 = nextEpoch();
    const flagId = await insertFlag(patient.user.id, "high", t0);
    await runFlagAlerts(env, t0 + 44 * MINUTE);
    expect((await flagRow(flagId))?.escalated_at).toBeNull();
    await runFlagAlerts(env, t0 + 45 * MINUTE);
    expect((await flagRow(flagId))?.escalated_to).toBe(onCall.user.id);
    expect(await waitForPushes(onCall.device, 1)).toHaveLength(1);
  });

  it("waits while nobody is on call (or the on-call account is disabled), and the health screen shows it", async () => {
    const { patient } = await patientWithTherapist();
    const onCall = await personWithDevice("therapist");
    await setEscalation(15, onCall.user.id);
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(onCall.user.id).run();
    const t0 = nextEpoch();
    const flagId = await insertFlag(patient.user.id, "high", t0);
    await runFlagAlerts(env, t0 + 20 * MINUTE);
    expect((await flagRow(flagId))?.escalated_at).toBeNull();
    await setEscalation(15, null);
    await runFlagAlerts(env, t0 + 40 * MINUTE);
    expect((await flagRow(flagId))?.escalated_at).toBeNull();

    const health = await json<AdminHealth>(await call("/api/v1/admin/health", { token: admin.accessToken }));
    expect(health.escalation).toEqual({ minutes: 15, onCall: null });
    const listed = health.unacknowledgedHigh.find((f) => f.flagId === flagId);
    expect(listed).toEqual({
      flagId,
      openedAt: new Date(t0).toISOString(),
      minutesOpen: expect.any(Number),
      escalatedAt: null,
      escalatedTo: null,
    });
    expect(listed?.minutesOpen).toBeGreaterThan(300 * 24 * 60);
    expect(health.unacknowledgedHighCount).toBeGreaterThanOrEqual(health.unacknowledgedHigh.length);
    // Nothing clinical: no patient, no category, no source.
    expect(JSON.stringify(health)).not.toContain(patient.user.id);

    // An on-call contact is set: the next sweep escalates it, and the health screen says to whom.
    const next = await createUserAndLogin("clinician");
    await setEscalation(15, next.user.id);
    await runFlagAlerts(env, t0 + 41 * MINUTE);
    const after = await json<AdminHealth>(await call("/api/v1/admin/health", { token: admin.accessToken }));
    expect(after.escalation.onCall?.id).toBe(next.user.id);
    expect(after.unacknowledgedHigh.find((f) => f.flagId === flagId)).toMatchObject({
      escalatedAt: new Date(t0 + 41 * MINUTE).toISOString(),
      escalatedTo: next.user.displayName,
    });
  });
});
