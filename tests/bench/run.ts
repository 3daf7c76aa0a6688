/**
 * `npm run bench`: a benchmark, not a test. Starts the real product (`npm start`: wrangler dev,
 * local workerd + miniflare D1/KV/Durable Objects) on a free port in a throwaway state directory,
 * then measures over real HTTP:
 *   (a) 1,000 mood logs as 1,000 sequential REST writes (POST /api/v1/moods, the baseline) vs the
 *       same 1,000 as 10 sync pushes of 100 (POST /api/v1/sync/push), each on a fresh user;
 *   (b) pulling a change log of 10,000+ changes from no cursor, with limit=1000 and limit=100.
 * Figures are printed, with ratios against the baseline measured in the same run; nothing is
 * asserted on time (2 shared cores, noisy). docs/benchmarks.md has the recorded results.
 *
 * Registration is limited to 5 per hour per IP, so the run registers exactly 3 users (A, B, C)
 * and measures each comparison once, after a 50-operation warm-up of each path.
 */
import { type ChildProcess, execSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { RATE_LIMITS, SYNC_PUSH_MAX_OPERATIONS } from "../../shared/limits";
import { freePort, ROOT } from "../../worker/scripts/lib";

const OPS = 1_000;
const WARMUP_OPS = 50;
const PULL_TARGET = 10_000;
const PULL_RUNS = 3;
const HOUR_MS = 3_600_000;
/** Client times are spread over the last 60 h: inside the accepted 72 h window. */
const SPREAD_MS = 60 * HOUR_MS;

let server: ChildProcess | undefined;
let stateDir = "";
let base = "";
let serverLog = "";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startStack(): Promise<number> {
  stateDir = await mkdtemp(join(tmpdir(), "haven-bench-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  server = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), HAVEN_STATE_DIR: stateDir },
  });
  const keep = (d: Buffer) => {
    serverLog = (serverLog + d.toString()).slice(-50_000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  const deadline = Date.now() + 180_000;
  while (!serverLog.includes("Press Ctrl+C to stop.")) {
    if (server.exitCode !== null) throw new Error(`npm start exited early:\n${serverLog}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${serverLog}`);
    await sleep(250);
  }
  return performance.now() - started;
}

let cleaned = false;
let finished = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  const child = server;
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await Promise.race([gone, sleep(5_000)]);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // the whole group is gone
    }
  }
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
  finished = true;
}

/** Interrupted (Ctrl+C, or tsx relaying a signal): no time for the graceful path, do it synchronously. */
function cleanupNow(): void {
  if (finished) return;
  cleaned = true;
  finished = true;
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  if (stateDir) rmSync(stateDir, { recursive: true, force: true, maxRetries: 5 });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleanupNow();
    process.exit(130);
  });
}
process.on("exit", cleanupNow);

async function api(
  method: "GET" | "POST",
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

async function register(label: string): Promise<string> {
  const res = await api("POST", "/api/v1/auth/register", undefined, {
    email: `bench-${label}-${Date.now()}@bench.haven.test`,
    password: `bench ${randomUUID()}`,
    displayName: `Bench ${label}`,
    timezone: "UTC",
  });
  if (res.status !== 201) throw new Error(`register ${label}: ${res.status} ${JSON.stringify(res.json)}`);
  return (res.json as { accessToken: string }).accessToken;
}

interface Mood {
  at: string;
  mood: number;
  sleepQuality: number;
}

/** n mood logs, client times evenly over the last 60 h; moods 4–10 (no risk flags), sleep 0–10. */
function moods(n: number, salt = 0): Mood[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    at: new Date(now - SPREAD_MS + Math.floor((i * SPREAD_MS) / n)).toISOString(),
    mood: 4 + ((i + salt) % 7),
    sleepQuality: (i * 3 + salt) % 11,
  }));
}

async function restWrite(token: string, m: Mood): Promise<void> {
  const res = await api("POST", "/api/v1/moods", token, { opId: randomUUID(), ...m });
  if (res.status !== 201) throw new Error(`POST /moods: ${res.status} ${JSON.stringify(res.json)}`);
}

/** Pushes of one user in the current fixed rate-limit window (server and bench share the clock). */
const pushWindow = { start: 0, count: 0 };
let rateLimitWaitMs = 0;

