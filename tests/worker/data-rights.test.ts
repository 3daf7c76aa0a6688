import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { assign, call, createUserAndLogin, errorOf, PASSWORD, patientWithHabit } from "./helpers";

describe("my data: export", () => {
  it("exports all my data as JSON, and never a clinical note about me", async () => {
    const p = await patientWithHabit();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, p.user.id);
    await call("/api/v1/moods", { token: p.accessToken, body: { mood: 6, sleepQuality: 7, note: "walked, slept" } });
    await call(`/api/v1/habits/${p.habitId}/completions`, { token: p.accessToken, body: {} });
    await call(`/api/v1/staff/patients/${p.user.id}/notes`, {
      token: clinician.accessToken,
      body: { body: "Clinician-only observation" },
    });
    const res = await call("/api/v1/me/export", { token: p.accessToken });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain("haven-export.json");
    const text = await res.text();
    const body = JSON.parse(text) as Record<string, unknown[]>;
    expect(body.habits).toHaveLength(1);
    expect(body.moods).toHaveLength(1);
    expect(body.completions).toHaveLength(1);
    expect(text).not.toContain("Clinician-only observation");
    expect(text).not.toContain("password");
  });

  it("exports my check-ins as CSV with formulas defused", async () => {
    const p = await patientWithHabit();
    await call("/api/v1/moods", {
      token: p.accessToken,
      body: { mood: 5, sleepQuality: 4, note: '=HYPERLINK("x"), "ok"' },
    });
    const res = await call("/api/v1/me/export/check-ins.csv", { token: p.accessToken });
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("at,local_day,mood,sleep_quality,sleep_hours,note,tags");
    expect(lines[1]).toContain(`"'=HYPERLINK(""x""), ""ok"""`);
  });
});

describe("my data: deleting my account", () => {
  it("needs my password, then removes my data and leaves only de-identified audit events", async () => {
    const p = await patientWithHabit();
    await call("/api/v1/moods", { token: p.accessToken, body: { mood: 6, sleepQuality: 7 } });
    const wrong = await call("/api/v1/me", {
      method: "DELETE",
      token: p.accessToken,
      body: { password: "not it at all" },
    });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe("REAUTH_FAILED");
    const res = await call("/api/v1/me", { method: "DELETE", token: p.accessToken, body: { password: PASSWORD } });
    expect(res.status).toBe(204);
    for (const table of [
      "users WHERE id",
      "habits WHERE user_id",
      "moods WHERE user_id",
      "sessions WHERE user_id",
      "changes WHERE user_id",
      "ops WHERE user_id",
    ]) {
      const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} = ?`).bind(p.user.id).first<{ n: number }>();
      expect(row?.n, table).toBe(0);
    }
    const identified = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE user_id = ?1 OR target LIKE '%' || ?1 || '%'",
    )
      .bind(p.user.id)
      .first<{ n: number }>();
    expect(identified?.n).toBe(0);
    const kept = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'me.delete' AND outcome = 'success'",
    ).first<{ n: number }>();
    expect(kept?.n).toBeGreaterThan(0);
    expect((await call("/api/v1/me", { token: p.accessToken })).status).toBe(401);
  });

  it("keeps the audit log append-only: identity goes only by pseudonymising a deleted account (issue 13, item 2)", async () => {
    await patientWithHabit();
    await expect(env.DB.prepare("UPDATE audit_events SET action = 'x'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("UPDATE audit_events SET user_id = NULL").run()).rejects.toThrow(/append-only/);
    // Erasing who acted is no longer allowed while the actor's account exists (it was before).
    await expect(
      env.DB.prepare(
        "UPDATE audit_events SET user_id = NULL, ip_hash = NULL WHERE id = (SELECT max(id) FROM audit_events)",
      ).run(),
    ).rejects.toThrow(/append-only/);
  });
});
