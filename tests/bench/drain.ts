/**
 * `npm run bench` (part 2): how long the PWA's sync engine takes to drain a long outbox — the
 * patient who comes back online after days of offline work. The real engine (pwa/src/data/
 * sync-core.ts) runs in Node over fake-indexeddb, against the real product (`npm start`:
 * workerd, D1, the user's Durable Object) over HTTP:
 *   (f) 2,000 queued check-ins drained (pushed in batches, settled, then pulled), against 200
 *       drained the same way as the baseline: per-operation time should not grow with the queue
 *       (it did: the engine scanned the whole outbox for every operation);
 *   (g) the same two sizes against a server in memory (testing/model-server.ts), which isolates
 *       the engine's own cost from the network and D1.
 * Figures and ratios are printed; nothing is asserted (2 shared cores, noisy).
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { DeviceClock } from "../../pwa/src/data/clock";
import { HavenDatabase } from "../../pwa/src/data/db";
import { SyncCore, SyncHttpError, type SyncTransport } from "../../pwa/src/data/sync-core";
import { Device, ModelServer } from "../../pwa/src/data/testing/model-server";
import type { SyncPullResponse, SyncPushResponse } from "../../shared/schemas/sync";
import { startStack } from "../e2e/stack";

const SIZES = [200, 2_000] as const;
const f1 = (n: number) => n.toFixed(1);

function httpTransport(base: string, token: string): SyncTransport {
  const call = async (path: string, init: RequestInit, signal: AbortSignal) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      signal,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    });
    if (!res.ok) throw new SyncHttpError(res.status, `HTTP ${res.status}`);
    return res.json();
  };
  return {
    push: async (body, signal) =>
      (await call("/api/v1/sync/push", { method: "POST", body: JSON.stringify(body) }, signal)) as SyncPushResponse,
    pull: async (query, signal) =>
      (await call(
        `/api/v1/sync/pull?limit=${query.limit}${query.cursor ? `&cursor=${encodeURIComponent(query.cursor)}` : ""}`,
        { method: "GET" },
        signal,
      )) as SyncPullResponse,
  };
}

/** Queues n check-ins on the engine (as the Sanctum does, each with its optimistic entity). */
async function queue(core: SyncCore, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const at = new Date().toISOString();
    await core.write(
      "mood.log",
      { id, mood: 5 + (i % 5), sleepQuality: i % 11 },
      { entity: "mood", id, data: { id, at, mood: 5 + (i % 5) } },
    );
  }
}

async function drain(core: SyncCore): Promise<number> {
  const started = performance.now();
  await core.syncOnce();
  const left = await core.db.outbox.count();
  if (left !== 0) throw new Error(`${left} operations still queued after the drain`);
  return performance.now() - started;
}

async function register(base: string, label: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      email: `drain-${label}-${Date.now()}@bench.haven.test`,
      password: `bench ${randomUUID()}`,
      displayName: `Drain ${label}`,
      timezone: "UTC",
    }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const rows: string[][] = [["queue", "against", "drain (s)", "per op (ms)"]];
const perOp: Record<string, number[]> = { http: [], memory: [] };

console.log("\n(f, g) draining a long outbox with the PWA's sync engine (pwa/src/data/sync-core.ts, fake-indexeddb)\n");
const stack = await startStack();
try {
  for (const n of SIZES) {
    const token = await register(stack.base, String(n));
    const db = new HavenDatabase(`drain-http-${n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const core = new SyncCore(db, httpTransport(stack.base, token), new DeviceClock(db));
    await queue(core, n);
    const ms = await drain(core);
    perOp.http?.push(ms / n);
    rows.push([String(n), "npm start (HTTP)", f1(ms / 1000), (ms / n).toFixed(2)]);
    db.close();
  }
} finally {
  await stack.stop();
}
for (const n of SIZES) {
  const device = new Device(new ModelServer(), `drain-memory-${n}`, { pullLimit: 1000, timeoutMs: 60_000 });
  await queue(device.core, n);
  const ms = await drain(device.core);
  perOp.memory?.push(ms / n);
  rows.push([String(n), "server in memory", f1(ms / 1000), (ms / n).toFixed(2)]);
  await device.close();
}
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  "));
const ratio = (xs: number[] | undefined) => (xs && xs.length === 2 ? f1((xs[1] ?? 0) / (xs[0] ?? 1)) : "?");
console.log(
  `\nper-op time, 2,000 vs 200 (1.0 = linear): ${ratio(perOp.http)}x over HTTP, ${ratio(perOp.memory)}x in memory` +
    `  (target: 2,000 drained in under 10 s; load avg ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")})`,
);
