/**
 * The offline engine's regression tests (issue 11), one per defect that lives in the engine,
 * in Node over fake-indexeddb and the model server (testing/model-server.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { RetryLater, SyncHttpError, SyncTimeout } from "./sync-core";
import { Device, ModelServer } from "./testing/model-server";

let n = 0;
const devices: Device[] = [];
function device(server: ModelServer, options: ConstructorParameters<typeof Device>[2] = {}): Device {
  const d = new Device(server, `engine-${++n}`, options);
  devices.push(d);
  return d;
}
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});

const texts = async (d: Device) => Object.fromEntries([...(await d.shown())].map(([id, note]) => [id, note.text]));

describe("defect 3: a failure the server can recover from is not a refusal", () => {
  it("keeps every operation queued after a 503, and sends them again later", async () => {
    const server = new ModelServer();
    const d = device(server);
    await d.put("a", "one");
    await d.put("b", "two");
    d.nextPushFault = { kind: "unavailable" };
    expect(await d.sync()).toBeInstanceOf(SyncHttpError);
    expect(await d.db.outbox.count()).toBe(2);
    expect(await d.db.notices.count()).toBe(0);
    expect((await d.shown()).get("a")).toMatchObject({ text: "one", pending: true });
    expect(await d.sync()).toBeNull();
    expect(await d.db.outbox.count()).toBe(0);
    expect(await texts(d)).toEqual({ a: "one", b: "two" });
  });

  it("settles what ran, keeps the operation answered `failed` and everything after it, and asks to retry later", async () => {
    const server = new ModelServer();
    const d = device(server);
    await d.put("a", "one");
    await d.put("b", "two");
    await d.put("c", "three");
    d.nextPushFault = { kind: "failAt", index: 1 };
    expect(await d.sync()).toBeInstanceOf(RetryLater);
    expect((await d.db.outbox.toArray()).map((o) => (o.payload as { id: string }).id)).toEqual(["b", "c"]);
    expect(await d.db.notices.count()).toBe(0);
    expect(await d.sync()).toBeNull();
    expect(await texts(d)).toEqual({ a: "one", b: "two", c: "three" });
    expect([...server.visible().keys()].sort()).toEqual(["a", "b", "c"]);
  });
});

describe("a push over its rate limit still delivers its crisis flags (issue 12)", () => {
  it("settles the operations that ran after one that failed, keeps the failed ones queued in order, and asks to retry later", async () => {
    const server = new ModelServer();
    const d = device(server);
    await d.put("a", "one");
    await d.put("flag", "sos");
    await d.put("a", "one, edited");
    await d.put("c", "three");
    const first = await d.db.outbox.toArray();
    // Over the limit, the server runs only the flag; the rest answer `failed`.
    d.nextPushFault = { kind: "limitedExcept", ids: ["flag"] };
    expect(await d.sync()).toBeInstanceOf(RetryLater);
    const queued = (await d.db.outbox.toArray()).map((o) => (o.payload as { id: string; text: string }).text);
    expect(queued).toEqual(["one", "one, edited", "three"]);
    const flagOp = first.find((o) => (o.payload as { id: string }).id === "flag");
    expect(await d.db.results.get(flagOp?.opId ?? "")).toMatchObject({ result: { note: { id: "flag", text: "sos" } } });
    expect(await d.db.notices.count()).toBe(0);
    expect(await d.sync()).toBeNull();
    expect(await texts(d)).toEqual({ a: "one, edited", flag: "sos", c: "three" });
  });

  it("leaves an answered write queued when an earlier write to the same entity failed", async () => {
    const server = new ModelServer();
    const d = device(server);
    await d.put("a", "one");
    await d.put("a", "two");
    // Only the second write to "a" is answered applied (a server that ran it out of turn):
    // the device keeps both, in order, rather than confirm "two" under a failed "one".
    const ops = await d.db.outbox.toArray();
    await d.core
      .settle(ops, [
        { opId: ops[0]?.opId ?? "", status: "failed", error: { code: "RATE_LIMITED", message: "wait" } },
        { opId: ops[1]?.opId ?? "", status: "applied", result: { note: { id: "a", text: "two" } } },
      ])
      .catch((e: unknown) => e);
    expect((await d.db.outbox.toArray()).map((o) => o.opId)).toEqual(ops.map((o) => o.opId));
  });
});

describe("defect 4: a device never stays wrong", () => {
  it("rolls a refused write back to the server's confirmed state, not to an earlier unconfirmed write", async () => {
    const server = new ModelServer();
    const d = device(server);
    await d.put("a", "v1");
    await d.sync();
    // Two writes offline; the server takes the first and refuses the second.
    await d.put("a", "v2");
    await d.put("a", "bad v3");
    expect(await d.sync()).toBeNull();
    const shown = (await d.shown()).get("a");
    expect(shown).toMatchObject({ text: "v2", pending: false, rejected: true });
    expect(await d.db.outbox.count()).toBe(0);
    await d.dismissAll();
    expect(await d.shown()).toEqual(new Map([["a", { id: "a", text: "v2", pending: false, rejected: false }]]));
  });

  it("an edit refused because another device deleted the note shows it gone, though the pull skipped the delete while the edit was pending", async () => {
    const server = new ModelServer();
    const phone = device(server);
    const tablet = device(server);
    await phone.put("a", "Walk");
    await phone.sync();
    await tablet.sync();
    await tablet.put("a", "Walk the dog"); // offline edit, pending
    await phone.remove("a");
    await phone.sync();
    // The tablet pulls (its push fails): the delete arrives while its edit is pending.
    tablet.nextPushFault = { kind: "unavailable" };
    await tablet.sync();
    expect((await tablet.shown()).get("a")).toMatchObject({ text: "Walk the dog", pending: true });
    // Now the edit is refused (GONE): the note must go, not come back as it was before.
    expect(await tablet.sync()).toBeNull();
    await tablet.dismissAll();
    expect(await tablet.shown()).toEqual(new Map());
    expect(await tablet.db.outbox.count()).toBe(0);
  });

  it("never leaves an item waiting to sync with an empty outbox", async () => {
    const server = new ModelServer();
    const d = device(server);
    await d.put("a", "v1");
    await d.put("a", "bad");
    await d.sync();
    expect(await d.db.outbox.count()).toBe(0);
    expect([...(await d.shown()).values()].filter((x) => x.pending)).toEqual([]);
  });
});

describe("defect 5: a duplicate that carries an error is a refusal", () => {
  it("rolls back a write whose first attempt was refused and whose answer was lost", async () => {
    const server = new ModelServer();
    const d = device(server);
    await d.put("a", "bad idea");
    d.nextPushFault = { kind: "lost" };
    await d.sync();
    expect(await d.db.outbox.count()).toBe(1);
    await d.sync(); // the replay: duplicate, with the stored refusal
    expect(await d.db.outbox.count()).toBe(0);
    const notices = await d.db.notices.toArray();
    expect(notices).toMatchObject([{ code: "BAD_TEXT", kind: "refused" }]);
    await d.dismissAll();
    expect(await d.shown()).toEqual(new Map());
  });

  it("confirms a write whose first attempt was applied and whose answer was lost, with the server's state", async () => {
    const server = new ModelServer();
    const phone = device(server);
    const tablet = device(server);
    await phone.put("a", "first");
    phone.nextPushFault = { kind: "lost" };
    phone.pullFails = true;
    await phone.sync();
    await tablet.sync();
    await tablet.put("a", "second");
    await tablet.sync();
    phone.pullFails = false;
    expect(await phone.sync()).toBeNull();
    expect(await texts(phone)).toEqual({ a: "second" });
  });
});

describe("a cursor the server no longer accepts (issue 13, item 14)", () => {
  it("is dropped and the device pulls again from the start, instead of failing every sync", async () => {
    const server = new ModelServer();
    const phone = device(server);
    const tablet = device(server);
    await phone.put("a", "one");
    await phone.put("b", "two");
    expect(await phone.sync()).toBeNull();
    expect(await tablet.sync()).toBeNull();
    // The server's cursor key changes (a new secret, or its HKDF subkeys): old cursors are refused.
    server.cursorKey = 2;
    await phone.put("a", "uno");
    await phone.remove("b");
    expect(await phone.sync()).toBeNull();
    expect(await tablet.sync()).toBeNull();
    expect(await texts(tablet)).toEqual({ a: "uno" });
    expect(await tablet.sync()).toBeNull();
  });

  it("still fails the sync when the cursor is refused with no cursor sent", async () => {
    const server = new ModelServer();
    const d = device(server);
    server.pull = () => {
      throw new SyncHttpError(400, "INVALID_CURSOR");
    };
    expect(await d.sync()).toBeInstanceOf(SyncHttpError);
  });
});

describe("defect 7: a stalled request does not freeze syncing", () => {
  it("abandons a push that never answers after the deadline, and the next round delivers it", async () => {
    const server = new ModelServer();
    const d = device(server, { timeoutMs: 50 });
    await d.put("a", "one");
    d.stall = true;
    expect(await d.sync()).toBeInstanceOf(SyncTimeout);
    expect(await d.db.outbox.count()).toBe(1);
    d.stall = false;
    expect(await d.sync()).toBeNull();
    expect(await texts(d)).toEqual({ a: "one" });
  });
});

describe("defects 2 and 11: a wrong device clock", () => {
  it("measures the clock's error from the server's stated time and stamps writes with corrected time", async () => {
    const server = new ModelServer();
    const DAYS_BEHIND = 3 * 86_400_000;
    const d = device(server, { deviceNow: () => Date.now() - DAYS_BEHIND });
    // Written before any measurement: corrected at push, after the first pull has measured.
    await d.put("a", "offline first");
    const sent: string[] = [];
    const push = server.push.bind(server);
    server.push = (ops, fault) => {
      sent.push(...ops.map((o) => o.at));
      return push(ops, fault);
    };
    expect(await d.sync()).toBeNull();
    expect(Math.abs(Date.parse(sent[0] ?? "") - Date.now())).toBeLessThan(60_000);
    expect(Math.abs((d.clock.skewMs ?? 0) - DAYS_BEHIND)).toBeLessThan(60_000);
    // Written after: stamped with corrected time at once.
    await d.put("b", "later");
    const op = await d.db.outbox.toArray();
    expect(Math.abs(Date.parse(op[0]?.at ?? "") - Date.now())).toBeLessThan(60_000);
    expect(Math.abs(d.clock.now() - Date.now())).toBeLessThan(60_000);
  });

  it("tells the patient when a write was kept late (it earned nothing), without rolling it back", async () => {
    const server = new ModelServer();
    const d = device(server);
    const push = server.push.bind(server);
    server.push = (ops, fault) => {
      const answer = push(ops, fault);
      return {
        ...answer,
        results: answer.results.map((r) =>
          "result" in r
            ? {
                ...r,
                result: { ...(r.result as object), warning: { code: "CLIENT_TIME_OUT_OF_WINDOW", message: "late" } },
              }
            : r,
        ),
      };
    };
    await d.put("a", "kept");
    await d.sync();
    expect(await d.db.notices.toArray()).toMatchObject([{ kind: "late", code: "CLIENT_TIME_OUT_OF_WINDOW" }]);
    expect(await texts(d)).toEqual({ a: "kept" });
  });
});

describe("the outbox keeps each operation's answer", () => {
  it("so a screen can read it by opId instead of asking again", async () => {
    const server = new ModelServer();
    const d = device(server);
    const opId = await d.put("a", "one");
    await d.sync();
    expect(await d.db.results.get(opId)).toMatchObject({
      type: "note.put",
      result: { note: { id: "a", text: "one" } },
    });
  });
});

describe("entities by name", () => {
  it("skips a change for an entity this code does not know (from a newer server), and moves on", async () => {
    const server = new ModelServer();
    const d = device(server);
    server.log.push({ seq: 1, entity: "somethingNew", id: "x", op: "upsert", data: { id: "x" } });
    await d.put("a", "one");
    expect(await d.sync()).toBeNull();
    expect(await d.db.entities.where("entity").equals("somethingNew").count()).toBe(0);
    expect(await texts(d)).toEqual({ a: "one" });
  });
});

describe("what an applied write has to say", () => {
  it("files each warning as its own notice: late (earned nothing) or changed (it replaced a change made elsewhere)", async () => {
    const server = new ModelServer();
    const d = device(server);
    const push = server.push.bind(server);
    server.push = (ops, fault) => {
      const answer = push(ops, fault);
      const warnings = [
        { code: "QUEST_EDIT_MERGED", message: "Your title replaced the one changed on another device." },
        { code: "CLIENT_TIME_OUT_OF_WINDOW", message: "late" },
      ];
      return {
        ...answer,
        results: answer.results.map((r) =>
          "result" in r ? { ...r, result: { ...(r.result as object), warnings } } : r,
        ),
      };
    };
    await d.put("a", "kept");
    await d.sync();
    expect((await d.db.notices.toArray()).map((n) => n.kind)).toEqual(["changed", "late"]);
  });
});
