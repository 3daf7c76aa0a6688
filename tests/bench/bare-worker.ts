import { DurableObject } from "cloudflare:workers";
import { Hono } from "hono";
import { jwtVerify } from "jose";
import { STACK_SECRET } from "./bare-stack-secret";

/**
 * The benchmark's baseline (tests/bench/hot-paths.ts): a Worker that does nothing but answer
 * JSON, run by `wrangler dev` on the same workerd as `npm start`. What Haven's hot paths serve is
 * reported as a ratio to what this serves in the same run, so the machine's speed cancels out.
 *
 * Two more paths measure what the platform alone costs here, with no framework, validation or
 * query builder: `/d1` makes one D1 query (`SELECT 1`), `/do` one call to a Durable Object that
 * answers from memory. An authenticated read needs at least the session check and its data; a
 * write needs the user's object and D1 behind it. These figures are the ceiling for those.
 *
 * `/stack` is the least an authenticated read can do with the stack the product is built on: Hono
 * routes it, jose verifies the bearer token (HS256, its key imported once), one D1 query reads a
 * row for the token's subject, Hono answers JSON. No middleware, validation or query builder.
 *
 * `/write` is the least a write does on the platform, in the shape of Haven's: a POST whose JSON
 * body goes to one Durable Object (one name, as one user's object), which makes a D1 read and
 * then a D1 batch that inserts the body as a row (a committed write), and answers JSON.
 * `/write-only` is the same without the read: what a write would cost if the object answered its
 * checks from its own memory and went to D1 only to commit.
 */
export class Counter extends DurableObject {
  #calls = 0;

  ping(): { calls: number } {
    this.#calls++;
    return { calls: this.#calls };
  }
}

let writesTable: Promise<unknown> | undefined;

export class Writer extends DurableObject<Env> {
  async write(body: string, read: boolean): Promise<{ id: string; seen: number }> {
    const db = this.env.DB;
    writesTable ??= db
      .prepare("CREATE TABLE IF NOT EXISTS writes (id TEXT PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL)")
      .run();
    await writesTable;
    const id = crypto.randomUUID();
    const seen = read
      ? await db.prepare("SELECT count(*) AS n FROM writes WHERE id = ?1").bind(id).first<number>("n")
      : 0;
    await db.batch([db.prepare("INSERT INTO writes (id, body, at) VALUES (?1, ?2, ?3)").bind(id, body, Date.now())]);
    return { id, seen: seen ?? 0 };
  }
}

interface Env {
  DB: D1Database;
  COUNTER: DurableObjectNamespace<Counter>;
  WRITER: DurableObjectNamespace<Writer>;
}

let stackKey: Promise<CryptoKey> | undefined;

const stack = new Hono<{ Bindings: Env }>().get("/stack", async (c) => {
  stackKey ??= crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(STACK_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const token = (c.req.header("authorization") ?? "").replace(/^Bearer /, "");
  const { payload } = await jwtVerify(token, await stackKey, { issuer: "haven", audience: "haven-api" });
  const row = await c.env.DB.prepare("SELECT ?1 AS sub").bind(String(payload.sub)).first();
  return c.json({ row });
});

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === "/stack") return stack.fetch(request, env);
    if (path === "/d1") return Response.json(await env.DB.prepare("SELECT 1 AS one").first());
    if ((path === "/write" || path === "/write-only") && request.method === "POST") {
      const writer = env.WRITER.get(env.WRITER.idFromName("bench"));
      return Response.json(await writer.write(await request.text(), path === "/write"), { status: 201 });
    }
    if (path === "/do") return Response.json(await env.COUNTER.get(env.COUNTER.idFromName("bench")).ping());
    return Response.json({ ok: true, at: new Date().toISOString() });
  },
};
