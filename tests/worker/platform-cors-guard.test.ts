import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { DEV_JWT_SECRET } from "../../shared/config-guard";
import { app } from "../../worker/app";
import { errorOf, randomIp } from "./helpers";

const DEV_ORIGIN = "http://localhost:5173";
const APP_ORIGIN = "https://app.example.org";

/** 48 random base64url characters: what `openssl rand -base64 36` would give a real deployment. */
function strongSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(36));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

type Overrides = Partial<Record<"ENVIRONMENT" | "JWT_SECRET" | "CORS_ORIGINS", string | undefined>>;

function request(path: string, init: RequestInit, overrides: Overrides = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("CF-Connecting-IP", randomIp());
  return Promise.resolve(app.request(path, { ...init, headers }, { ...env, ...overrides }));
}

function preflight(origin: string, overrides: Overrides = {}): Promise<Response> {
  return request(
    "/api/v1/auth/login",
    {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    },
    overrides,
  );
}

function health(overrides: Overrides = {}): Promise<Response> {
  return request("/api/v1/health", {}, overrides);
}

/** The config guard's log lines among console.error calls, parsed. */
function guardLines(spy: MockInstance<typeof console.error>): { raw: string; entry: Record<string, unknown> }[] {
  return spy.mock.calls
    .map((args) => String(args[0]))
    .filter((raw) => raw.includes("config_guard_refused"))
    .map((raw) => ({ raw, entry: JSON.parse(raw) as Record<string, unknown> }));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("CORS", () => {
  it("in development, answers a preflight from a configured dev origin with its origin and credentials", async () => {
    const res = await preflight(DEV_ORIGIN, { CORS_ORIGINS: DEV_ORIGIN });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(DEV_ORIGIN);
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBe("true");
    expect(res.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect((res.headers.get("Access-Control-Allow-Headers") ?? "").toLowerCase()).toContain("content-type");
  });

  // Issue 13, item 14: any page on any local port (another dev server, a malicious local app) is
  // same-site with the Worker, so the refresh cookie goes with its requests; allowing it with
  // credentials would hand it access tokens. Development allows only what CORS_ORIGINS lists.
  it.each(["http://localhost:5173", "http://localhost:3000", "http://127.0.0.1:8787", "https://localhost"])(
    "in development, gives an unlisted local origin (%s) no Access-Control-Allow-Origin",
    async (origin) => {
      expect(env.ENVIRONMENT).toBe("development");
      for (const configured of ["", "http://localhost:5174"]) {
        const res = await preflight(origin, { CORS_ORIGINS: configured });
        expect(res.headers.get("Access-Control-Allow-Origin"), configured).toBeNull();
        const get = await request("/api/v1/health", { headers: { Origin: origin } }, { CORS_ORIGINS: configured });
        expect(get.headers.get("Access-Control-Allow-Origin"), configured).toBeNull();
      }
    },
  );

  it("in development, refuses a refresh from an unlisted local origin (ORIGIN_REJECTED)", async () => {
    const res = await request("/api/v1/auth/refresh", {
      method: "POST",
      headers: { Origin: "http://localhost:3000", Cookie: "haven_refresh=x" },
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("ORIGIN_REJECTED");
  });

  it("in development, gives a preflight from another site no Access-Control-Allow-Origin", async () => {
    const res = await preflight("https://evil.example");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("does not treat a look-alike host such as localhost.evil.example as local", async () => {
    const res = await preflight("http://localhost.evil.example");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("in development, echoes an allowed origin on an actual request and exposes X-Request-Id", async () => {
    const res = await request("/api/v1/health", { headers: { Origin: DEV_ORIGIN } }, { CORS_ORIGINS: DEV_ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(DEV_ORIGIN);
    expect(res.headers.get("Access-Control-Expose-Headers")).toContain("X-Request-Id");
  });

  it("in production, allows a configured origin", async () => {
    const prod = { ENVIRONMENT: "production", JWT_SECRET: strongSecret(), CORS_ORIGINS: APP_ORIGIN };
    const res = await preflight(APP_ORIGIN, prod);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(APP_ORIGIN);
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBe("true");

    const get = await request("/api/v1/health", { headers: { Origin: APP_ORIGIN } }, prod);
    expect(get.status).toBe(200);
    expect(get.headers.get("Access-Control-Allow-Origin")).toBe(APP_ORIGIN);
  });

  it("in production, refuses the localhost dev origin", async () => {
    const prod = { ENVIRONMENT: "production", JWT_SECRET: strongSecret(), CORS_ORIGINS: APP_ORIGIN };
    const res = await preflight(DEV_ORIGIN, prod);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();

    const get = await request("/api/v1/health", { headers: { Origin: DEV_ORIGIN } }, prod);
    expect(get.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("the deployment config guard", () => {
  const refusals: { name: string; overrides: Overrides; key: string; secret?: string }[] = [
    { name: "no JWT_SECRET", overrides: { JWT_SECRET: undefined }, key: "JWT_SECRET" },
    {
      name: "the local development JWT_SECRET",
      overrides: { JWT_SECRET: DEV_JWT_SECRET },
      key: "JWT_SECRET",
      secret: DEV_JWT_SECRET,
    },
    {
      name: "a 20-character JWT_SECRET",
      overrides: { JWT_SECRET: "Xk9pQ2mW7vL4tR8nB3zY" },
      key: "JWT_SECRET",
      secret: "Xk9pQ2mW7vL4tR8nB3zY",
    },
    { name: "a wildcard CORS_ORIGINS", overrides: { CORS_ORIGINS: "*" }, key: "CORS_ORIGINS" },
  ];

  it.each(refusals)("in production, refuses to serve with $name (503 SERVICE_MISCONFIGURED)", async (c) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const strong = strongSecret();
    const res = await health({ ENVIRONMENT: "production", JWT_SECRET: strong, CORS_ORIGINS: "", ...c.overrides });
    expect(res.status).toBe(503);
    const text = await res.text();
    const error = await errorOf(new Response(text));
    expect(error.code).toBe("SERVICE_MISCONFIGURED");
    // The client learns only that the service is misconfigured, not which setting.
    expect(text).not.toContain(c.key);

    const lines = guardLines(logged);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?.entry).toMatchObject({ level: "error", event: "config_guard_refused", requestId: error.requestId });
    expect(JSON.stringify(line?.entry.problems)).toContain(c.key);
    // Names of settings only, never their values.
    expect(line?.raw).not.toContain(strong);
    if (c.secret) expect(line?.raw).not.toContain(c.secret);
  });

  it("in production, serves with a strong secret and https origins", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await health({
      ENVIRONMENT: "production",
      JWT_SECRET: strongSecret(),
      CORS_ORIGINS: `${APP_ORIGIN}, https://admin.example.org`,
    });
    expect(res.status).toBe(200);
    expect(guardLines(logged)).toHaveLength(0);
  });

  it("guards staging too: a weak secret is refused and a strong one serves", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const weak = await health({ ENVIRONMENT: "staging", JWT_SECRET: DEV_JWT_SECRET });
    expect(weak.status).toBe(503);
    expect((await errorOf(weak)).code).toBe("SERVICE_MISCONFIGURED");

    const strong = await health({ ENVIRONMENT: "staging", JWT_SECRET: strongSecret(), CORS_ORIGINS: "" });
    expect(strong.status).toBe(200);
  });

  it.each(["prod", "Production", ""])("refuses an unknown ENVIRONMENT %j even with a strong secret", async (name) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await health({ ENVIRONMENT: name, JWT_SECRET: strongSecret(), CORS_ORIGINS: APP_ORIGIN });
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe("SERVICE_MISCONFIGURED");
    expect(JSON.stringify(guardLines(logged)[0]?.entry.problems)).toContain("ENVIRONMENT");
  });

  it("in production, refuses a non-https CORS origin", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await health({
      ENVIRONMENT: "production",
      JWT_SECRET: strongSecret(),
      CORS_ORIGINS: "http://app.example.org",
    });
    expect(res.status).toBe(503);
  });

  it("lets development run with the shipped local secret", async () => {
    const res = await health({ ENVIRONMENT: "development", JWT_SECRET: DEV_JWT_SECRET });
    expect(res.status).toBe(200);
  });
});
