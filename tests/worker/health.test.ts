import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { call, errorOf } from "./helpers";

describe("GET /api/v1/health", () => {
  it("answers ok with the version and the applied migrations", async () => {
    const res = await call("/api/v1/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      version: string;
      migrations: { applied: number; latest: string };
    };
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.migrations.applied).toBe(env.TEST_MIGRATIONS.length);
    expect(body.migrations.latest).toBe(env.TEST_MIGRATIONS.at(-1)?.name);
    expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 503 DATABASE_UNAVAILABLE when D1 cannot be reached", async () => {
    const unreachable = {
      prepare() {
        throw new Error("D1_ERROR: network connection lost");
      },
    } as unknown as D1Database;
    const res = await app.request("/api/v1/health", {}, { ...env, DB: unreachable });
    expect(res.status).toBe(503);
    const error = await errorOf(res);
    expect(error.code).toBe("DATABASE_UNAVAILABLE");
    expect(error.requestId).toBe(res.headers.get("X-Request-Id"));
  });
});
