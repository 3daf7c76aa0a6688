import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { call } from "./helpers";

const ONE_YEAR_SECONDS = 31_536_000;

/** One request per kind of answer: success, each error class, and errors raised before any route. */
const CASES: { name: string; status: number; send: () => Promise<Response> }[] = [
  { name: "200 from GET /api/v1/health", status: 200, send: () => call("/api/v1/health") },
  { name: "404 for an unknown route", status: 404, send: () => call("/api/v1/no-such-thing") },
  { name: "401 from GET /api/v1/me without a token", status: 401, send: () => call("/api/v1/me") },
  { name: "400 for malformed JSON", status: 400, send: () => call("/api/v1/auth/login", { body: "{" }) },
  { name: "405 for a wrong method", status: 405, send: () => call("/api/v1/health", { method: "DELETE" }) },
  {
    name: "415 for a non-JSON body",
    status: 415,
    send: () => call("/api/v1/auth/login", { body: "x", headers: { "Content-Type": "text/plain" } }),
  },
  {
    name: "503 from the config guard",
    status: 503,
    send: async () => app.request("/api/v1/health", {}, { ...env, ENVIRONMENT: "production", JWT_SECRET: "" }),
  },
];

describe("security headers on every API response", () => {
  it.each(CASES)("$name carries the full set", async ({ status, send }) => {
    const res = await send();
    expect(res.status).toBe(status);
    const h = res.headers;

    expect(h.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(h.get("Content-Security-Policy")).toContain("default-src 'none'");

    const hsts = h.get("Strict-Transport-Security") ?? "";
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? "0");
    expect(maxAge).toBeGreaterThanOrEqual(ONE_YEAR_SECONDS);
    expect(hsts).toMatch(/includeSubDomains/i);

    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("Referrer-Policy")).toBeTruthy();
    expect(h.get("Permissions-Policy")).toBeTruthy();
    expect(h.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
    expect(h.get("Cache-Control")).toBe("no-store");
    expect(h.get("Content-Type")).toMatch(/^application\/json/);
    expect(h.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends Referrer-Policy no-referrer and switches off camera, microphone and geolocation", async () => {
    const res = await call("/api/v1/health");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    const permissions = res.headers.get("Permissions-Policy") ?? "";
    for (const feature of ["camera", "microphone", "geolocation"]) expect(permissions).toContain(`${feature}=()`);
  });
});
