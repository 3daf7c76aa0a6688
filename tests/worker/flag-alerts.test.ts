/**
 * Risk-flag alerts (issue 17, item 3): a new high flag reaches every assigned therapist and
 * clinician at once, by push (received and decrypted by the stand-in push service) and by email
 * (the capture server), and nobody else; a medium flag stays in-app; each flag is alerted once.
 * The sweep runs with an injected clock (a day years back, so no other file's flags are due), and
 * the fast path after a commit reaches the stand-in without any sweep.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { NOTIFICATION_TEXTS } from "../../shared/domain/notification-texts";
import { alertNewFlags } from "../../worker/notify/flag-alerts";
import {
  assign,
  emailEnv,
  emailsTo,
  flagRow,
  insertFlag,
  MINUTE,
  pastEpoch,
  personWithDevice,
  pushesTo,
  waitForPushes,
} from "./flag-alerts-helpers";
import { call, isoIn, json } from "./helpers";

/** A patient with a therapist and a clinician assigned, an unassigned therapist, each with a device. */
async function careTeam() {
  const [patient, therapist, clinician, stranger] = await Promise.all([
    personWithDevice("patient"),
    personWithDevice("therapist"),
    personWithDevice("clinician"),
    personWithDevice("therapist"),
  ]);
  await assign(therapist.user.id, patient.user.id);
  await assign(clinician.user.id, patient.user.id);
  return { patient, therapist, clinician, stranger };
}

describe("a new high flag", () => {
  it("pushes to each assigned staff device and emails each of them, and nobody else", async () => {
    const { patient, therapist, clinician, stranger } = await careTeam();
    const t0 = pastEpoch(1);
    const flagId = await insertFlag(patient.user.id, "high", t0);
    await alertNewFlags(emailEnv(), t0 + 30_000);

    for (const staff of [therapist, clinician]) {
      const [push, ...more] = await waitForPushes(staff.device, 1);
      expect(more).toEqual([]);
      expect(push?.payload).toEqual({
        title: "Haven",
        body: NOTIFICATION_TEXTS.flag.body,
        url: "/inbox",
        tag: "haven-flag",
      });
      expect(push?.urgency).toBe("high");
    }
    expect(await pushesTo(stranger.device)).toEqual([]);
    expect(await pushesTo(patient.device)).toEqual([]);

    const row = await flagRow(flagId);
    expect(row?.notified_at).not.toBeNull();
    expect(row?.escalated_at).toBeNull();

    // Email to each of them: that someone needs attention and where to look, nothing else.
    for (const staff of [therapist, clinician]) {
      const [mail, ...more] = await emailsTo(staff.email);
      expect(more).toEqual([]);
      expect(mail?.subject).toBe("A patient needs attention");
      const all = `${mail?.subject}\n${mail?.text}`;
      for (const secret of [patient.user.displayName, patient.email, patient.user.id, flagId, "suicid", "high"]) {
        expect(all.toLowerCase()).not.toContain(secret.toLowerCase());
      }
      expect(all).not.toMatch(/risk|crisis|mood|level|harm/i);
    }
    expect(await emailsTo(stranger.email)).toEqual([]);
    expect(await emailsTo(patient.email)).toEqual([]);

    // A second sweep (and a third, later) sends nothing again.
    await alertNewFlags(emailEnv(), t0 + 90_000);
    await alertNewFlags(emailEnv(), t0 + 150_000);
    for (const staff of [therapist, clinician]) {
      expect(await pushesTo(staff.device)).toHaveLength(1);
      expect(await emailsTo(staff.email)).toHaveLength(1);
    }
  });

  it("is claimed by one sweep only when two run at once", async () => {
    const { patient, therapist } = await careTeam();
    const t0 = pastEpoch(1);
    await insertFlag(patient.user.id, "high", t0);
    await Promise.all([alertNewFlags(env, t0 + 1000), alertNewFlags(env, t0 + 1000), alertNewFlags(env, t0 + 1000)]);
    await waitForPushes(therapist.device, 2, 1_000);
    expect(await pushesTo(therapist.device)).toHaveLength(1);
  });

  it("skips disabled staff accounts", async () => {
    const { patient, therapist, clinician } = await careTeam();
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(clinician.user.id).run();
    const t0 = pastEpoch(1);
    await insertFlag(patient.user.id, "high", t0);
    await alertNewFlags(env, t0);
    expect(await waitForPushes(therapist.device, 1)).toHaveLength(1);
    expect(await pushesTo(clinician.device)).toEqual([]);
  });
});

describe("a new medium or low flag", () => {
  it("pushes and emails nobody, is marked notified, and still counts in the risk inbox", async () => {
    const { patient, therapist, clinician } = await careTeam();
    const t0 = pastEpoch(1);
    const medium = await insertFlag(patient.user.id, "medium", t0);
    const low = await insertFlag(patient.user.id, "low", t0 + 1000);
    // (Only the alert half of the sweep: escalation, which reads the deployment's on-call
    // setting, is tested in admin-escalation.test.ts, the one file that changes that setting.)
    await alertNewFlags(emailEnv(), t0 + 60 * MINUTE);
    expect((await flagRow(medium))?.notified_at).toBe(t0 + 60 * MINUTE);
    expect((await flagRow(low))?.notified_at).toBe(t0 + 60 * MINUTE);
    await new Promise((r) => setTimeout(r, 300));
    for (const staff of [therapist, clinician]) {
      expect(await pushesTo(staff.device)).toEqual([]);
      expect(await emailsTo(staff.email)).toEqual([]);
    }
    const inbox = await json<{ items: { id: string }[] }>(
      await call("/api/v1/staff/flags", { token: therapist.accessToken }),
    );
    expect(inbox.items.map((f) => f.id)).toContain(medium);
  });
});

describe("the fast path after a commit", () => {
  it("a patient's SOS through sync reaches the assigned staff's devices without any sweep", async () => {
    const { patient, therapist, clinician, stranger } = await careTeam();
    const id = crypto.randomUUID();
    const res = await call("/api/v1/sync/push", {
      token: patient.accessToken,
      body: {
        clientId: "phone",
        operations: [
          { opId: crypto.randomUUID(), type: "risk.flag", at: isoIn(-1000), payload: { id, source: "sos" } },
        ],
      },
    });
    expect(res.status).toBe(200);
    for (const staff of [therapist, clinician]) {
      const [push] = await waitForPushes(staff.device, 1);
      expect(push?.payload).toMatchObject({ body: NOTIFICATION_TEXTS.flag.body, url: "/inbox" });
    }
    expect((await flagRow(id))?.notified_at).not.toBeNull();
    expect(await pushesTo(stranger.device)).toEqual([]);
    expect(await pushesTo(patient.device)).toEqual([]);
  });

  it("a message sent through the API reaches the recipient's device", async () => {
    const { patient, therapist } = await careTeam();
    const res = await call("/api/v1/messages", {
      token: therapist.accessToken,
      body: { recipientId: patient.user.id, body: "How did the week go?" },
    });
    expect(res.status).toBe(201);
    const [push, ...more] = await waitForPushes(patient.device, 1);
    expect(more).toEqual([]);
    expect(push?.payload).toMatchObject({ body: NOTIFICATION_TEXTS.message.body, url: "/messages" });
    expect(push?.text).not.toContain("How did the week go?");
  });
});