async function push(token: string, batch: Mood[], paced = false): Promise<void> {
  const { limit, windowSeconds } = RATE_LIMITS.syncPushPerUser;
  const windowMs = windowSeconds * 1000;
  if (paced) {
    const start = Date.now() - (Date.now() % windowMs);
    if (start !== pushWindow.start) Object.assign(pushWindow, { start, count: 0 });
    if (pushWindow.count >= limit) {
      const wait = start + windowMs - Date.now() + 250;
      rateLimitWaitMs += wait;
      await sleep(wait);
      Object.assign(pushWindow, { start: Date.now() - (Date.now() % windowMs), count: 0 });
    }
    pushWindow.count++;
  }
  const body = {
    clientId: "bench",
    operations: batch.map((m) => ({
      opId: randomUUID(),
      type: "mood.log",
      at: m.at,
      payload: { mood: m.mood, sleepQuality: m.sleepQuality },
    })),
  };
  let res = await api("POST", "/api/v1/sync/push", token, body);
  if (res.status === 429 && paced) {
    // The fixed window is the server's; if our count drifted, wait it out once and retry.
    const wait = Number(res.headers.get("Retry-After") ?? "60") * 1000 + 250;
    rateLimitWaitMs += wait;
    await sleep(wait);
    Object.assign(pushWindow, { start: Date.now() - (Date.now() % windowMs), count: 1 });
    res = await api("POST", "/api/v1/sync/push", token, body);
  }
  if (res.status !== 200) throw new Error(`push: ${res.status} ${JSON.stringify(res.json)}`);
  const results = (res.json as { results: { status: string; error?: unknown }[] }).results;
  const bad = results.find((r) => r.status !== "applied");
  if (results.length !== batch.length || bad) throw new Error(`push not applied: ${JSON.stringify(bad)}`);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function pullAll(token: string, limit: number): Promise<{ changes: number; pages: number; bytes: number }> {
  let cursor: string | undefined;
  let changes = 0;
  let pages = 0;
  let bytes = 0;
  const seen = new Set<number>();
  for (;;) {
    const qs = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${base}/api/v1/sync/pull?${qs}`, { headers: { Authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`pull: ${res.status} ${text}`);
    bytes += text.length;
    pages++;
    const page = JSON.parse(text) as { changes: { seq: number }[]; cursor: string; hasMore: boolean };
    for (const c of page.changes) {
      if (seen.has(c.seq)) throw new Error(`pull returned seq ${c.seq} twice`);
      seen.add(c.seq);
    }
    changes += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) return { changes, pages, bytes };
  }
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (i === 0 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(rows[0] ?? []), sep, ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<void> {
  const benchStart = performance.now();
  const nproc = (() => {
    try {
      return execSync("nproc").toString().trim();
    } catch {
      return String(availableParallelism());
    }
  })();
  const loadBefore = loadavg().map(f2).join(" ");
  console.log("Haven benchmark (local wrangler dev: workerd + miniflare D1/KV/DO, not Cloudflare's network)");
  console.log(
    `machine: nproc ${nproc}, ${cpus()[0]?.model ?? "cpu ?"}, ${f1(totalmem() / 2 ** 30)} GiB RAM, node ${process.version}, load avg ${loadBefore}`,
  );

  const startupMs = await startStack();
  console.log(`stack up in ${f1(startupMs / 1000)} s at ${base} (state in ${stateDir})`);
  const [a, b, c] = [await register("a"), await register("b"), await register("c")];

  // (a) ------------------------------------------------------------------------------------
  // Warm-up: both paths once (JIT, the users' Durable Objects, D1 statement caches).
  for (const m of moods(WARMUP_OPS, 1)) await restWrite(a, m);
  await push(b, moods(WARMUP_OPS, 1));

  const work = moods(OPS);
  const restLatencies: number[] = [];
  const rest = await timed(async () => {
    for (const m of work) {
      const t = performance.now();
      await restWrite(a, m);
      restLatencies.push(performance.now() - t);
    }
  });
  const pushLatencies: number[] = [];
  const pushed = await timed(async () => {
    for (const batch of chunks(work, SYNC_PUSH_MAX_OPERATIONS)) {
      const t = performance.now();
      await push(b, batch);
      pushLatencies.push(performance.now() - t);
    }
  });
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const restFirst = mean(restLatencies.slice(0, 100));
  const restLast = mean(restLatencies.slice(-100));
  restLatencies.sort((x, y) => x - y);
  pushLatencies.sort((x, y) => x - y);
  const loadAfterA = loadavg().map(f2).join(" ");

  console.log(`\n(a) ${OPS} mood logs, sequential, one client (after a ${WARMUP_OPS}-op warm-up of each path)\n`);
  console.log(
    table([
      ["path", "requests", "total ms", "ms / mood", "moods / s", "ms / request p50", "p95", "max"],
      [
        "REST POST /moods (baseline)",
        String(OPS),
        f0(rest.ms),
        f2(rest.ms / OPS),
        f0(OPS / (rest.ms / 1000)),
        f1(quantile(restLatencies, 0.5)),
        f1(quantile(restLatencies, 0.95)),
        f1(restLatencies.at(-1) ?? Number.NaN),
      ],
      [
        `sync push x${SYNC_PUSH_MAX_OPERATIONS}`,
        String(pushLatencies.length),
        f0(pushed.ms),
        f2(pushed.ms / OPS),
        f0(OPS / (pushed.ms / 1000)),
        f1(quantile(pushLatencies, 0.5)),
        f1(quantile(pushLatencies, 0.95)),
        f1(pushLatencies.at(-1) ?? Number.NaN),
      ],
    ]),
  );
  console.log(
    `\nREST ms / request, mean of the first 100: ${f1(restFirst)}, of the last 100: ${f1(restLast)} ` +
      "(each call reloads the user's moods of the 72 h window)",
  );
  console.log(`ratio REST / push: ${f1(rest.ms / pushed.ms)}x  (load avg after (a): ${loadAfterA})`);

  // (b) ------------------------------------------------------------------------------------
  // Real pushes, paced to the 60-pushes-a-minute limit: each push of 100 moods logs 100 mood
  // changes, plus a progress snapshot when a mood is the first of its local day.
  const seedMoods = moods(PULL_TARGET, 2);
  const seedLatencies: number[] = [];
  const seeded = await timed(async () => {
    for (const batch of chunks(seedMoods, SYNC_PUSH_MAX_OPERATIONS)) {
      const t = performance.now();
      await push(c, batch, true);
      seedLatencies.push(performance.now() - t);
    }
  });
  console.log(
    `\n(b) seeded user C with ${PULL_TARGET} moods by ${seedLatencies.length} real pushes in ${f1(seeded.ms / 1000)} s ` +
      `(of which ${f1(rateLimitWaitMs / 1000)} s waiting for the push rate-limit window); ` +
      `push ms first ${f0(seedLatencies[0] ?? Number.NaN)}, median ${f0(median(seedLatencies))}, last ${f0(seedLatencies.at(-1) ?? Number.NaN)}`,
  );

  const pullRows: string[][] = [
    ["pull (from no cursor)", "run", "changes", "pages", "total ms", "ms / page", "changes / s", "KiB"],
  ];
  const pullMedians: Record<number, number> = {};
  for (const limit of [1000, 100]) {
    const times: number[] = [];
    for (let run = 1; run <= PULL_RUNS; run++) {
      const r = await timed(() => pullAll(c, limit));
      if (r.value.changes < PULL_TARGET) throw new Error(`pulled only ${r.value.changes} changes`);
      times.push(r.ms);
      pullRows.push([
        `limit=${limit}`,
        String(run),
        String(r.value.changes),
        String(r.value.pages),
        f0(r.ms),
        f1(r.ms / r.value.pages),
        f0(r.value.changes / (r.ms / 1000)),
        f0(r.value.bytes / 1024),
      ]);
    }
    pullMedians[limit] = median(times);
  }
  console.log("");
  console.log(table(pullRows));
  const m1000 = pullMedians[1000] ?? Number.NaN;
  const m100 = pullMedians[100] ?? Number.NaN;
  console.log(
    `\nmedian of ${PULL_RUNS}: limit=1000 ${f0(m1000)} ms, limit=100 ${f0(m100)} ms; ratio limit=100 / limit=1000: ${f1(m100 / m1000)}x`,
  );
  console.log(
    `\nload avg at end: ${loadavg().map(f2).join(" ")}; total bench ${f1((performance.now() - benchStart) / 1000)} s (stack start-up included)`,
  );
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  if (serverLog) console.error(`\n--- last server output ---\n${serverLog.slice(-4_000)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
