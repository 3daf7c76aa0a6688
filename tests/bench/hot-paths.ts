/**
 * `npm run bench` (issue 15): Haven's hot paths under load, each as a ratio to a bare Worker
 * measured in the same run on the same workerd. A benchmark, not a test: it prints figures and
 * ratios and asserts nothing on time (2 shared cores, noisy).
 *
 * It seeds a throwaway local database before `npm start` opens it:
 *   - a patient with one week of history ("new") and one with two years of it (≈10,000 rows
 *     across moods, completions, rewards and the change log: "two years");
 *   - a therapist with 5 assigned patients and one with 200 (each patient a week of history).
 * Then, against `npm start` (wrangler dev: workerd + miniflare D1/KV/Durable Objects) and the bare
 * Worker (tests/bench/bare-worker.ts, `wrangler dev` too), autocannon runs each target with 16
 * connections for 8 s, in two rounds, the baseline first in each round:
 *   - reads: GET /progress and a sync pull page (GET /sync/pull?limit=100), for both patients; the
 *     staff caseload (GET /staff/patients) for both therapists;
 *   - a write through the user's Durable Object: POST /moods (a new opId each), for both patients.
 * Each figure is compared with the goals, and the verdict printed beside it. Two more
 * targets on the bare Worker measure the platform alone: one D1 query, one Durable Object call.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { SignJWT } from "jose";
import { hashPassword } from "../../worker/auth/password";
import { hotp, totpStep } from "../../worker/auth/totp";
import { DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET, type DemoAccount, demoUserSql } from "../../worker/scripts/demo-data";
import { demoHistorySql } from "../../worker/scripts/demo-history";
import { freePort, ROOT, sqlString, WRANGLER, wrangler } from "../../worker/scripts/lib";
import { STACK_SECRET } from "./bare-stack-secret";

const CONNECTIONS = 16;
const DURATION_S = 8;
const ROUNDS = 2;
const WARMUP_S = 2;
const HISTORY_DAYS = 730;
const NEW_DAYS = 7;
const SMALL_CASELOAD = 5;
const LARGE_CASELOAD = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The seed
// ---------------------------------------------------------------------------------------------

const benchId = (n: number) => `be0c0000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function account(n: number, role: DemoAccount["role"], label: string): DemoAccount {
  return {
    id: benchId(n),
    email: `bench-${label}@demo.haven`,
    role,
    displayName: `Bench ${label}`,
    timezone: "Europe/London",
  };
}

const NEW_PATIENT = account(1, "patient", "new");
const HISTORY_PATIENT = account(2, "patient", "history");
const SMALL_STAFF = account(3, "therapist", "small-caseload");
const LARGE_STAFF = account(4, "therapist", "large-caseload");
const CASELOAD = Array.from({ length: LARGE_CASELOAD }, (_, i) => account(100 + i, "patient", `caseload-${i}`));

async function seedSql(now: number): Promise<string> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const people = [NEW_PATIENT, HISTORY_PATIENT, SMALL_STAFF, LARGE_STAFF, ...CASELOAD];
  const rows = people.map((a) => demoUserSql(a, hash, now));
  const assign = (staff: DemoAccount, patient: DemoAccount) =>
    `INSERT INTO assignments (staff_id, patient_id, created_at, created_by) VALUES (${[staff.id, patient.id, now, staff.id].map(sqlString).join(", ")});`;
  rows.push(...CASELOAD.slice(0, SMALL_CASELOAD).map((p) => assign(SMALL_STAFF, p)));
  rows.push(...CASELOAD.map((p) => assign(LARGE_STAFF, p)));
  // History: demo-history.ts, the same generator as the demo clinic (indices clear of the demo's 1 and 2).
  rows.push(demoHistorySql(NEW_PATIENT, 11, now, NEW_DAYS));
  rows.push(demoHistorySql(HISTORY_PATIENT, 12, now, HISTORY_DAYS));
  rows.push(...CASELOAD.map((p, i) => demoHistorySql(p, 100 + i, now, NEW_DAYS)));
  return `${rows.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// The two servers
// ---------------------------------------------------------------------------------------------

const children: ChildProcess[] = [];

function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, ready: (log: string) => boolean) {
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  children.push(child);
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-50_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return (async () => {
    const deadline = Date.now() + 240_000;
    while (!ready(log)) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited early:\n${log}`);
      if (Date.now() > deadline) throw new Error(`${command} ${args.join(" ")} did not come up:\n${log}`);
      await sleep(250);
    }
  })();
}

function stopAll(): void {
  for (const child of children) {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
}
process.on("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Signing in
// ---------------------------------------------------------------------------------------------

async function post(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Password, then (for staff) the TOTP code: the way a person signs in. */
async function signIn(base: string, who: DemoAccount): Promise<string> {
  const login = await post(base, "/api/v1/auth/login", { email: who.email, password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`login ${who.email}: ${login.status} ${JSON.stringify(login.json)}`);
  if (typeof login.json.accessToken === "string") return login.json.accessToken;
  const code = await hotp(DEMO_STAFF_TOTP_SECRET, totpStep(Date.now()));
  const verify = await post(base, "/api/v1/auth/2fa/verify", { mfaToken: login.json.mfaToken, code });
  if (verify.status !== 200) throw new Error(`2FA ${who.email}: ${verify.status} ${JSON.stringify(verify.json)}`);
  return verify.json.accessToken as string;
}

/** A token for the bare Worker's `/stack` (tests/bench/bare-worker.ts), shaped like Haven's. */
function stackToken(): Promise<string> {
  return new SignJWT({ role: "patient" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(NEW_PATIENT.id)
    .setIssuer("haven")
    .setAudience("haven-api")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(STACK_SECRET));
}

// ---------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------

interface Target {
  name: string;
  kind: "baseline" | "floor" | "read" | "write";
  url: string;
  token?: string;
  method?: "GET" | "POST";
  /** A fresh body for each request (writes: a new opId each). */
  body?: () => string;
}

interface Figure {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(target: Target, seconds: number): Promise<Figure> {
  const headers: Record<string, string> = { ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) };
  if (target.body) headers["content-type"] = "application/json";
  const body = target.body;
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    method: target.method ?? "GET",
    headers,
    ...(body ? { requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }] } : {}),
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const f0 = (n: number) => n.toFixed(0);
const f2 = (n: number) => n.toFixed(2);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

async function main(): Promise<void> {
  console.log("Haven hot paths (issue 15): local wrangler dev (workerd + miniflare), not Cloudflare's network");
  console.log(
    `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), ${f0(totalmem() / 2 ** 30)} GiB, load ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
  const stateDir = await mkdtemp(join(tmpdir(), "haven-hot-"));
  const now = Date.now();
  try {
    const env = { ...process.env, HAVEN_STATE_DIR: stateDir, CI: "true" };
    const persist = ["--persist-to", stateDir];
    process.stdout.write("seeding the benchmark's patients and caseloads… ");
    const seedStarted = Date.now();
    await wrangler(["d1", "migrations", "apply", "DB", "--local", ...persist], { capture: true, env });
    const file = join(stateDir, "bench-seed.sql");
    await writeFile(file, await seedSql(now), "utf8");
    await wrangler(["d1", "execute", "DB", "--local", ...persist, "--file", file], { capture: true, env });
    console.log(`${f0((Date.now() - seedStarted) / 1000)} s`);

    const appPort = await freePort();
    const barePort = await freePort();
    const app = `http://127.0.0.1:${appPort}`;
    const bare = `http://127.0.0.1:${barePort}`;
    await Promise.all([
      startProcess("npm", ["start"], { ...env, PORT: String(appPort) }, (log) => log.includes("Press Ctrl+C to stop.")),
      startProcess(
        process.execPath,
        [
          WRANGLER,
          "dev",
          "--config",
          "tests/bench/bare-worker.toml",
          "--ip",
          "127.0.0.1",
          "--port",
          String(barePort),
          "--show-interactive-dev-session=false",
          "--persist-to",
          join(stateDir, "bare"),
        ],
        env,
        (log) => log.includes("Ready on"),
      ),
    ]);
    console.log(`app at ${app}, bare Worker at ${bare}`);

    const [newToken, historyToken] = [await signIn(app, NEW_PATIENT), await signIn(app, HISTORY_PATIENT)];
    const smallToken = await signIn(app, SMALL_STAFF);
    // A TOTP code works once per account; the other therapist is another account.
    const largeToken = await signIn(app, LARGE_STAFF);
    const mood = () => JSON.stringify({ opId: randomUUID(), at: new Date().toISOString(), mood: 6, sleepQuality: 6 });
    const targets: Target[] = [
      { name: "bare Worker (baseline)", kind: "baseline", url: `${bare}/` },
      { name: "bare + one D1 query", kind: "floor", url: `${bare}/d1` },
      { name: "bare + one Durable Object call", kind: "floor", url: `${bare}/do` },
      { name: STACK_FLOOR, kind: "floor", url: `${bare}/stack`, token: await stackToken() },
      {
        name: WRITE_FLOOR,
        kind: "floor",
        url: `${bare}/write`,
        method: "POST",
        body: mood,
      },
      {
        name: KEPT_WRITE_FLOOR,
        kind: "floor",
        url: `${bare}/write-only`,
        method: "POST",
        body: mood,
      },
      { name: MIDDLEWARE_FLOOR, kind: "floor", url: `${app}/api/v1/health` },
      { name: "GET /progress, new patient", kind: "read", url: `${app}/api/v1/progress`, token: newToken },
      { name: "GET /progress, two years", kind: "read", url: `${app}/api/v1/progress`, token: historyToken },
      { name: "pull page, new patient", kind: "read", url: `${app}/api/v1/sync/pull?limit=100`, token: newToken },
      {
        name: "pull page, two years",
        kind: "read",
        url: `${app}/api/v1/sync/pull?limit=100`,
        token: historyToken,
      },
      { name: `caseload of ${SMALL_CASELOAD}`, kind: "read", url: `${app}/api/v1/staff/patients`, token: smallToken },
      { name: `caseload of ${LARGE_CASELOAD}`, kind: "read", url: `${app}/api/v1/staff/patients`, token: largeToken },
      {
        name: "POST /moods (DO), new patient",
        kind: "write",
        url: `${app}/api/v1/moods`,
        token: newToken,
        method: "POST",
        body: mood,
      },
      {
        name: "POST /moods (DO), two years",
        kind: "write",
        url: `${app}/api/v1/moods`,
        token: historyToken,
        method: "POST",
        body: mood,
      },
    ];

    const hold = Number(process.env.HAVEN_BENCH_HOLD ?? 0);
    if (hold > 0) {
      // For profiling by hand: the stack stays up, seeded and signed in, for this many seconds.
      console.log(JSON.stringify({ app, bare, tokens: { newToken, historyToken, smallToken, largeToken } }));
      await sleep(hold * 1000);
      return;
    }
    for (const target of targets) await load(target, WARMUP_S);
    const figures = new Map<string, Figure[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(
        `round ${round} of ${ROUNDS}: ${targets.length} targets, ${CONNECTIONS} connections, ${DURATION_S} s each`,
      );
      for (const target of targets) figures.get(target.name)?.push(await load(target, DURATION_S));
    }
    report(targets, figures);
  } finally {
    stopAll();
    await sleep(1_000);
    await rm(stateDir, { recursive: true, force: true });
  }
}

function mean(list: number[]): number {
  return list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
}

const STACK_FLOOR = "bare + Hono, jose, one D1 query";
const WRITE_FLOOR = "bare + a write's round trips";
const KEPT_WRITE_FLOOR = "bare + an object call and a D1 write";
const MIDDLEWARE_FLOOR = "Haven's middleware + one D1 query";

function report(targets: Target[], figures: Map<string, Figure[]>): void {
  const base = figures.get(targets[0]?.name ?? "") ?? [];
  const baseRps = mean(base.map((f) => f.rps));
  const baseP99 = mean(base.map((f) => f.p99));
  const of = (name: string) => figures.get(name) ?? [];
  const rps = (name: string) => mean(of(name).map((f) => f.rps));
  const p99 = (name: string) => mean(of(name).map((f) => f.p99));
  const rows: string[][] = [["target", "req/s (per round)", "p99 ms", "× baseline req/s", "× baseline p99", "non-2xx"]];
  for (const t of targets) {
    const list = of(t.name);
    rows.push([
      t.name,
      `${f0(rps(t.name))} (${list.map((f) => f0(f.rps)).join(", ")})`,
      f0(p99(t.name)),
      f2(rps(t.name) / baseRps),
      f2(p99(t.name) / baseP99),
      String(list.reduce((n, f) => n + f.non2xx + f.errors, 0)),
    ]);
  }
  console.log(`\n${table(rows)}\n`);
  console.log(
    "The first two 'bare +' rows are the platform alone (no framework, validation or query builder):\n" +
      "one D1 round trip, or one Durable Object call. A read makes at least one D1 round trip, a write\n" +
      "a Durable Object call and one or two D1 round trips behind it: these are the ceilings for those\n" +
      "ratios here. The third is the least an authenticated read does on the product's stack: Hono routes it,\n" +
      "jose verifies the token, one D1 query, a JSON answer; no middleware, validation or query builder.\n" +
      "The fourth is the least a write does on the platform: a POST's body to one Durable Object, which\n" +
      "makes a D1 read, then inserts the body in a D1 batch (a committed write). The fifth is that\n" +
      "without the read: a write whose object answers its checks from memory and only commits to D1,\n" +
      "as Haven's does once its object has kept the user's state (worker/commands/kept-state.ts).\n" +
      "The sixth is Haven itself answering GET /health: the middleware every API request passes\n" +
      "(request id, security headers, CORS, config guard, error log, address hash, body guard) and\n" +
      "one small D1 read, with no sign-in: what a read costs here before its session check and data.\n",
  );
  const share = (name: string, floor: string) => `${f0((rps(name) / rps(floor)) * 100)}%`;
  const reads = targets.filter((x) => x.kind === "read").map((t) => `${t.name} ${share(t.name, STACK_FLOOR)}`);
  const writes = targets.filter((x) => x.kind === "write").map((t) => `${t.name} ${share(t.name, KEPT_WRITE_FLOOR)}`);
  console.log(`Of the third floor's req/s: ${reads.join("; ")}.`);
  console.log(`Of the fifth floor's req/s: ${writes.join("; ")}.\n`);

  const verdicts: string[][] = [["goal (issue 15)", "measured", "met"]];
  const check = (goal: string, measured: string, met: boolean) => verdicts.push([goal, measured, met ? "yes" : "NO"]);
  for (const t of targets.filter((x) => x.kind === "read")) {
    const ratio = rps(t.name) / baseRps;
    const tail = p99(t.name) / baseP99;
    check(`${t.name}: ≥ 0.6× req/s, p99 ≤ 2×`, `${f2(ratio)}×, p99 ${f2(tail)}×`, ratio >= 0.6 && tail <= 2);
  }
  for (const t of targets.filter((x) => x.kind === "write")) {
    const ratio = rps(t.name) / baseRps;
    check(`${t.name}: ≥ 0.35× req/s`, `${f2(ratio)}×`, ratio >= 0.35);
  }
  const flat = (newer: string, older: string, what: string) => {
    const drop = 1 - rps(older) / rps(newer);
    check(`${what}: two years within 15% of new`, `${f0(drop * 100)}% slower`, drop <= 0.15);
  };
  flat("GET /progress, new patient", "GET /progress, two years", "progress read");
  flat("pull page, new patient", "pull page, two years", "pull page");
  flat("POST /moods (DO), new patient", "POST /moods (DO), two years", "DO write");
  const small = `caseload of ${SMALL_CASELOAD}`;
  const large = `caseload of ${LARGE_CASELOAD}`;
  const slower = rps(small) / rps(large);
  check(`caseload of ${LARGE_CASELOAD} within 2× of ${SMALL_CASELOAD}`, `${f2(slower)}× slower`, slower <= 2);
  console.log(table(verdicts));
  const failures = targets.filter((t) => of(t.name).some((f) => f.non2xx + f.errors > 0));
  if (failures.length > 0) {
    console.log(
      `\nNOTE: non-2xx answers or errors on: ${failures.map((t) => t.name).join("; ")} (figures not comparable)`,
    );
  }
}

await main();
