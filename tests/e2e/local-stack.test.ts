/**
 * The newcomer's path, for real: `npm start` (migrations, demo seed, PWA build, wrangler dev on
 * 127.0.0.1) in a throwaway state directory, then HTTP against it. Also the operator scripts
 * that work on that local state: the predeploy check and admin creation.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET } from "../../worker/scripts/demo-data";
import { ROOT, run } from "../../worker/scripts/lib";
import { stackNow } from "./stack-clock";
import { demoStaffCode, demoStaffToken } from "./staff-sign-in";

const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");
// The stack the e2e global setup started with `npm start` (tests/e2e/global-setup.ts).
const stateDir = inject("stateDir");
const base = inject("base");
const output = inject("startOutput");

/** A private EC P-256 JWK with `kid`, as FHIR_SIGNING_KEY holds it. */
function signingKey(kid: string): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid });
}

/** Runs one of the project's scripts against the throwaway state; resolves with its exit code and output. */
async function script(file: string, args: string[], env: Record<string, string> = {}) {
  try {
    const out = await run(process.execPath, [TSX, file, ...args], {
      capture: true,
      env: { HAVEN_STATE_DIR: stateDir, ...env },
    });
    return { code: 0, out };
  } catch (err) {
    return { code: 1, out: String(err) };
  }
}

