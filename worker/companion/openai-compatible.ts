import { COMPANION_REPLY_MAX_TOKENS } from "../../shared/limits";
import { type Opened, type StreamPolicy, streamWithRetries } from "./attempts";
import { retryAfterMs } from "./backoff";
import { type ChatTurn, type CompanionProvider, ProviderError } from "./types";

export interface OpenAiCompatibleConfig {
  /** e.g. `https://api.groq.com/openai/v1`, `http://127.0.0.1:11434/v1`: `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set; local servers often need none. */
  apiKey?: string;
  policy: StreamPolicy;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** Statuses worth another attempt: rate limited, or the provider's own trouble. */
const retryable = (status: number) => status === 429 || status >= 500;

/**
 * A chat-completions client for any OpenAI-compatible server (OpenAI, Groq, Together, vLLM,
 * Ollama, llama.cpp…): `POST {baseUrl}/chat/completions` with `stream: true`, the reply read as
 * server-sent events. Retries, backoff and timeouts come from `streamWithRetries`.
 *
 * @example
 * const provider = openAiCompatible({ baseUrl: "https://api.groq.com/openai/v1", model: "llama-3.1-8b-instant", apiKey, policy });
 * for await (const text of provider.stream([{ role: "user", content: "Hello" }])) console.log(text);
 */
export function openAiCompatible(config: OpenAiCompatibleConfig): CompanionProvider {
  const url = `${config.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const doFetch = config.fetch ?? fetch;
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "text/event-stream" };
  if (config.apiKey) headers.Authorization = `Bearer ${config.apiKey}`;

  async function open(turns: ChatTurn[], signal: AbortSignal): Promise<Opened> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify({
          model: config.model,
          messages: turns,
          stream: true,
          max_tokens: COMPANION_REPLY_MAX_TOKENS,
        }),
        signal,
      });
    } catch (err) {
      if (signal.aborted) throw err;
      return { ok: false, error: new ProviderError("network"), retryable: true };
    }
    if (!res.ok || res.body === null) {
      // The body may echo the conversation: it is dropped unread, never logged.
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) return { ok: false, error: new ProviderError("bad_stream"), retryable: false };
      return {
        ok: false,
        error: new ProviderError(res.status === 429 ? "rate_limited" : "http_error", { status: res.status }),
        retryable: retryable(res.status),
        retryAfterMs: retryAfterMs(res.headers.get("Retry-After"), Date.now()),
      };
    }
    return { ok: true, body: res.body };
  }

  return {
    name: "openai-compatible",
    stream: (turns, signal) => streamWithRetries((s) => open(turns, s), config.policy, signal),
  };
}
