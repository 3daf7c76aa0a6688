import { createMiddleware } from "hono/factory";
import { ApiError } from "../../shared/errors";
import { BODY_LIMIT_BYTES } from "../../shared/limits";
import type { AppEnv } from "../app-env";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

/** Reads a body stream, giving up (413) as soon as it passes `limit` bytes, chunked or not. */
async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ApiError("PAYLOAD_TOO_LARGE");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * For writes that carry a body: JSON only (415 otherwise), at most 64 KiB whether declared in
 * Content-Length or streamed in chunks (413), and well-formed JSON (400 MALFORMED_JSON). A
 * write without a body (no body, Content-Length: 0, or an empty stream without a JSON type)
 * passes untouched and its validator reports the missing fields; an empty body declared as
 * JSON is malformed JSON. The text read here goes to Hono's body cache, so validators do not read twice.
 */
export const bodyGuard = createMiddleware<AppEnv>(async (c, next) => {
  const raw = c.req.raw;
  if (!WRITE_METHODS.has(raw.method) || raw.body === null) return next();
  const declared = Number(raw.headers.get("Content-Length") ?? "NaN");
  if (declared === 0) return next();
  if (declared > BODY_LIMIT_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE");
  const mediaType = (raw.headers.get("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
  const isJson = JSON_TYPE.test(mediaType);
  // Without a declared length the body is a stream (chunked, or proxied): read it to know.
  const text = await readLimited(raw.body, BODY_LIMIT_BYTES);
  if (text.length === 0 && !isJson) return next();
  if (!isJson) throw new ApiError("UNSUPPORTED_MEDIA_TYPE");
  try {
    JSON.parse(text);
  } catch {
    throw new ApiError("MALFORMED_JSON");
  }
  // Hono keeps body promises in this cache (typed as values); json() then parses this text.
  (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
  return next();
});