describe("npm start", () => {
  it("prints the URL and every demo login with the demo password", () => {
    expect(output).toContain(`Haven is running at ${base}`);
    expect(output).toContain(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) expect(output).toContain(account.email);
  });

  it("serves /api/v1/health with the applied migrations", async () => {
    const res = await fetch(`${base}/api/v1/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; migrations: { applied: number } };
    expect(body.status).toBe("ok");
    expect(body.migrations.applied).toBeGreaterThanOrEqual(1);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("prints how demo staff get their two-factor code", () => {
    expect(output).toContain("npm run demo:code");
    expect(output).toContain(DEMO_STAFF_TOTP_SECRET);
  });

  it("lets every demo account sign in with the demo password, staff with the demo code too", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: account.email, password: DEMO_PASSWORD }),
      });
      expect(res.status, account.email).toBe(200);
      const body = (await res.json()) as { user?: { role: string }; mfaRequired?: boolean };
      if (account.role === "patient") {
        expect(body.user?.role).toBe(account.role);
        continue;
      }
      // Staff must use two-factor sign-in: the demo seed gives them the published key.
      expect(body.mfaRequired, account.email).toBe(true);
      const token = await demoStaffToken(base, account.email, DEMO_PASSWORD);
      const me = await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(((await me.json()) as { user: { role: string; mfaEnabled: boolean } }).user).toMatchObject({
        role: account.role,
        mfaEnabled: true,
      });
    }
  });

  it("prints a demo code the running stack accepts", async () => {
    const { code, out } = await script("worker/scripts/demo-code.ts", ["--at", new Date(stackNow()).toISOString()]);
    expect(code).toBe(0);
    const printed = /code \([^)]*\): (\d{6})/.exec(out)?.[1];
    expect(printed).toMatch(/^\d{6}$/);
    expect([await demoStaffCode(0), await demoStaffCode(-1), await demoStaffCode(1)]).toContain(printed);
  });

  // The demo patients' history itself: demo-history.test.ts (also run at every pinned clock).

  it("shows the demo clinician both demo patients with their history", async () => {
    const accessToken = await demoStaffToken(base, "clinician@demo.haven", DEMO_PASSWORD);
    const res = await fetch(`${base}/api/v1/staff/patients`, { headers: { Authorization: `Bearer ${accessToken}` } });
    const { items } = (await res.json()) as { items: { displayName: string; moodAverage7d: number | null }[] };
    // The e2e global setup assigns its own test patients too; the demo ones are what matter here.
    const demo = items.filter((p) => ["Priya Patel", "Sam Rivera"].includes(p.displayName));
    expect(demo.map((p) => p.displayName).sort()).toEqual(["Priya Patel", "Sam Rivera"]);
    expect(demo.every((p) => p.moodAverage7d !== null)).toBe(true);
  });

  it("serves the PWA shell same-origin with the static security headers from _headers", async () => {
    for (const path of ["/", "/some/deep/link"]) {
      const res = await fetch(`${base}${path}`, { headers: { Accept: "text/html" } });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<div id="app">');
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(
        Number(/max-age=(\d+)/.exec(res.headers.get("strict-transport-security") ?? "")?.[1]),
      ).toBeGreaterThanOrEqual(31_536_000);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    }
  });

  it("builds and serves the PWA without source maps (issue 13, item 14)", async () => {
    // npm start ran the same `vite build` as `npm run deploy` into pwa/dist.
    const dist = join(ROOT, "pwa/dist");
    const files = (await readdir(dist, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
    const paths = files.map((f) => join(f.parentPath, f.name));
    expect(paths.filter((p) => p.endsWith(".map"))).toEqual([]);
    const scripts = paths.filter((p) => /\.(?:js|mjs|css|html)$/.test(p));
    expect(scripts.length).toBeGreaterThan(3);
    for (const path of scripts) expect(await readFile(path, "utf8"), path).not.toMatch(/sourceMappingURL/);
    // Nor served: the service worker's and a chunk's would-be maps are not source maps.
    const html = await (await fetch(`${base}/`)).text();
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    for (const path of ["/sw.js.map", `${entry}.map`]) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text(), path).not.toMatch(/"mappings"\s*:/);
    }
  });

  it("answers unknown API paths from the Worker, not the SPA fallback", async () => {
    const res = await fetch(`${base}/api/v1/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  });

  it("seeds idempotently: running the seed again changes no account and no history", async () => {
    const counts = async () => {
      const out = await run(
        process.execPath,
        [
          join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
          "d1",
          "execute",
          "DB",
          "--local",
          "--persist-to",
          stateDir,
          "--json",
          "--command",
          "SELECT (SELECT count(*) FROM users WHERE email LIKE '%@demo.haven') AS users, (SELECT count(*) FROM rewards) AS rewards, (SELECT count(*) FROM habit_completions) AS completions, (SELECT sum(xp) FROM progress) AS xp",
        ],
        { capture: true, env: { CI: "true" } },
      );
      return (JSON.parse(out) as { results: Record<string, number>[] }[])[0]?.results[0];
    };
    const before = await counts();
    expect(before?.users).toBe(DEMO_ACCOUNTS.length);
    expect(before?.completions).toBeGreaterThan(20);
    expect((await script("worker/scripts/seed.ts", [])).code).toBe(0);
    expect(await counts()).toEqual(before);
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      // Not a demo patient: the browser tests sign those in often enough (5 a minute per account).
      body: JSON.stringify({ email: "therapist@demo.haven", password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
  });
});

describe("operator scripts on the local state", () => {
  it("the predeploy check refuses the demo accounts, the development secrets and placeholder ids", async () => {
    // A signing key like the one npm start generates into .dev.vars (kid "dev-…").
    const devKey = signingKey("dev-0f1e2d3c4b5a6978");
    const { code, out } = await script("worker/scripts/predeploy-check.ts", ["--env", "production", "--local"], {
      JWT_SECRET: "dev-only-insecure-jwt-secret-change-me-0000000000",
      FHIR_SIGNING_KEY: devKey,
    });
    expect(code).toBe(1);
    expect(out).toContain("JWT_SECRET is the local development default");
    expect(out).toContain("FHIR_SIGNING_KEY is a local development key");
    expect(out).not.toContain(devKey);
    // No Web Push key given, and wrangler.toml's contact is the .invalid placeholder.
    expect(out).toContain("VAPID_PRIVATE_KEY is missing");
    expect(out).toContain("VAPID_SUBJECT is the shipped placeholder");
    const missing = await script("worker/scripts/predeploy-check.ts", ["--env", "production", "--skip-db"], {
      JWT_SECRET: "Zq8f3Jw0nR5tLx2bV7cYp1Hs9Ke4Md6Ua0Gi3Wo8Qz5Tn2Bf",
      FHIR_SIGNING_KEY: "",
    });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain("FHIR_SIGNING_KEY is missing");
    expect(out).toContain("admin@demo.haven");
    expect(out).toMatch(/placeholder database_id/);
  });

  it("the predeploy check passes a real-looking configuration with a clean database", async () => {
    const dir = await mkdtemp(join(tmpdir(), "haven-predeploy-"));
    try {
      const config = join(dir, "wrangler.toml");
      await writeFile(
        config,
        `name = "haven-check"
main = "${join(ROOT, "worker/index.ts")}"
compatibility_date = "2026-11-01"
[vars]
ENVIRONMENT = "production"
CORS_ORIGINS = "https://app.haven.example"
VAPID_SUBJECT = "mailto:ops@haven.example"
[[d1_databases]]
binding = "DB"
database_name = "haven-check"
database_id = "3f1c2b9e-8d4a-4c1e-9b7f-2a6d5e4c3b21"
migrations_dir = "${join(ROOT, "migrations")}"
[[kv_namespaces]]
binding = "RATE_LIMIT"
id = "9a8b7c6d5e4f30211a2b3c4d5e6f7a8b"
`,
      );
      const empty = join(dir, "state");
      await run(
        process.execPath,
        [
          join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
          "d1",
          "migrations",
          "apply",
          "DB",
          "--local",
          "--config",
          config,
          "--persist-to",
          empty,
        ],
        { capture: true, env: { CI: "true" } },
      );
      const ok = await script("worker/scripts/predeploy-check.ts", ["--env", "", "--config", config, "--local"], {
        HAVEN_STATE_DIR: empty,
        JWT_SECRET: "Zq8f3Jw0nR5tLx2bV7cYp1Hs9Ke4Md6Ua0Gi3Wo8Qz5Tn2Bf",
        FHIR_SIGNING_KEY: signingKey("fhir-2026-11"),
        VAPID_PRIVATE_KEY: signingKey("vapid-2026-11"),
      });
      expect(ok.out).toContain("Predeploy check passed.");
      expect(ok.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("admin:create makes an admin who can sign in, and refuses a weak password", async () => {
    const weak = await script("worker/scripts/create-admin.ts", ["--email", "ops@clinic.example", "--local"], {
      HAVEN_ADMIN_PASSWORD: "password1234",
    });
    expect(weak.code).toBe(1);
    expect(weak.out).toContain("common password");
    const password = "a long and private passphrase";
    const made = await script(
      "worker/scripts/create-admin.ts",
      ["--email", "Ops@Clinic.example", "--name", "Ops", "--local"],
      {
        HAVEN_ADMIN_PASSWORD: password,
      },
    );
    expect(made.out).toContain("Admin ops@clinic.example created.");
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "ops@clinic.example", password }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { role: string; mfaEnabled: boolean }; accessToken: string };
    expect(body.user).toMatchObject({ role: "admin", mfaEnabled: false });
    // A new admin's first sign-in is for setting up two-factor sign-in, and nothing else.
    const users = await fetch(`${base}/api/v1/admin/users`, {
      headers: { Authorization: `Bearer ${body.accessToken}` },
    });
    expect(users.status).toBe(403);
    expect(((await users.json()) as { error: { code: string } }).error.code).toBe("MFA_ENROLMENT_REQUIRED");
  }, 60_000);
});
