/// <reference types="vite/client" />
/**
 * Issue 14 (item 3): no route imports another route, except to mount it as a sub-router. Helpers
 * that two routes share (queries, views, the FHIR response) live in worker/db/, worker/fhir/ or
 * worker/lib/, where a newcomer looks for them. Read from the route files' own source.
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
});
