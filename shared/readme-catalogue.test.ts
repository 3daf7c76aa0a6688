import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_CATALOGUE } from "./errors";

const apiDoc = readFileSync(new URL("../docs/api.md", import.meta.url), "utf8");
const rows = new Map(
  [...apiDoc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1] ?? "", Number(m[2])] as const),
);

describe("the error-code catalogue in docs/api.md", () => {
  it("lists every code in shared/errors.ts with its status", () => {
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) expect(rows.get(code), code).toBe(status);
  });

  it("lists no code that the API does not have", () => {
    for (const code of rows.keys()) expect(Object.keys(ERROR_CATALOGUE)).toContain(code);
  });
});
