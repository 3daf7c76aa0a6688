import { describe, expect, it } from "vitest";
import { chatDeltas } from "./deltas";
import { type SseEvent, sseEvents } from "./sse";
import { ProviderError } from "./types";

const encoder = new TextEncoder();

/** A body that delivers `bytes` in the given pieces (cut points are byte offsets). */
function bodyOf(bytes: Uint8Array, cuts: number[] = []): ReadableStream<Uint8Array> {
  const points = [0, ...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i + 1 < points.length; i++) controller.enqueue(bytes.slice(points[i], points[i + 1]));
      controller.close();
    },
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}`;

describe("sseEvents", () => {
  it("joins multi-line data, names events, skips comments and events without data", async () => {
    const text = ": hello\n\nevent: delta\ndata: a\ndata: b\n\nid: 3\n\ndata:no-space\n\n";
    expect(await collect(sseEvents(bodyOf(encoder.encode(text))))).toEqual([
      { event: "delta", data: "a\nb" },
      { event: "message", data: "no-space" },
    ]);
  });

  it("accepts LF, CRLF and lone CR line endings", async () => {
    const text = "data: one\n\ndata: two\r\n\r\ndata: three\r\rdata: four\n\n";
    expect((await collect(sseEvents(bodyOf(encoder.encode(text))))).map((e) => e.data)).toEqual([
      "one",
      "two",
      "three",
      "four",
    ]);
  });

  it("gives the same events whatever single byte the stream is cut at, CRLF and multi-byte characters included", async () => {
    const text = `${chunk("Caf\u00e9 ")}\r\n\r\n: ping\n\n${chunk("\u2014 \u{1F33F} ok")}\n\ndata: [DONE]\r\n\r\n`;
    const bytes = encoder.encode(text);
    const whole = await collect(sseEvents(bodyOf(bytes)));
    expect(whole).toHaveLength(3);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await collect(sseEvents(bodyOf(bytes, [cut]))), `cut at byte ${cut}`).toEqual(whole);
    }
  });

  it("gives the same events when the stream arrives one byte at a time", async () => {
    const text = `${chunk("\u00e9\u00e9\u{1F33F}")}\r\n\r\n${chunk("x")}\r\n\r\n`;
    const bytes = encoder.encode(text);
    const cuts = Array.from({ length: bytes.length }, (_, i) => i);
    const events: SseEvent[] = await collect(sseEvents(bodyOf(bytes, cuts)));
    expect(events.map((e) => JSON.parse(e.data).choices[0].delta.content)).toEqual(["\u00e9\u00e9\u{1F33F}", "x"]);
  });

  it("dispatches an event left pending when the stream ends without a blank line", async () => {
    expect(await collect(sseEvents(bodyOf(encoder.encode("data: one\n\ndata: [DONE]"))))).toEqual([
      { event: "message", data: "one" },
      { event: "message", data: "[DONE]" },
    ]);
  });
});

describe("chatDeltas", () => {
  it("yields the text of each delta, skipping role-only and empty chunks, and stops at [DONE]", async () => {
    const text = [
      `data: ${JSON.stringify({ choices: [{ delta: { role: "assistant" } }] })}`,
      chunk("Hello"),
      chunk(""),
      chunk(" there"),
      `data: ${JSON.stringify({ choices: [], usage: { total_tokens: 9 } })}`,
      "data: [DONE]",
      chunk("after the end"),
    ].join("\n\n");
    expect(await collect(chatDeltas(bodyOf(encoder.encode(`${text}\n\n`))))).toEqual(["Hello", " there"]);
  });

  it("reads Workers AI's `response` chunks too", async () => {
    const text = 'data: {"response":"Hi"}\n\ndata: {"response":" you"}\n\ndata: [DONE]\n\n';
    expect(await collect(chatDeltas(bodyOf(encoder.encode(text))))).toEqual(["Hi", " you"]);
  });

  it("fails on a chunk that is not JSON, or that reports an error", async () => {
    await expect(collect(chatDeltas(bodyOf(encoder.encode("data: {not json\n\n"))))).rejects.toBeInstanceOf(
      ProviderError,
    );
    await expect(
      collect(chatDeltas(bodyOf(encoder.encode('data: {"error":{"message":"overloaded"}}\n\n')))),
    ).rejects.toMatchObject({ failure: "bad_stream" });
  });

  it("ends when its signal aborts, without waiting for more bytes", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`${chunk("first")}\n\n`));
      },
    });
    const abort = new AbortController();
    const pieces = chatDeltas(stalled, abort.signal);
    expect(await pieces.next()).toEqual({ done: false, value: "first" });
    const next = pieces.next();
    abort.abort();
    expect(await next).toEqual({ done: true, value: undefined });
  });
});
