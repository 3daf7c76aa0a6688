import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES } from "../../shared/limits";
import { app } from "../../worker/app";
import { call, errorOf, ORIGIN, randomIp, uniqueEmail } from "./helpers";

const LOGIN = "/api/v1/auth/login";
const CHUNK_BYTES = 16 * 1024;

/** A login body for an address nobody registered: past the body guard it earns 401 INVALID_CREDENTIALS. */
function unknownLogin(): string {
  return JSON.stringify({ email: uniqueEmail("nobody"), password: "not the password at all" });
}

/** A valid login body padded with JSON whitespace to exactly `bytes` bytes. */
function loginOfSize(bytes: number): string {
  const json = unknownLogin();
  return `${json.slice(0, -1) + " ".repeat(bytes - json.length)}}`;
}

/** A body sent as a stream of chunks with no Content-Length, as a chunked upload or a proxy would. */
function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** The Worker's default export, as `call` reaches it (typed here as the Fetcher it is). */
const worker = (exports as unknown as { default: Fetcher }).default;

function post(body: BodyInit, headers: Record<string, string>): Promise<Response> {
  return worker.fetch(
    new Request(`${ORIGIN}${LOGIN}`, {
      method: "POST",
      body,
      headers: { "CF-Connecting-IP": randomIp(), ...headers },
    }),
  );
}

describe("request bodies", () => {
  it("refuses a text/plain body with 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await call(LOGIN, { body: unknownLogin(), headers: { "Content-Type": "text/plain" } });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses a form-encoded body with 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await call(LOGIN, {
      body: "email=a%40example.org&password=whatever",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("accepts application/json with a charset parameter", async () => {
    const res = await call(LOGIN, {
      body: unknownLogin(),
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("INVALID_CREDENTIALS");
  });

  it("accepts a +json media type such as application/vnd.api+json", async () => {
    const res = await call(LOGIN, { body: unknownLogin(), headers: { "Content-Type": "application/vnd.api+json" } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("INVALID_CREDENTIALS");
  });

  it("refuses a body declared one byte over 64 KiB with 413 PAYLOAD_TOO_LARGE", async () => {
    const body = loginOfSize(BODY_LIMIT_BYTES + 1);
    const res = await post(body, { "Content-Type": "application/json", "Content-Length": String(body.length) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses an oversized declared length without reading the body", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode("{}"));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    // Straight into the app: crossing the Worker's fetch boundary would pump the stream.
    const res = await app.request(
      LOGIN,
      {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json", "Content-Length": String(BODY_LIMIT_BYTES + 1) },
      },
      env,
    );
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled).toBe(false);
  });

  it("refuses a chunked body over 64 KiB without a Content-Length with 413 PAYLOAD_TOO_LARGE", async () => {
    const chunks = Array.from({ length: 5 }, () => new Uint8Array(CHUNK_BYTES).fill(0x20));
    const res = await post(streamOf(chunks), { "Content-Type": "application/json" });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a chunked body over 64 KiB even when it is not JSON (size is checked first)", async () => {
    const chunks = Array.from({ length: 5 }, () => new Uint8Array(CHUNK_BYTES).fill(0x61));
    const res = await post(streamOf(chunks), { "Content-Type": "text/plain" });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("accepts a chunked JSON body under the limit", async () => {
    const bytes = new TextEncoder().encode(loginOfSize(3 * CHUNK_BYTES));
    const chunks = [0, 1, 2].map((i) => bytes.slice(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
    const res = await post(streamOf(chunks), { "Content-Type": "application/json" });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("INVALID_CREDENTIALS");
  });

  it("accepts exactly 64 KiB of valid JSON with a Content-Length", async () => {
    const body = loginOfSize(BODY_LIMIT_BYTES);
    expect(new TextEncoder().encode(body).byteLength).toBe(BODY_LIMIT_BYTES);
    const res = await post(body, { "Content-Type": "application/json", "Content-Length": String(body.length) });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("INVALID_CREDENTIALS");
  });

  it("accepts exactly 64 KiB of valid JSON streamed without a Content-Length", async () => {
    const bytes = new TextEncoder().encode(loginOfSize(BODY_LIMIT_BYTES));
    const chunks = [0, 1, 2, 3].map((i) => bytes.slice(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
    const res = await post(streamOf(chunks), { "Content-Type": "application/json" });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("INVALID_CREDENTIALS");
  });

  it("answers a POST with no body at all with 400 VALIDATION_FAILED, not 415", async () => {
    const res = await call(LOGIN, { method: "POST" });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("answers a POST with an empty declared body (Content-Length: 0) with 400 VALIDATION_FAILED", async () => {
    const res = await post("", { "Content-Length": "0" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
  });

  it("answers a JSON body that does not parse with 400 MALFORMED_JSON", async () => {
    const res = await call(LOGIN, { body: '{"email": "a@example.org",' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("MALFORMED_JSON");
  });
});
