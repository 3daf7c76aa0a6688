import { sseEvents } from "./sse";
import { ProviderError } from "./types";

/** The text in one streamed chunk: OpenAI's `choices[0].delta.content`, or Workers AI's `response`. */
function textOf(chunk: unknown): string {
  if (typeof chunk !== "object" || chunk === null) return "";
  const c = chunk as { choices?: { delta?: { content?: unknown } }[]; response?: unknown; error?: unknown };
  if (c.error !== undefined && c.error !== null) throw new ProviderError("bad_stream");
  const content = c.choices?.[0]?.delta?.content;
  if (typeof content === "string") return content;
  return typeof c.response === "string" ? c.response : "";
}

/**
 * The reply's text pieces from a chat-completions SSE body (`data: {choices:[{delta:{content}}]}`
 * … `data: [DONE]`). Chunks without text (the role-only first delta, a usage summary, a finish
 * reason) are skipped; a chunk that is not JSON, or that reports an error, fails the stream.
 * Ends at `[DONE]`, or when the body ends (or `signal` aborts).
 */
export async function* chatDeltas(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<string, void, undefined> {
  for await (const event of sseEvents(body, signal)) {
    if (event.event === "error") throw new ProviderError("bad_stream");
    if (event.event !== "message") continue;
    const data = event.data.trim();
    if (data === "[DONE]") return;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new ProviderError("bad_stream");
    }
    const text = textOf(chunk);
    if (text.length > 0) yield text;
  }
}
