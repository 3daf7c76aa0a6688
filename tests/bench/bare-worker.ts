import { DurableObject } from "cloudflare:workers";

/**
 * The benchmark's baseline (tests/bench/hot-paths.ts): a Worker that does nothing but answer
 * JSON, run by `wrangler dev` on the same workerd as `npm start`. What Haven's hot paths serve is
 * reported as a ratio to what this serves in the same run, so the machine's speed cancels out.
 *
 * Two more paths measure what the platform alone costs here, with no framework, validation or
 * query builder: `/d1` makes one D1 query (`SELECT 1`), `/do` one call to a Durable Object that
 * answers from memory. An authenticated read needs at least the session check and its data; a
 * write needs the user's object and D1 behind it. These figures are the ceiling for those.
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

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === "/d1") return Response.json(await env.DB.prepare("SELECT 1 AS one").first());
    if (path === "/do") return Response.json(await env.COUNTER.get(env.COUNTER.idFromName("bench")).ping());
    return Response.json({ ok: true, at: new Date().toISOString() });
  },
};
