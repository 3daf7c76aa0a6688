/**
 * The benchmark's baseline (tests/bench/hot-paths.ts): a Worker that does nothing but answer
 * JSON, run by `wrangler dev` on the same workerd as `npm start`. What Haven's hot paths serve is
 * reported as a ratio to what this serves in the same run, so the machine's speed cancels out.
 */
export default {
  fetch(): Response {
    return Response.json({ ok: true, at: new Date().toISOString() });
  },
};
