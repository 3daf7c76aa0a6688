/// <reference types="vite/client" />
/**
 * Issue 14 (item 3): routes only route. No route imports another route, except to mount it as a
 * sub-router, and no route holds a query: SQL lives in worker/db/ (one module per area), views
 * in worker/db/views.ts and the other view functions beside their queries, shared helpers in
 * worker/fhir/ or worker/lib/, where a newcomer looks for them. Read from the route files' own source.
 */
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>("../../worker/routes/*.ts", { query: "?raw", import: "default", eager: true });

describe("route layering", () => {
  it("reads every route file", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(15);
  });

  it("imports another route only to mount it with .route()", () => {
    const offences: string[] = [];
    for (const [file, source] of Object.entries(sources)) {
      for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"\.\/([^"]+)"/g)) {
        const names = (match[1] ?? "")
          .split(",")
          .map((name) => name.replace(/^\s*type\s+/, "").trim())
          .filter(Boolean);
        for (const name of names) {
          if (!new RegExp(`\\.route\\(\\s*"[^"]*"\\s*,\\s*${name}\\s*\\)`).test(source)) {
            offences.push(`${file.replace(/^.*worker\//, "worker/")} imports ${name} from ./${match[2]}`);
          }
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it("holds no query: no drizzle operators, no table objects, no raw D1 statements", () => {
    const offences: string[] = [];
    for (const [file, source] of Object.entries(sources)) {
      const name = file.replace(/^.*worker\//, "worker/");
      if (/from\s*"drizzle-orm/.test(source)) offences.push(`${name} imports drizzle-orm`);
      if (/from\s*"\.\.\/db\/schema"/.test(source)) offences.push(`${name} imports the tables (db/schema)`);
      if (/\.prepare\(|\.(select|insert|update|delete)\([^)]*\)\s*\.(from|values|set|where)\(/.test(source)) {
        offences.push(`${name} builds a statement`);
      }
    }
    expect(offences).toEqual([]);
  });
});
