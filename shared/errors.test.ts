import { describe, expect, it } from "vitest";
import { ApiError, ERROR_CATALOGUE, type ErrorCode } from "./errors";

const entries = Object.entries(ERROR_CATALOGUE) as [ErrorCode, { status: number; message: string }][];

describe("ERROR_CATALOGUE", () => {
  it("names every code in UPPER_SNAKE_CASE", () => {
    expect(entries.map(([code]) => code).filter((code) => !/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(code))).toEqual([]);
  });

  it("gives every code an HTTP error status between 400 and 599", () => {
    for (const [code, { status }] of entries) {
      expect(Number.isInteger(status), code).toBe(true);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThanOrEqual(599);
    }
  });

  it("gives every code a non-empty default message", () => {
    for (const [code, { message }] of entries) expect(message.trim().length, code).toBeGreaterThan(0);
  });

  it("maps the well-known codes to their expected statuses", () => {
    expect(ERROR_CATALOGUE.VALIDATION_FAILED.status).toBe(400);
    expect(ERROR_CATALOGUE.UNAUTHENTICATED.status).toBe(401);
    expect(ERROR_CATALOGUE.FORBIDDEN.status).toBe(403);
    expect(ERROR_CATALOGUE.NOT_FOUND.status).toBe(404);
    expect(ERROR_CATALOGUE.PAYLOAD_TOO_LARGE.status).toBe(413);
    expect(ERROR_CATALOGUE.RATE_LIMITED.status).toBe(429);
    expect(ERROR_CATALOGUE.INTERNAL.status).toBe(500);
    expect(ERROR_CATALOGUE.SERVICE_MISCONFIGURED.status).toBe(503);
  });
});

describe("ApiError", () => {
  it("takes its status and default message from the catalogue for every code", () => {
    for (const [code, { status, message }] of entries) {
      const error = new ApiError(code);
      expect(error.code).toBe(code);
      expect(error.status).toBe(status);
      expect(error.message).toBe(message);
      expect(error.fields).toBeUndefined();
      expect(error.headers).toBeUndefined();
    }
  });

  it("is an Error named ApiError", () => {
    const error = new ApiError("NOT_FOUND");
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe("ApiError");
  });

  it("accepts an override message while keeping the catalogue status", () => {
    const error = new ApiError("NOT_FOUND", { message: "No such mood entry." });
    expect(error.message).toBe("No such mood entry.");
    expect(error.status).toBe(404);
  });

  it("carries field issues and response headers when given", () => {
    const fields = [{ path: "email", message: "Enter a valid email address." }];
    const headers = { "Retry-After": "60" };
    const error = new ApiError("RATE_LIMITED", { fields, headers });
    expect(error.fields).toEqual(fields);
    expect(error.headers).toEqual(headers);
    expect(error.message).toBe(ERROR_CATALOGUE.RATE_LIMITED.message);
    expect(error.status).toBe(429);
  });
});
