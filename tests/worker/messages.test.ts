import { describe, expect, it } from "vitest";
import type { MessageView } from "../../shared/schemas/messages";
import type { SyncChange } from "../../shared/schemas/sync";
import { assign, call, createUserAndLogin, errorOf, json, type Registered, register } from "./helpers";

const send = (from: Registered, to: string, body: string, extra: Record<string, unknown> = {}) =>
  call("/api/v1/messages", { token: from.accessToken, body: { recipientId: to, body, ...extra } });

describe("messages", () => {
  it("follows the policy table: a patient may write to a therapist but not to a clinician (403)", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    const clinician = await createUserAndLogin("clinician");
    // Both care for this patient (staff ↔ patient messages need a live assignment).
    await assign(therapist.user.id, patient.user.id);
    await assign(clinician.user.id, patient.user.id);
    expect((await send(patient, therapist.user.id, "Hello")).status).toBe(201);
    const refused = await send(patient, clinician.user.id, "Hello doctor");
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("MESSAGE_NOT_ALLOWED");
    expect((await send(clinician, patient.user.id, "How are you?")).status).toBe(201);
  });

  it("refuses unknown recipients with 404, and empty or over-long bodies with 400", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    expect((await send(patient, crypto.randomUUID(), "Anyone?")).status).toBe(404);
    expect((await send(patient, patient.user.id, "Me")).status).toBe(404);
    expect((await send(patient, therapist.user.id, "   ")).status).toBe(400);
    expect((await send(patient, therapist.user.id, "x".repeat(10_001))).status).toBe(400);
    expect((await send(patient, therapist.user.id, "x".repeat(10_000))).status).toBe(201);
  });

  it("groups the inbox by conversation with unread counts; only the recipient marks read", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    const first = (await json<{ message: MessageView }>(await send(therapist, patient.user.id, "One"))).message;
    await send(therapist, patient.user.id, "Two");
    const inbox = await json<{ items: { with: { id: string }; unread: number; lastMessage: MessageView }[] }>(
      await call("/api/v1/messages", { token: patient.accessToken }),
    );
    expect(inbox.items).toMatchObject([{ with: { id: therapist.user.id }, unread: 2, lastMessage: { body: "Two" } }]);
    const bySender = await call(`/api/v1/messages/${first.id}/read`, { method: "POST", token: therapist.accessToken });
    expect(bySender.status).toBe(403);
    const read = await call(`/api/v1/messages/${first.id}/read`, { method: "POST", token: patient.accessToken });
    expect(read.status).toBe(200);
    const outsider = await register();
    expect(
      (await call(`/api/v1/messages/${first.id}/read`, { method: "POST", token: outsider.accessToken })).status,
    ).toBe(404);
    const after = await json<{ items: { unread: number }[] }>(
      await call("/api/v1/messages", { token: patient.accessToken }),
    );
    expect(after.items[0]?.unread).toBe(1);
  });

  it("pages a conversation, deletes for me only, and reaches both participants' sync pulls", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    const sent: MessageView[] = [];
    for (const body of ["a", "b", "c"]) {
      sent.push((await json<{ message: MessageView }>(await send(patient, therapist.user.id, body))).message);
    }
    const page1 = await json<{ items: MessageView[]; cursor: string; hasMore: boolean }>(
      await call(`/api/v1/messages/with/${therapist.user.id}?limit=2`, { token: patient.accessToken }),
    );
    expect(page1.hasMore).toBe(true);
    const page2 = await json<{ items: MessageView[] }>(
      await call(`/api/v1/messages/with/${therapist.user.id}?limit=2&cursor=${page1.cursor}`, {
        token: patient.accessToken,
      }),
    );
    expect([...page1.items, ...page2.items].map((m) => m.id).sort()).toEqual(sent.map((m) => m.id).sort());
    const del = await call(`/api/v1/messages/${sent[0]?.id}`, { method: "DELETE", token: patient.accessToken });
    expect(del.status).toBe(204);
    const mine = await json<{ items: MessageView[] }>(
      await call(`/api/v1/messages/with/${therapist.user.id}`, { token: patient.accessToken }),
    );
    expect(mine.items).toHaveLength(2);
    const theirs = await json<{ items: MessageView[] }>(
      await call(`/api/v1/messages/with/${patient.user.id}`, { token: therapist.accessToken }),
    );
    expect(theirs.items).toHaveLength(3);
    const pull = await json<{ changes: SyncChange[] }>(await call("/api/v1/sync/pull", { token: patient.accessToken }));
    const messageChanges = pull.changes.filter((ch) => ch.entity === "message");
    expect(messageChanges.filter((ch) => ch.op === "upsert")).toHaveLength(3);
    expect(messageChanges.filter((ch) => ch.op === "delete").map((ch) => ch.id)).toEqual([sent[0]?.id]);
  });

  it("sends through sync push too (message.send), queued offline", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    const res = await call("/api/v1/sync/push", {
      token: patient.accessToken,
      body: {
        clientId: "phone",
        operations: [
          {
            opId: crypto.randomUUID(),
            type: "message.send",
            at: new Date(Date.now() - 3600_000).toISOString(),
            payload: { recipientId: therapist.user.id, body: "Written on the train" },
          },
        ],
      },
    });
    expect((await json<{ results: { status: string }[] }>(res)).results[0]?.status).toBe("applied");
    const inbox = await json<{ items: { lastMessage: MessageView }[] }>(
      await call("/api/v1/messages", { token: therapist.accessToken }),
    );
    expect(inbox.items[0]?.lastMessage.body).toBe("Written on the train");
  });

  it("searches only my own messages, treating FTS and SQL metacharacters as plain text", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    const other = await register();
    const tag = `zq${crypto.randomUUID().slice(0, 6)}`;
    await send(patient, therapist.user.id, `Feeling better about ${tag} today`);
    await send(other, therapist.user.id, `Someone else's ${tag}`);
    const found = await json<{ items: MessageView[] }>(
      await call(`/api/v1/messages/search?q=${encodeURIComponent(tag)}`, { token: patient.accessToken }),
    );
    expect(found.items.map((m) => m.body)).toEqual([`Feeling better about ${tag} today`]);
    for (const q of [`${tag}*`, `"${tag}`, `${tag} OR x`, `body:${tag}`, `') OR 1=1 --`, "NEAR(a b)", "^", "%_"]) {
      const res = await call(`/api/v1/messages/search?q=${encodeURIComponent(q)}`, { token: patient.accessToken });
      expect(res.status, q).toBe(200);
      const { items } = await json<{ items: MessageView[] }>(res);
      expect(
        items.every((m) => m.senderId === patient.user.id || m.recipientId === patient.user.id),
        q,
      ).toBe(true);
    }
  });
});
