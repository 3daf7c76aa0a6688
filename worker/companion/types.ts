/** One turn as chat-completion APIs take it. */
export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * A model behind the companion. `stream` yields the reply's text as it arrives, piece by piece.
 * The first `next()` resolves once the first piece of text is there — retries and the
 * first-token timeout happen before it — and any failure is a `ProviderError`. Returning from the
 * iteration early (or aborting `signal`) cancels the request to the provider.
 */
export interface CompanionProvider {
  /** For logs and tests: "openai-compatible" or "workers-ai". */
  readonly name: string;
  stream(turns: ChatTurn[], signal?: AbortSignal): AsyncGenerator<string, void, undefined>;
}

/** Why a provider failed; never carries the provider's response body (it may echo the chat). */
export type ProviderFailure = "timeout" | "rate_limited" | "http_error" | "network" | "bad_stream" | "empty_reply";

export class ProviderError extends Error {
  readonly failure: ProviderFailure;
  /** The provider's HTTP status, when it answered with one. */
  readonly status?: number;
  /** Whether any text had been yielded before the failure (then it is never retried). */
  readonly afterFirstToken: boolean;

  constructor(failure: ProviderFailure, options: { status?: number; afterFirstToken?: boolean } = {}) {
    super(`companion provider failed: ${failure}${options.status ? ` (HTTP ${options.status})` : ""}`);
    this.name = "ProviderError";
    this.failure = failure;
    this.status = options.status;
    this.afterFirstToken = options.afterFirstToken ?? false;
  }
}
