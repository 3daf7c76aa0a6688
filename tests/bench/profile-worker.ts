/**
 * Where a hot path spends the Worker's CPU: a sampling CPU profile of the running Worker (through
 * wrangler dev's inspector) while autocannon loads one URL, summarised as the functions with the
 * most samples, by self time and inclusive time. A tool for finding what to fix, not a benchmark.
 *
 *   HAVEN_BENCH_HOLD=900 npm run bench:hot      # seeds, starts, signs in, prints URLs and tokens, waits
 *   ss -ltnp | grep workerd                      # the app's inspector: the port beside its entry port
 *   npx tsx tests/bench/profile-worker.ts <inspector port> <url> [token] [seconds]
 *   PROFILE_MOOD=1 npx tsx tests/bench/profile-worker.ts …   # POSTs a new mood check-in each request
 *
 * wrangler dev runs the bundled Worker, so the names are the bundle's (index.js:<line>); the
 * functions keep their source names.
 */
import autocannon from "autocannon";

const [port, url, token, seconds = "8"] = process.argv.slice(2);
if (!port || !url) {
  console.error("usage: tsx tests/bench/profile-worker.ts <inspector port> <url> [token] [seconds]");
  process.exit(2);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

// The inspector refuses a WebSocket without an Origin; Node's WebSocket (undici) takes headers.
const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: "http://127.0.0.1" } } as never);
const pending = new Map<number, (value: unknown) => void>();
let lastId = 0;
ws.onmessage = (event) => {
  const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
  if (message.id !== undefined) pending.get(message.id)?.(message.result ?? message.error);
};
function send<T>(method: string, params: object = {}): Promise<T> {
  return new Promise((resolve) => {
    const id = ++lastId;
    pending.set(id, resolve as (value: unknown) => void);
    ws.send(JSON.stringify({ id, method, params }));
  });
}
await new Promise<void>((resolve, reject) => {
  ws.onopen = () => resolve();
  ws.onerror = () => reject(new Error(`cannot open the inspector on port ${port}`));
});

await send("Profiler.enable");
await send("Profiler.setSamplingInterval", { interval: 200 });
await send("Profiler.start");
const mood = () =>
  JSON.stringify({ opId: crypto.randomUUID(), at: new Date().toISOString(), mood: 6, sleepQuality: 6 });
const result = await autocannon({
  url,
  connections: 16,
  duration: Number(seconds),
  headers: {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(process.env.PROFILE_MOOD ? { "content-type": "application/json" } : {}),
  },
  ...(process.env.PROFILE_MOOD
    ? { method: "POST" as const, requests: [{ setupRequest: (req) => ({ ...req, body: mood() }) }] }
    : {}),
});
const { profile } = await send<{ profile: { nodes: ProfileNode[]; samples: number[] } }>("Profiler.stop");
ws.close();

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
const name = (n: ProfileNode) =>
  `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
const samplesOf = new Map<number, number>();
for (const s of profile.samples) samplesOf.set(s, (samplesOf.get(s) ?? 0) + 1);
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, count] of samplesOf) {
  const node = nodes.get(id);
  if (!node) continue;
  self.set(name(node), (self.get(name(node)) ?? 0) + count);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = name(nodes.get(at) as ProfileNode);
    if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + count);
    seen.add(key);
  }
}
const total = profile.samples.length;
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, count]) => `${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}`)
    .join("\n");
console.log(`${url}: ${result.requests.average} req/s under the profiler, ${result.non2xx} non-2xx, ${total} samples`);
console.log(`\nself time\n${top(self, 25)}\n\ninclusive time\n${top(inclusive, 30)}`);
