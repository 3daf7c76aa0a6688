/**
 * Where a write stands (op-status.ts): what an "Alert my care team" or a low mood's flag shows
 * the patient, over the real engine, fake-indexeddb and the model server.
 */
import { afterEach, describe, expect, it } from "vitest";
import { opStatus } from "./op-status";
import { Device, ModelServer } from "./testing/model-server";

let n = 0;
const devices: Device[] = [];
function device(server: ModelServer): Device {
  const d = new Device(server, `op-status-${++n}`);
  devices.push(d);
  return d;
}
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});

describe("opStatus", () => {
  it("is pending while the write waits in the outbox, with the time it was made", async () => {
    const d = device(new ModelServer());
    const opId = await d.put("a", "alert");
    const status = await opStatus(d.db, opId);
    const queued = await d.db.outbox.where("opId").equals(opId).first();
    expect(status).toEqual({ state: "pending", at: queued?.at });
  });

  it("stays pending while offline (the push fails) and becomes delivered, with the server's answer, once it syncs", async () => {
    const server = new ModelServer();
    const d = device(server);
    const opId = await d.put("a", "alert");
    d.nextPushFault = { kind: "unavailable" };
    await d.sync();
    expect((await opStatus(d.db, opId))?.state).toBe("pending");
    const before = Date.now();
    expect(await d.sync()).toBeNull();
    const status = await opStatus(d.db, opId);
    expect(status).toMatchObject({ state: "delivered", result: { note: { id: "a", text: "alert" } } });
    expect(Date.parse(status?.at ?? "")).toBeGreaterThanOrEqual(before - 1000);
  });

  it("stays pending when the answer is lost, and is delivered (not sent twice) when the replay is answered as a duplicate", async () => {
    const server = new ModelServer();
    const d = device(server);
    const opId = await d.put("a", "alert");
    d.nextPushFault = { kind: "lost" };
    await d.sync();
    expect((await opStatus(d.db, opId))?.state).toBe("pending");
    await d.sync();
    expect((await opStatus(d.db, opId))?.state).toBe("delivered");
    expect(server.ops.size).toBe(1);
  });

  it("is refused, with the server's reason, when the server refuses the write", async () => {
    const d = device(new ModelServer());
    const opId = await d.put("a", "bad alert");
    await d.sync();
    expect(await opStatus(d.db, opId)).toMatchObject({
      state: "refused",
      error: { code: "BAD_TEXT", message: "BAD_TEXT" },
    });
    // The refusal is still told as a notice too, as every refusal is.
    expect(await d.db.notices.count()).toBe(1);
  });

  it("tells one write from another: a delivered alert does not make a later one look delivered", async () => {
    const d = device(new ModelServer());
    const first = await d.put("a", "one");
    await d.sync();
    const second = await d.put("b", "two");
    expect((await opStatus(d.db, first))?.state).toBe("delivered");
    expect((await opStatus(d.db, second))?.state).toBe("pending");
  });

  it("is null for a write this device does not know", async () => {
    const d = device(new ModelServer());
    expect(await opStatus(d.db, crypto.randomUUID())).toBeNull();
  });
});
