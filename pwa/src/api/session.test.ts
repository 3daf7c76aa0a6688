/**
 * Issue 13 item 7, the session module in Node: a revocation seen at refresh or on any call forgets
 * the device's data before the session ends; an expiry does not; opening offline is capped at the
 * refresh token's idle lifetime since the last authenticated answer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { REFRESH_IDLE_SECONDS } from "../../../shared/limits";
import type { PublicUser } from "../../../shared/schemas/auth";

const user = { id: "u1", email: "p@example.org", displayName: "P" } as unknown as PublicUser;
const DAY = 24 * 60 * 60 * 1000;
let store: Map<string, string>;

beforeEach(() => {
  store = new Map([["haven.signedIn", "1"]]);
  vi.stubGlobal("navigator", {});
  vi.stubGlobal("localStorage", {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, String(v)),
    removeItem: (k: string) => store.delete(k),
  });
  vi.resetModules();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const refused = (status: number, code: string) =>
  new Response(JSON.stringify({ error: { code, message: code, requestId: "r" } }), {
    status,
    headers: { "Content-Type": "application/json" },
  });

async function load() {
  const session = await import("./session");
  const events: [string | null, string | null][] = [];
  const order: string[] = [];
  session.onSessionChange((u, why) => {
    events.push([u?.id ?? null, why]);
    order.push(`session:${why}`);
  });
  const forget = vi.fn(async (why: string) => {
    order.push(`forget:${why}`);
  });
  session.onRevocation(forget);
  return { session, events, order, forget };
}

describe("opening offline", () => {
  it("opens on the cached user within the idle lifetime of the last server contact", async () => {
    store.set("haven.lastContact", String(Date.now() - 6 * DAY));
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("offline")));
    const { session, events } = await load();
    await session.resumeSession(async () => user);
    expect(events).toEqual([["u1", null]]);
  });

  it("past it, shows the signed-out screen (data kept, cookie tried again later)", async () => {
    store.set("haven.lastContact", String(Date.now() - REFRESH_IDLE_SECONDS * 1000 - 60_000));
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("offline")));
    const { session, events, forget } = await load();
    await session.resumeSession(async () => user);
    expect(events).toEqual([[null, "OFFLINE_TOO_LONG"]]);
    expect(forget).not.toHaveBeenCalled();
    expect(store.get("haven.signedIn")).toBe("1");
  });

  it("a successful refresh records the contact", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(new Response(JSON.stringify({ accessToken: "t", user }), { status: 200 })),
    );
    const { session, events } = await load();
    const before = Date.now();
    await session.resumeSession(async () => null);
    expect(events).toEqual([["u1", null]]);
    expect(Number(store.get("haven.lastContact"))).toBeGreaterThanOrEqual(before);
  });
});

describe("a revocation", () => {
  it("at refresh: the data is forgotten first, then the session ends saying why", async () => {
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(refused(401, "DEVICE_SIGNED_OUT")));
    const { session, order, forget } = await load();
    await session.resumeSession(async () => user);
    expect(forget).toHaveBeenCalledWith("DEVICE_SIGNED_OUT");
    expect(order).toEqual(["forget:DEVICE_SIGNED_OUT", "session:DEVICE_SIGNED_OUT"]);
    expect(store.has("haven.signedIn")).toBe(false);
  });

  it("on any API call (a disabled account answers 403)", async () => {
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(refused(403, "ACCOUNT_DISABLED")));
    const { session, order } = await load();
    session.signedIn("token", user);
    const res = await session.api.me.$get();
    expect(res.status).toBe(403);
    expect(order).toEqual(["session:null", "forget:ACCOUNT_DISABLED", "session:ACCOUNT_DISABLED"]);
  });

  it("an expiry is not one: the data stays", async () => {
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(refused(401, "REFRESH_INVALID")));
    const { session, events, forget } = await load();
    await session.resumeSession(async () => user);
    expect(forget).not.toHaveBeenCalled();
    expect(events).toEqual([[null, "REFRESH_INVALID"]]);
  });
});
