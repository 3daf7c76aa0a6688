import { backoffMs } from "./backoff";
import { chatDeltas } from "./deltas";
import { ProviderError } from "./types";

/** How one reply is fetched: how many attempts, how long to wait for the first token and for all. */
export interface StreamPolicy {
  maxAttempts: number;
  firstTokenTimeoutMs: number;
  overallTimeoutMs: number;
  /** Injected for tests; `setTimeout` and Math.random otherwise. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** What one attempt to open the provider's stream gave: the SSE body, or a failure (maybe worth retrying). */
export type Opened =
  | { ok: true; body: ReadableStream<Uint8Array> }
  | { ok: false; error: ProviderError; retryable: boolean; retryAfterMs?: number };

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}

/**
 * Streams a reply's text through `open`, the provider-specific part. Before the first token:
 * a failure `open` marks retryable (429, 5xx, a network error) is retried with exponential
 * backoff — honouring Retry-After, capped — while attempts and the overall time last; the wait
 * for the first token is bounded by `firstTokenTimeoutMs`. Once text has been yielded nothing is
 * retried: the caller has already shown it, and a second answer would not continue the first.
 * The whole reply is bounded by `overallTimeoutMs`. Every failure is a ProviderError; stopping
 * early (return, or `signal` aborted) cancels the request.
 */
export async function* streamWithRetries(
  open: (signal: AbortSignal) => Promise<Opened>,
  policy: StreamPolicy,
  signal?: AbortSignal,
): AsyncGenerator<string, void, undefined> {
  const sleep = policy.sleep ?? abortableSleep;
  const random = policy.random ?? Math.random;
  const overall = new AbortController();
  let timedOut = false;
  const overallTimer = setTimeout(() => {
    timedOut = true;
    overall.abort(new ProviderError("timeout"));
  }, policy.overallTimeoutMs);
  const cancel = () => overall.abort(signal?.reason);
  signal?.addEventListener("abort", cancel, { once: true });
  const failure = (err: unknown, afterFirstToken: boolean): ProviderError => {
    if (timedOut) return new ProviderError("timeout", { afterFirstToken });
    if (err instanceof ProviderError) {
      return afterFirstToken ? new ProviderError(err.failure, { status: err.status, afterFirstToken }) : err;
    }
    return new ProviderError("network", { afterFirstToken });
  };

  try {
    for (let attempt = 1; ; attempt++) {
      const attemptAbort = new AbortController();
      const stopAttempt = () => attemptAbort.abort(overall.signal.reason);
      overall.signal.addEventListener("abort", stopAttempt, { once: true });
      const firstTimer = setTimeout(() => {
        timedOut = true;
        attemptAbort.abort(new ProviderError("timeout"));
      }, policy.firstTokenTimeoutMs);
      let pieces: AsyncGenerator<string, void, undefined> | undefined;
      try {
        let opened: Opened;
        try {
          opened = await raceAbort(open(attemptAbort.signal), attemptAbort.signal);
        } catch (err) {
          throw failure(err, false);
        }
        if (!opened.ok) {
          clearTimeout(firstTimer);
          if (opened.retryable && attempt < policy.maxAttempts && !overall.signal.aborted) {
            await sleep(backoffMs(attempt, opened.retryAfterMs, random), overall.signal).catch((err: unknown) => {
              throw failure(err, false);
            });
            continue;
          }
          throw opened.error;
        }
        pieces = chatDeltas(opened.body, attemptAbort.signal);
        let first: IteratorResult<string, void>;
        try {
          first = await raceAbort(pieces.next(), attemptAbort.signal);
        } catch (err) {
          throw failure(err, false);
        }
        clearTimeout(firstTimer);
        if (first.done) throw new ProviderError("empty_reply");
        yield first.value;
        while (true) {
          let next: IteratorResult<string, void>;
          try {
            next = await raceAbort(pieces.next(), attemptAbort.signal);
          } catch (err) {
            throw failure(err, true);
          }
          if (next.done) return;
          yield next.value;
        }
      } finally {
        clearTimeout(firstTimer);
        overall.signal.removeEventListener("abort", stopAttempt);
        // Frees the connection whatever happened: done, failed, or the caller stopped reading.
        attemptAbort.abort();
        await pieces?.return().catch(() => undefined);
      }
    }
  } finally {
    clearTimeout(overallTimer);
    signal?.removeEventListener("abort", cancel);
  }
}

/** `promise`, or the signal's reason as soon as it aborts (a read does not always notice by itself). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", stop);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", stop);
        reject(err);
      },
    );
  });
}
