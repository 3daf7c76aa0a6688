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
 */
export class Counter extends DurableObject {
  #calls = 0;

  ping(): { calls: number } {
    this.#calls++;
    return { calls: this.#calls };
  }
}

interface Env {
  DB: D1Database;
  COUNTER: DurableObjectNamespace<Counter>;
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
    if (path === "/do") return Response.json(await env.COUNTER.get(env.COUNTER.idFromName("bench")).ping());
    return Response.json({ ok: true, at: new Date().toISOString() });
  },
};
