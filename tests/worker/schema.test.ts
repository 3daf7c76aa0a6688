import { env } from "cloudflare:workers";
import { getTableColumns, getTableName } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";

const tables = Object.values(schema).filter(
  (t) => typeof t === "object" && t !== null && Symbol.for("drizzle:Name") in t,
);

describe("the migrations and the drizzle schema", () => {
  it("agree on every table and column after all migrations are applied", async () => {
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const table of tables as Parameters<typeof getTableName>[0][]) {
      const name = getTableName(table);
      const { results } = await env.DB.prepare(`PRAGMA table_info(${name})`).all<{ name: string; notnull: number }>();
      const inDb = new Map(results.map((c) => [c.name, c.notnull === 1]));
      const columns = Object.values(getTableColumns(table as never)) as { name: string; notNull: boolean }[];
      expect([...inDb.keys()].sort(), name).toEqual(columns.map((c) => c.name).sort());
      for (const c of columns) expect(inDb.get(c.name), `${name}.${c.name} NOT NULL`).toBe(c.notNull);
    }
  });

  it("keeps emails unique regardless of case at the database level", async () => {
    const insert = (id: string, email: string) =>
      env.DB.prepare(
        `INSERT INTO users (id, email, role, display_name, timezone, password_hash, created_at, updated_at)
         VALUES (?, ?, 'patient', 'X', 'UTC', 'x', 0, 0)`,
      )
        .bind(id, email)
        .run();
    await insert(crypto.randomUUID(), "Unique.Case@Example.org");
    await expect(insert(crypto.randomUUID(), "unique.case@example.org")).rejects.toThrow(/UNIQUE/);
  });
});
