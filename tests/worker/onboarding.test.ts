import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PublicUser } from "../../shared/schemas/auth";
import { call, errorOf, json, login, refresh, register } from "./helpers";

async function me(token: string): Promise<PublicUser> {
  const res = await call("/api/v1/me", { token });
  expect(res.status).toBe(200);
  return (await json<{ user: PublicUser }>(res)).user;
}

function patch(token: string, body: unknown): Promise<Response> {
  return call("/api/v1/me", { method: "PATCH", token, body });
}

async function onboardedAt(userId: string): Promise<number | null> {
  const row = await env.DB.prepare("SELECT onboarded_at AS at FROM users WHERE id = ?")
    .bind(userId)
    .first<{ at: number | null }>();
  return row?.at ?? null;
}

describe("the first-run flow's flag (issue 19)", () => {
  it("is false for a new registration, on the register answer and GET /me", async () => {
    const r = await register();
    expect(r.user.onboarded).toBe(false);
    expect((await me(r.accessToken)).onboarded).toBe(false);
    expect(await onboardedAt(r.user.id)).toBeNull();
  });

  it("PATCH /me { onboarded: true } sets it, and every auth answer shows it after (login, refresh, /me)", async () => {
    const r = await register();
    const res = await patch(r.accessToken, { onboarded: true });
    expect(res.status).toBe(200);
    expect((await json<{ user: PublicUser }>(res)).user.onboarded).toBe(true);
    expect((await me(r.accessToken)).onboarded).toBe(true);
    const again = await login(r.email, r.password);
    expect(again.user.onboarded).toBe(true);
    const refreshed = await refresh(again.cookie);
    expect(refreshed.status).toBe(200);
    expect((await json<{ user: PublicUser }>(refreshed)).user.onboarded).toBe(true);
  });

  it("keeps the first moment when another device ends the flow again, and leaves the rest of the profile alone", async () => {
    const r = await register();
    await patch(r.accessToken, { onboarded: true });
    const first = await onboardedAt(r.user.id);
    expect(first).toEqual(expect.any(Number));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await patch(r.accessToken, { onboarded: true });
    expect(second.status).toBe(200);
    expect(await onboardedAt(r.user.id)).toBe(first);
    const user = (await json<{ user: PublicUser }>(second)).user;
    expect(user).toMatchObject({ displayName: "Test Patient", consent: { companion: false, research: false } });
  });

  it("is set together with the companion consent in one request", async () => {
    const r = await register();
    const res = await patch(r.accessToken, { onboarded: true, consent: { companion: true } });
    expect((await json<{ user: PublicUser }>(res)).user).toMatchObject({
      onboarded: true,
      consent: { companion: true, research: false },
    });
  });

  it("cannot be set back to false (only `true` is accepted)", async () => {
    const r = await register();
    await patch(r.accessToken, { onboarded: true });
    const res = await patch(r.accessToken, { onboarded: false });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
    expect((await me(r.accessToken)).onboarded).toBe(true);
  });
});
