/**
 * Server-sent events in, as the WHATWG HTML spec parses them (§9.2.6): lines end in CR, LF or
 * CRLF; `data:` lines of one event are joined with "\n"; a blank line dispatches the event;
 * lines starting with ":" are comments; one space after the colon is dropped. The bytes may be
 * cut anywhere by the network — inside a field name, between a CR and its LF, or inside a
 * multi-byte character — so decoding is streaming and lines are cut only once complete.
 */

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * The events of an SSE byte stream, in order. Unlike the spec, an event still pending when the
 * stream ends is dispatched too: some servers close right after their last `data:` line.
 * Aborting `signal` cancels the body, which ends the events (a pending read returns at once).
 *
 * @example
 * for await (const e of sseEvents(response.body)) if (e.data === "[DONE]") break;
 */
export async function* sseEvents(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SseEvent, void, undefined> {
  const decoder = new TextDecoder("utf-8");
  const reader = body.getReader();
  const cancel = () => {
    reader.cancel(signal?.reason).catch(() => undefined);
  };
  if (signal?.aborted) cancel();
  signal?.addEventListener("abort", cancel, { once: true });
  let buffer = "";
  let data: string[] = [];
  let event = "";
  /** A CR ended the last chunk: an LF at the start of the next one belongs to it. */
  let pendingCr = false;

  function* lines(text: string): Generator<string> {
    buffer += text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const ch = buffer[i];
      if (ch !== "\n" && ch !== "\r") continue;
      if (ch === "\n" && i === start && pendingCr) {
        // The LF of a CRLF whose CR ended the previous line.
        pendingCr = false;
        start = i + 1;
        continue;
      }
      yield buffer.slice(start, i);
      if (ch === "\r") {
        if (i + 1 < buffer.length) {
          if (buffer[i + 1] === "\n") i++;
          pendingCr = false;
        } else {
          pendingCr = true;
        }
      } else {
        pendingCr = false;
      }
      start = i + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length > 0) pendingCr = false;
  }

  function field(line: string): SseEvent | undefined {
    if (line === "") {
      const out = data.length > 0 ? { event: event || "message", data: data.join("\n") } : undefined;
      data = [];
      event = "";
      return out;
    }
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (name === "data") data.push(value);
    else if (name === "event") event = value;
    return undefined;
  }

  try {
    while (true) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (const line of lines(text)) {
        const out = field(line);
        if (out) yield out;
      }
      if (done) break;
    }
    if (buffer.length > 0) field(buffer);
    buffer = "";
    const last = field("");
    if (last) yield last;
  } finally {
    signal?.removeEventListener("abort", cancel);
    // An early return (the caller stopped reading) cancels the body: the connection is freed.
    await reader.cancel().catch(() => undefined);
  }
}
