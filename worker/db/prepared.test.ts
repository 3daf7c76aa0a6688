import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "./client";
import { prepared } from "./prepared";
import { users } from "./schema";

const byId = prepared((db) =>
  db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, sql.placeholder("id"))),
);

async function insertUser(): Promise<{ id: string; email: string }> {
  const id = crypto.randomUUID();
  const email = `prepared-${id}@example.test`;
  await env.DB.prepare(
    `INSERT INTO users (id, email, role, status, display_name, timezone, day_start_hour, password_hash, created_at, updated_at)
     VALUES (?, ?, 'patient', 'active', 'P', 'UTC', 4, 'x', 0, 0)`,
  )
    .bind(id, email)
    .run();
  return { id, email };
}

describe("prepared (a query built once, bound per call)", () => {
  it("binds each call's values, in a batch and awaited alone, however many times it is reused", async () => {
    const db = database(env.DB);
    const a = await insertUser();
    const b = await insertUser();
    const [first, second, none] = await db.batch([
      byId(db, { id: a.id }),
      byId(db, { id: b.id }),
      byId(db, { id: "x" }),
    ]);
    expect(first).toEqual([a]);
    expect(second).toEqual([b]);
    expect(none).toEqual([]);
    expect(await byId(db, { id: b.id })).toEqual([b]);
    expect(await byId(db, { id: a.id })).toEqual([a]);
  });
});
