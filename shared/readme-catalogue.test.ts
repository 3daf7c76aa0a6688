import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_CATALOGUE } from "./errors";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const rows = new Map(
  [...readme.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1] ?? "", Number(m[2])] as const),
);

describe("the README's error-code catalogue", () => {
  it("lists every code in shared/errors.ts with its status", () => {
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) expect(rows.get(code), code).toBe(status);
  });

  it("lists no code that the API does not have", () => {
    for (const code of rows.keys()) expect(Object.keys(ERROR_CATALOGUE)).toContain(code);
  });
});
