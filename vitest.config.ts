import { generateKeyPairSync, randomBytes } from "node:crypto";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * A fresh FHIR signing key per run (as `npm start` makes one for .dev.vars). Its kid is not
 * "dev-…", so tests that switch ENVIRONMENT to production keep a key the config guard accepts.
 */
function testSigningKey(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid: `test-${randomBytes(6).toString("hex")}` });
}

/** The browser tests that depend on the hour of the day, run again at every pinned clock. */
const CLOCK_SENSITIVE_E2E = [
  "tests/e2e/journey.test.ts",
  "tests/e2e/today.test.ts",
  "tests/e2e/spirit.test.ts",
  "tests/e2e/demo-history.test.ts",
];

const e2e = {
  environment: "node",
  // One `npm start` for all files (global setup); files take turns with the browser.
  globalSetup: ["tests/e2e/global-setup.ts"],
  fileParallelism: false,
  testTimeout: 90_000,
  hookTimeout: 240_000,
};

// Projects: pure rules (shared/) and the PWA's sync engine in Node; the Worker inside workerd with real D1, KV and
// Durable Objects from wrangler.toml; and end-to-end tests of `npm start` over real HTTP and in
// real Chromium.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    test: {
      projects: [
        {
          test: {
            name: "shared",
            include: ["shared/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          // The PWA's offline engine (pwa/src/data) in Node, over fake-indexeddb and a model server.
          test: {
            name: "pwa",
            include: ["pwa/src/**/*.test.ts"],
            environment: "node",
            testTimeout: 120_000,
          },
        },
        {
          test: {
            name: "e2e",
            include: ["tests/e2e/**/*.test.ts"],
            ...e2e,
          },
        },
        // The day-sensitive browser tests again, at one pinned hour of the day: only when
        // HAVEN_TEST_CLOCK names it (tests/e2e/clock-runs.ts runs each pinned hour in turn).
        ...(process.env.HAVEN_TEST_CLOCK
          ? [{ test: { name: "e2e-clock", include: [...CLOCK_SENSITIVE_E2E], ...e2e } }]
          : []),
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  ENVIRONMENT: "development",
                  JWT_SECRET: "test-only-jwt-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                  FHIR_SIGNING_KEY: testSigningKey(),
                  VAPID_PRIVATE_KEY: testSigningKey(),
                  VAPID_SUBJECT: "mailto:tests@haven.test",
                  // No email unless a test points it at the capture server (tests/worker/setup/).
                  EMAIL_PROVIDER: "",
                  EMAIL_FROM: "",
                  EMAIL_API_URL: "",
                  TEST_MIGRATIONS: migrations,
                  // The tests stand in for Cloudflare's edge: each request carries the address the
                  // edge would set (tests/worker/helpers.ts), so per-IP limits stay per test.
                  TRUST_CF_CONNECTING_IP: "true",
                  // No model unless a test points the companion at the fake server: a developer's
                  // .dev.vars must not send test chats to a real provider.
                  COMPANION_PROVIDER: "",
                  COMPANION_BASE_URL: "",
                  COMPANION_MODEL: "",
                  COMPANION_API_KEY: "",
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["worker/**/*.test.ts", "tests/worker/**/*.test.ts"],
            setupFiles: ["tests/worker/setup/apply-migrations.ts"],
            // A real OpenAI-compatible streaming server on 127.0.0.1 for the companion tests
            // (workerd cannot listen): its URL reaches the tests through inject("fakeOpenAiUrl").
            globalSetup: [
              "tests/worker/setup/fake-openai.ts",
              "tests/worker/setup/fake-push-service.ts",
              "tests/worker/setup/fake-email.ts",
            ],
            testTimeout: 30_000,
          },
        },
      ],
    },
  };
});
