/**
 * Issue 11's convergence property: two or three devices make random offline edits (some the
 * server refuses), sync through a link that loses answers, fails whole pushes, fails one
 * operation mid-push and fails pulls, in any interleaving. Once the network heals and every
 * device has synced, each shows exactly the server's state, nothing waits with an empty outbox,
 * every write the device acknowledged reached the server, and every refusal was told.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Device, ModelServer, type PushFault } from "./testing/model-server";

const IDS = ["a", "b", "c"] as const;

type Step =
  | { kind: "put"; device: number; id: string; text: string }
  | { kind: "remove"; device: number; id: string }
  | { kind: "sync"; device: number; fault: PushFault; pullFails: boolean }
  | { kind: "dismiss"; device: number };

const deviceIx = fc.nat({ max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("put" as const),
      device: deviceIx,
      id: fc.constantFrom(...IDS),
      // One text in five is refused by the server (BAD_TEXT).
      text: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("x", "y", "z", "w") },
        { weight: 1, arbitrary: fc.constant("bad") },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("remove" as const), device: deviceIx, id: fc.constantFrom(...IDS) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("sync" as const),
      device: deviceIx,
      fault: fc.oneof(
        { weight: 4, arbitrary: fc.constant({ kind: "none" } as PushFault) },
        { weight: 1, arbitrary: fc.constant({ kind: "unavailable" } as PushFault) },
        { weight: 1, arbitrary: fc.constant({ kind: "lost" } as PushFault) },
        { weight: 1, arbitrary: fc.nat({ max: 4 }).map((index): PushFault => ({ kind: "failAt", index })) },
      ),
      pullFails: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dismiss" as const), device: deviceIx }) },
);

let run = 0;

async function check(deviceCount: number, steps: Step[]): Promise<void> {
  run++;
  const server = new ModelServer();
  const devices = Array.from({ length: deviceCount }, (_, i) => new Device(server, `converge-${run}-${i}`));
  const written: string[][] = devices.map(() => []);
  // Unique texts, so "the device shows the server's state" cannot pass by coincidence.
  let serial = 0;
  try {
    for (const s of steps) {
      const d = devices[s.device % deviceCount] as Device;
      const mine = written[s.device % deviceCount] as string[];
      if (s.kind === "put") mine.push(await d.put(s.id, `${s.text}-${++serial}`));
      else if (s.kind === "remove") mine.push(await d.remove(s.id));
      else if (s.kind === "dismiss") await d.dismissAll();
      else {
        d.nextPushFault = s.fault;
        d.pullFails = s.pullFails;
        await d.sync();
        d.pullFails = false;
        d.nextPushFault = { kind: "none" };
      }
    }
    // The network heals: every device syncs until its outbox is empty, then once more (to pull
    // what the others pushed after it).
    for (let round = 0; round < 3; round++) {
      for (const d of devices) expect(await d.sync()).toBeNull();
    }
    const truth = server.visible();
    for (const [i, d] of devices.entries()) {
      expect(await d.db.outbox.count()).toBe(0);
      // Every acknowledged write reached the server, and every refusal was told, once.
      const mine = written[i] as string[];
      for (const opId of mine) expect(server.ops.has(opId), `op ${opId} reached the server`).toBe(true);
      const refused = mine.filter((opId) => {
        const r = server.ops.get(opId);
        return r !== undefined && "error" in r;
      });
      expect(d.refusalsTold).toBe(refused.length);
      await d.dismissAll();
      const shown = await d.shown();
      expect([...shown.values()].filter((x) => x.pending || x.rejected)).toEqual([]);
      expect(new Map([...shown].map(([id, x]) => [id, { id: x.id, text: x.text }]))).toEqual(truth);
    }
  } finally {
    for (const d of devices) await d.close();
  }
}

describe("every device converges on the server's state", () => {
  it("over 500 generated histories of 2 or 3 devices with random offline edits, refusals, lost answers and failed pulls", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(step, { minLength: 5, maxLength: 40 }),
        (count, steps) => check(count, steps),
      ),
      { numRuns: 500 },
    );
  });

  it("in the case that once stranded a device: an edit pending while another device deletes, then refused", async () => {
    await check(2, [
      { kind: "put", device: 0, id: "a", text: "x" },
      { kind: "sync", device: 0, fault: { kind: "none" }, pullFails: false },
      { kind: "sync", device: 1, fault: { kind: "none" }, pullFails: false },
      { kind: "put", device: 1, id: "a", text: "y" },
      { kind: "remove", device: 0, id: "a" },
      { kind: "sync", device: 0, fault: { kind: "none" }, pullFails: false },
      { kind: "sync", device: 1, fault: { kind: "unavailable" }, pullFails: false },
      { kind: "put", device: 1, id: "a", text: "bad" },
    ]);
  });
});
