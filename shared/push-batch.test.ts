import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES, SYNC_PUSH_MAX_OPERATIONS } from "./limits";
import { PUSH_MAX_BYTES, takePush, utf8Length } from "./push-batch";

const json = (op: { opId: string; body: string }) => JSON.stringify(op);
const op = (n: number, chars: number, char = "a") => ({ opId: `op-${n}`, body: char.repeat(chars) });

describe("utf8Length", () => {
  it("counts bytes as UTF-8 does: 1 for ASCII, 2 for é, 3 for €, 4 for an emoji", () => {
    expect(utf8Length("a")).toBe(1);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("€")).toBe(3);
    expect(utf8Length("🌱")).toBe(4);
    expect(utf8Length("")).toBe(0);
  });

  it("agrees with TextEncoder on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
    );
  });
});

describe("takePush", () => {
  it("keeps a push under the body limit: seven offline messages of 9,600 characters go in two pushes, in order", () => {
    const ops = Array.from({ length: 7 }, (_, n) => op(n, 9_600));
    const first = takePush(ops, json);
    expect(first.tooLarge).toBeNull();
    expect(first.batch.map((o) => o.opId)).toEqual(ops.slice(0, 6).map((o) => o.opId));
    const second = takePush(ops.slice(first.batch.length), json);
    expect(second.batch.map((o) => o.opId)).toEqual(["op-6"]);
  });

  it("counts bytes, not characters: 9,600 three-byte characters make one operation a push", () => {
    const ops = Array.from({ length: 3 }, (_, n) => op(n, 9_600, "€"));
    expect(takePush(ops, json).batch).toHaveLength(2);
  });

  it("takes at most the server's operation count, however small they are", () => {
    const ops = Array.from({ length: 250 }, (_, n) => op(n, 1));
    expect(takePush(ops, json).batch).toHaveLength(SYNC_PUSH_MAX_OPERATIONS);
  });

  it("sets apart a first operation that alone exceeds the budget, and takes nothing with it", () => {
    const ops = [op(0, PUSH_MAX_BYTES), op(1, 10)];
    expect(takePush(ops, json)).toEqual({ batch: [], tooLarge: ops[0] });
  });

  it("leaves a too-large operation further back for a later push, which then sets it apart", () => {
    const ops = [op(0, 10), op(1, PUSH_MAX_BYTES)];
    expect(takePush(ops, json)).toEqual({ batch: [ops[0]], tooLarge: null });
  });

  it("answers nothing for an empty outbox", () => {
    expect(takePush([], json)).toEqual({ batch: [], tooLarge: null });
  });

  it("always makes progress and never builds a body over the limit", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 150 }), (sizes) => {
        const ops = sizes.map((chars, n) => op(n, chars));
        const { batch, tooLarge } = takePush(ops, json);
        expect(batch.length + (tooLarge ? 1 : 0)).toBeGreaterThan(0);
        const body = JSON.stringify({ clientId: crypto.randomUUID(), operations: batch });
        expect(utf8Length(body)).toBeLessThan(BODY_LIMIT_BYTES);
        expect(batch).toEqual(ops.slice(0, batch.length));
      }),
    );
  });
});
