import { COMPANION_REPLY_MAX_TOKENS } from "../../shared/limits";
import { type Opened, type StreamPolicy, streamWithRetries } from "./attempts";
import { type ChatTurn, type CompanionProvider, ProviderError } from "./types";

/**
 * The part of the Workers AI binding (`env.AI`, an `[ai]` binding in wrangler.toml) the companion
 * uses. Typed here rather than taken from the generated Env: the binding is optional and not
 * declared, because local development and the tests cannot reach Cloudflare.
 */
export interface WorkersAiBinding {
  run(model: string, inputs: { messages: ChatTurn[]; stream: true; max_tokens: number }): Promise<unknown>;
}

/** Whether `value` looks like the Workers AI binding (checked at run time: it may be absent). */
export function isWorkersAiBinding(value: unknown): value is WorkersAiBinding {
  return typeof value === "object" && value !== null && typeof (value as { run?: unknown }).run === "function";
}

const encoder = new TextEncoder();

/**
 * The companion on Workers AI: `env.AI.run(model, { messages, stream: true })` answers a stream
 * of server-sent events (`data: {"response":"…"}` … `data: [DONE]`, or OpenAI-style deltas on
 * newer models), read by the same parser as the HTTP client. A model that answers in one piece
 * is treated as a one-event stream. A thrown error (capacity, a model error) is retried like a
 * 5xx, before the first token only.
 */
export function workersAi(ai: WorkersAiBinding, model: string, policy: StreamPolicy): CompanionProvider {
  async function open(turns: ChatTurn[]): Promise<Opened> {
    let result: unknown;
    try {
      result = await ai.run(model, { messages: turns, stream: true, max_tokens: COMPANION_REPLY_MAX_TOKENS });
    } catch {
      return { ok: false, error: new ProviderError("http_error"), retryable: true };
    }
    if (result instanceof ReadableStream) return { ok: true, body: result as ReadableStream<Uint8Array> };
    const response = (result as { response?: unknown } | null)?.response;
    if (typeof response !== "string") return { ok: false, error: new ProviderError("bad_stream"), retryable: false };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify({ response })}\n\ndata: [DONE]\n\n`));
        controller.close();
      },
    });
    return { ok: true, body };
  }

  return {
    name: "workers-ai",
    stream: (turns, signal) => streamWithRetries(() => open(turns), policy, signal),
  };
}
