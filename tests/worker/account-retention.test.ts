/**
 * Deleting an account pseudonymises the deleted subject only (issue 13, item 2): other people's
 * audit rows keep their actor, staff and admin accounts are deactivated by an admin (never
 * self-deleted, never the last admin), clinical notes outlive their author's account and message
 * threads stay in the other person's inbox.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { assign, call, createUserAndLogin, errorOf, json, PASSWORD, type Registered, register } from "./helpers";

interface AuditRow {
  id: number;
  user_id: string | null;
  role: string | null;
  action: string;
  target: string | null;
  ip_hash: string | null;
}

async function auditRows(where: string, ...binds: unknown[]): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, user_id, role, action, target, ip_hash FROM audit_events WHERE ${where} ORDER BY id`,
  )
    .bind(...binds)
    .all<AuditRow>();
  return results;
}

const deleteMe = (r: Registered, body: Record<string, unknown> = { password: PASSWORD }) =>
  call("/api/v1/me", { method: "DELETE", token: r.accessToken, body });

describe("deleting a patient's account", () => {
  it("pseudonymises the patient with one keyed tombstone and leaves staff actions attributed to the staff", async () => {
    const patient = await register();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, patient.user.id);
    // A failed sign-in names the patient (user id, and the email's hash as target).
    expect(
      (await call("/api/v1/auth/login", { body: { email: patient.email, password: "wrong password!" } })).status,
    ).toBe(401);
    expect((await call(`/api/v1/staff/patients/${patient.user.id}`, { token: clinician.accessToken })).status).toBe(
      200,
    );
    expect(
      (await call(`/api/v1/staff/patients/${patient.user.id}/fhir`, { token: clinician.accessToken })).status,
    ).toBe(200);
    const staffRowsBefore = await auditRows(
      "user_id = ? AND target LIKE '%' || ? || '%'",
      clinician.user.id,
      patient.user.id,
    );
    expect(staffRowsBefore.map((r) => r.action)).toEqual(expect.arrayContaining(["staff.patient.view", "fhir.export"]));
    const ownRowsBefore = await auditRows("user_id = ?", patient.user.id);
    expect(ownRowsBefore.length).toBeGreaterThan(0);

    expect((await deleteMe(patient)).status).toBe(204);

    // The staff's own actions keep their actor, role and IP hash; only the subject is replaced.
    const staffRowsAfter = await auditRows(
      `id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(staffRowsBefore.map((r) => r.id)),
    );
    expect(staffRowsAfter).toHaveLength(staffRowsBefore.length);
    for (const [i, row] of staffRowsAfter.entries()) {
      const before = staffRowsBefore[i] as AuditRow;
      expect(row.user_id, row.action).toBe(clinician.user.id);
      expect(row.role).toBe(before.role);
      expect(row.ip_hash).toBe(before.ip_hash);
      expect(row.target).not.toContain(patient.user.id);
    }
    // The patient's own rows, and the targets that named them, all carry one and the same tombstone.
    const ownRowsAfter = await auditRows(
      `id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(ownRowsBefore.map((r) => r.id)),
    );
    const tombstone = ownRowsAfter[0]?.user_id ?? "";
    expect(tombstone).toMatch(/^deleted:[0-9a-f]{32}$/);
    for (const row of ownRowsAfter) {
      expect(row.user_id).toBe(tombstone);
      expect(row.ip_hash).toBeNull();
    }
    for (const row of staffRowsAfter) expect(row.target).toContain(tombstone);
    // The failed sign-in's email hash is the tombstone too, and the deletion is recorded under it.
    const failedLogin = ownRowsAfter.find((r) => r.action === "auth.login" && r.target !== null);
    expect(failedLogin?.target).toBe(tombstone);
    expect(await auditRows("action = 'me.delete' AND outcome = 'success' AND user_id = ?", tombstone)).toHaveLength(1);
    // Nothing in the log names the patient any more.
    expect(await auditRows("user_id = ?1 OR target LIKE '%' || ?1 || '%'", patient.user.id)).toEqual([]);
  });

  it("keeps the thread in the staff member's inbox, with the patient shown as a deleted account", async () => {
    const patient = await register();
    const therapist = await createUserAndLogin("therapist");
    await assign(therapist.user.id, patient.user.id);
    const sent = await call("/api/v1/messages", {
      token: therapist.accessToken,
      body: { recipientId: patient.user.id, body: "How was the week?" },
    });
    expect(sent.status).toBe(201);
    const reply = await call("/api/v1/messages", {
      token: patient.accessToken,
      body: { recipientId: therapist.user.id, body: "Better, thank you." },
    });
    expect(reply.status).toBe(201);
    const { message } = await json<{ message: { id: string } }>(reply);

    expect((await deleteMe(patient)).status).toBe(204);

    const inbox = await json<{ items: { with: { id: string; displayName: string }; unread: number }[] }>(
      await call("/api/v1/messages", { token: therapist.accessToken }),
    );
    const thread = inbox.items.find((i) => i.with.id === patient.user.id);
    expect(thread?.with.displayName).toBe("Deleted account");
    const conversation = await json<{ items: { body: string }[] }>(
      await call(`/api/v1/messages/with/${patient.user.id}`, { token: therapist.accessToken }),
    );
    expect(conversation.items.map((m) => m.body)).toEqual(["Better, thank you.", "How was the week?"]);
    // Reading the deleted patient's message still works; writing to them is "not found".
    expect(
      (await call(`/api/v1/messages/${message.id}/read`, { method: "POST", token: therapist.accessToken })).status,
    ).toBe(200);
    const again = await call("/api/v1/messages", {
      token: therapist.accessToken,
      body: { recipientId: patient.user.id, body: "Are you there?" },
    });
    expect((await errorOf(again)).code).toBe("NOT_FOUND");
  });
});

describe("staff and admin accounts", () => {
  it("cannot delete themselves: 403 STAFF_DEACTIVATION_REQUIRED, and nothing changes", async () => {
    for (const role of ["therapist", "clinician", "admin"] as const) {
      const staff = await createUserAndLogin(role);
      const before = await auditRows("user_id = ?", staff.user.id);
      const res = await deleteMe(staff);
      expect(res.status, role).toBe(403);
      expect((await errorOf(res)).code).toBe("STAFF_DEACTIVATION_REQUIRED");
      expect((await call("/api/v1/me", { token: staff.accessToken })).status).toBe(200);
      const after = await auditRows("user_id = ?", staff.user.id);
      expect(after.slice(0, before.length)).toEqual(before);
    }
  });

  it("keeps a clinician's notes when the author's account row is gone", async () => {
    const patient = await register();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, patient.user.id);
    const res = await call(`/api/v1/staff/patients/${patient.user.id}/notes`, {
      token: clinician.accessToken,
      body: { body: "Reviewed the safety plan together." },
    });
    expect(res.status).toBe(201);
    const { note } = await json<{ note: { id: string } }>(res);
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(clinician.user.id).run();
    const kept = await env.DB.prepare("SELECT author_id, body FROM clinical_notes WHERE id = ?")
      .bind(note.id)
      .first<{ author_id: string; body: string }>();
    expect(kept).toEqual({ author_id: clinician.user.id, body: "Reviewed the safety plan together." });
  });

  it("never lets the last active admin go: the database refuses it, and two admins disabling each other leave one", async () => {
    const a = await createUserAndLogin("admin");
    const b = await createUserAndLogin("admin");
    const { results: others } = await env.DB.prepare(
      "SELECT id FROM users WHERE role = 'admin' AND status = 'active' AND id NOT IN (?, ?)",
    )
      .bind(a.user.id, b.user.id)
      .all<{ id: string }>();
    const othersJson = JSON.stringify(others.map((o) => o.id));
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id IN (SELECT value FROM json_each(?))")
      .bind(othersJson)
      .run();
    try {
      const [ab, ba] = await Promise.all([
        call(`/api/v1/admin/users/${b.user.id}`, {
          method: "PATCH",
          token: a.accessToken,
          body: { status: "disabled" },
        }),
        call(`/api/v1/admin/users/${a.user.id}`, {
          method: "PATCH",
          token: b.accessToken,
          body: { status: "disabled" },
        }),
      ]);
      const statuses = [ab.status, ba.status].sort();
      expect(statuses[0]).toBe(200);
      const loser = ab.status === 200 ? ba : ab;
      expect([401, 409]).toContain(loser.status);
      if (loser.status === 409) expect((await errorOf(loser)).code).toBe("LAST_ADMIN");
      const active = await env.DB.prepare(
        "SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'",
      ).first<{ n: number }>();
      expect(active?.n).toBe(1);
      const last = ab.status === 200 ? a : b;
      await expect(
        env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(last.user.id).run(),
      ).rejects.toThrow(/last active admin/);
      await expect(env.DB.prepare("DELETE FROM users WHERE id = ?").bind(last.user.id).run()).rejects.toThrow(
        /last active admin/,
      );
    } finally {
      await env.DB.prepare("UPDATE users SET status = 'active' WHERE id IN (SELECT value FROM json_each(?))")
        .bind(othersJson)
        .run();
    }
  });
});

describe("the audit log's append-only guard", () => {
  it("refuses any change to a row whose actor still has an account", async () => {
    const clinician = await createUserAndLogin("clinician");
    const [row] = await auditRows("user_id = ?", clinician.user.id);
    expect(row).toBeDefined();
    const id = row?.id ?? 0;
    for (const change of [
      "user_id = NULL",
      "user_id = 'deleted:00000000000000000000000000000000'",
      "ip_hash = NULL",
      "action = 'x'",
    ]) {
      await expect(
        env.DB.prepare(`UPDATE audit_events SET ${change} WHERE id = ?`).bind(id).run(),
        change,
      ).rejects.toThrow(/append-only/);
    }
    await expect(env.DB.prepare("DELETE FROM audit_events WHERE id = ?").bind(id).run()).rejects.toThrow(/append-only/);
  });
});
