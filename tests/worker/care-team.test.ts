import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { assign, call, createUserAndLogin, json, type Registered, register, unassign } from "./helpers";

interface Member {
  id: string;
  displayName: string;
  role: string;
  canMessage: boolean;
}

const careTeam = async (who: Registered) => {
  const res = await call("/api/v1/me/care-team", { token: who.accessToken });
  expect(res.status).toBe(200);
  return (await json<{ items: Member[] }>(res)).items;
};

describe("GET /api/v1/me/care-team", () => {
  it("lists a patient's assigned staff only, with the policy's verdict: therapist yes, clinician no", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    const clinician = await createUserAndLogin("clinician");
    const stranger = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    await assign(clinician.user.id, patient.user.id);
    const team = await careTeam(patient);
    expect(team).toHaveLength(2);
    expect(team).toEqual(
      expect.arrayContaining([
        { id: therapist.user.id, displayName: "Test therapist", role: "therapist", canMessage: true },
        { id: clinician.user.id, displayName: "Test clinician", role: "clinician", canMessage: false },
      ]),
    );
    expect(team.map((m) => m.id)).not.toContain(stranger.user.id);
  });

  it("agrees with the send command: the member marked not messageable is refused, the other accepted", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    const clinician = await createUserAndLogin("clinician");
    await assign(therapist.user.id, patient.user.id);
    await assign(clinician.user.id, patient.user.id);
    for (const member of await careTeam(patient)) {
      const res = await call("/api/v1/messages", {
        token: patient.accessToken,
        body: { recipientId: member.id, body: "Hello" },
      });
      expect(res.status, member.role).toBe(member.canMessage ? 201 : 403);
    }
  });

  it("is empty for an unassigned patient, and never shows another patient's team", async () => {
    const patient = await register();
    const other = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, other.user.id);
    expect(await careTeam(patient)).toEqual([]);
    expect((await careTeam(other)).map((m) => m.id)).toEqual([therapist.user.id]);
  });

  it("drops a staff member at once when the assignment is removed", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    expect((await careTeam(patient)).map((m) => m.id)).toEqual([therapist.user.id]);
    await unassign(therapist.user.id, patient.user.id);
    expect(await careTeam(patient)).toEqual([]);
  });

  it("leaves out a disabled staff member, whom a message could not reach", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(therapist.user.id).run();
    expect(await careTeam(patient)).toEqual([]);
  });

  it("answers staff with the patients assigned to them (all messageable), and admins with nobody", async () => {
    const patient = await register();
    const unassigned = await register();
    const clinician = await createUserAndLogin("clinician");
    const admin = await createUserAndLogin("admin");
    await assign(clinician.user.id, patient.user.id);
    expect(await careTeam(clinician)).toEqual([
      { id: patient.user.id, displayName: "Test Patient", role: "patient", canMessage: true },
    ]);
    expect((await careTeam(clinician)).map((m) => m.id)).not.toContain(unassigned.user.id);
    expect(await careTeam(admin)).toEqual([]);
  });

  it("refuses a caller without a session", async () => {
    expect((await call("/api/v1/me/care-team")).status).toBe(401);
  });
});
