/**
 * Issue 13, item 6: staff ↔ patient messages need a live care assignment (threads stay readable
 * after it ends), and a patient can block a non-staff sender.
 */
import { describe, expect, it } from "vitest";
import type { MessageView } from "../../shared/schemas/messages";
import { assign, call, createUserAndLogin, errorOf, json, type Registered, register, unassign } from "./helpers";

const send = (from: Registered, to: string, body: string) =>
  call("/api/v1/messages", { token: from.accessToken, body: { recipientId: to, body } });

describe("messages between staff and patients follow the care assignment", () => {
  it("an unassigned therapist or clinician cannot write to a patient, nor the patient to them", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    const clinician = await createUserAndLogin("clinician");
    for (const [from, to] of [
      [therapist, patient],
      [clinician, patient],
      [patient, therapist],
    ] as const) {
      const refused = await send(from, to.user.id, "Hello");
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).code).toBe("CARE_ASSIGNMENT_REQUIRED");
    }
  });

  it("an assigned one can, and after unassignment the thread stays readable but closed to new messages", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    expect((await send(therapist, patient.user.id, "Checking in")).status).toBe(201);
    expect((await send(patient, therapist.user.id, "Thanks")).status).toBe(201);
    await unassign(therapist.user.id, patient.user.id);
    const later = await send(therapist, patient.user.id, "Still there?");
    expect(later.status).toBe(403);
    expect((await errorOf(later)).code).toBe("CARE_ASSIGNMENT_REQUIRED");
    expect((await send(patient, therapist.user.id, "Hello?")).status).toBe(403);
    for (const [reader, other] of [
      [patient, therapist],
      [therapist, patient],
    ] as const) {
      const thread = await json<{ items: MessageView[] }>(
        await call(`/api/v1/messages/with/${other.user.id}`, { token: reader.accessToken }),
      );
      expect(thread.items.map((m) => m.body).sort()).toEqual(["Checking in", "Thanks"]);
    }
  });

  it("the same rule holds for a message queued offline and pushed through sync", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    const res = await call("/api/v1/sync/push", {
      token: patient.accessToken,
      body: {
        clientId: "phone",
        operations: [
          {
            opId: crypto.randomUUID(),
            type: "message.send",
            at: new Date().toISOString(),
            payload: { recipientId: therapist.user.id, body: "Offline hello" },
          },
        ],
      },
    });
    const body = await json<{ results: { status: string; error?: { code: string } }[] }>(res);
    expect(body.results[0]).toMatchObject({ status: "rejected", error: { code: "CARE_ASSIGNMENT_REQUIRED" } });
  });
});

describe("a patient can block a non-staff sender", () => {
  it("blocks and unblocks another patient; staff cannot be blocked", async () => {
    const patient = await register();
    const other = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    expect((await send(other, patient.user.id, "hi")).status).toBe(201);

    const block = await call(`/api/v1/messages/blocks/${other.user.id}`, { method: "PUT", token: patient.accessToken });
    expect(block.status).toBe(204);
    const refused = await send(other, patient.user.id, "hi again");
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("MESSAGE_BLOCKED");
    // Blocking is one-way: the patient can still write, and sees who they blocked.
    expect((await send(patient, other.user.id, "please stop")).status).toBe(201);
    const list = await json<{ items: { userId: string; displayName: string }[] }>(
      await call("/api/v1/messages/blocks", { token: patient.accessToken }),
    );
    expect(list.items.map((b) => b.userId)).toEqual([other.user.id]);

    const staff = await call(`/api/v1/messages/blocks/${therapist.user.id}`, {
      method: "PUT",
      token: patient.accessToken,
    });
    expect(staff.status).toBe(403);
    expect((await errorOf(staff)).code).toBe("MESSAGE_NOT_ALLOWED");
    expect((await send(therapist, patient.user.id, "care team message")).status).toBe(201);

    const unblock = await call(`/api/v1/messages/blocks/${other.user.id}`, {
      method: "DELETE",
      token: patient.accessToken,
    });
    expect(unblock.status).toBe(204);
    expect((await send(other, patient.user.id, "sorry")).status).toBe(201);
    // Unknown people are not found; only patients block.
    expect(
      (await call(`/api/v1/messages/blocks/${crypto.randomUUID()}`, { method: "PUT", token: patient.accessToken }))
        .status,
    ).toBe(404);
    expect(
      (await call(`/api/v1/messages/blocks/${other.user.id}`, { method: "PUT", token: therapist.accessToken })).status,
    ).toBe(403);
  });
});
