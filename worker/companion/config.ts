import {
  COMPANION_FIRST_TOKEN_TIMEOUT_MS,
  COMPANION_MAX_ATTEMPTS,
  COMPANION_OVERALL_TIMEOUT_MS,
  COMPANION_SAFETY_TIMEOUT_MS,
} from "../../shared/limits";
import type { StreamPolicy } from "./attempts";
import { openAiCompatible } from "./openai-compatible";
import { llamaGuardClassifier, openAiClassifier, type SafetyClassifier } from "./second-opinion";
import type { CompanionProvider } from "./types";
import { isWorkersAiBinding, workersAi } from "./workers-ai";

/**
 * The companion's settings beyond the generated Env: the API key is an optional secret (so it is
 * not in `[secrets] required`, and `wrangler types` leaves it out), `AI` is the optional Workers
 * AI binding (not declared in wrangler.toml: local development cannot reach it), and the two
 * timeouts are optional overrides of the defaults in shared/limits.ts.
 */
export type CompanionEnv = Env & {
  COMPANION_API_KEY?: string;
  AI?: unknown;
  COMPANION_FIRST_TOKEN_TIMEOUT_MS?: string;
  COMPANION_TIMEOUT_MS?: string;
  COMPANION_SAFETY_MODEL?: string;
  COMPANION_SAFETY_TIMEOUT_MS?: string;
};

/** The safety classifier on Workers AI when `COMPANION_SAFETY_MODEL` names none. */
export const DEFAULT_WORKERS_AI_SAFETY_MODEL = "@cf/meta/llama-guard-3-8b";

/** The Workers AI model used when `COMPANION_PROVIDER=workers-ai` names none. */
export const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.1-8b-instruct";

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function streamPolicy(env: CompanionEnv): StreamPolicy {
  return {
    maxAttempts: COMPANION_MAX_ATTEMPTS,
    firstTokenTimeoutMs: positiveInt(env.COMPANION_FIRST_TOKEN_TIMEOUT_MS, COMPANION_FIRST_TOKEN_TIMEOUT_MS),
    overallTimeoutMs: positiveInt(env.COMPANION_TIMEOUT_MS, COMPANION_OVERALL_TIMEOUT_MS),
  };
}

/**
 * Whether a base URL may carry patients' messages: https always; plain http only to this
 * machine (a local model server) or in development.
 */
export function baseUrlAllowed(value: string, environment: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return true;
  if (url.protocol !== "http:") return false;
  return environment === "development" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/**
 * The configured provider, or null when there is none (503 COMPANION_NOT_CONFIGURED):
 * - `COMPANION_PROVIDER=workers-ai` and an `AI` binding: Workers AI with `COMPANION_MODEL` (or a default);
 * - otherwise (`COMPANION_PROVIDER` empty or `openai`): the OpenAI-compatible client, when both
 *   `COMPANION_BASE_URL` and `COMPANION_MODEL` are set and the URL is allowed.
 * A setting that does not work is logged by name only, never by value.
 */
export function providerFromEnv(env: CompanionEnv): CompanionProvider | null {
  const kind = (env.COMPANION_PROVIDER ?? "").trim().toLowerCase();
  const model = (env.COMPANION_MODEL ?? "").trim();
  const policy = streamPolicy(env);
  if (kind === "workers-ai") {
    if (isWorkersAiBinding(env.AI)) return workersAi(env.AI, model || DEFAULT_WORKERS_AI_MODEL, policy);
    misconfigured("COMPANION_PROVIDER is workers-ai but there is no AI binding");
    return null;
  }
  if (kind !== "" && kind !== "openai") {
    misconfigured("COMPANION_PROVIDER is neither empty, openai nor workers-ai");
    return null;
  }
  const baseUrl = (env.COMPANION_BASE_URL ?? "").trim();
  if (baseUrl === "" || model === "") return null;
  if (!baseUrlAllowed(baseUrl, env.ENVIRONMENT)) {
    misconfigured("COMPANION_BASE_URL must be https (plain http only to localhost)");
    return null;
  }
  const apiKey = env.COMPANION_API_KEY?.trim();
  return openAiCompatible({ baseUrl, model, apiKey: apiKey || undefined, policy });
}

/**
 * The safety second opinion beside the configured companion, or null when there is no model:
 * Llama Guard (or `COMPANION_SAFETY_MODEL`) on Workers AI; otherwise the OpenAI-compatible
 * server asked with the fixed classification prompt, on `COMPANION_SAFETY_MODEL` or the
 * companion's own model. Its deadline: `COMPANION_SAFETY_TIMEOUT_MS` or the default.
 */
export function safetyClassifierFromEnv(env: CompanionEnv): { classifier: SafetyClassifier; timeoutMs: number } | null {
  const provider = providerFromEnv(env);
  if (provider === null) return null;
  const timeoutMs = positiveInt(env.COMPANION_SAFETY_TIMEOUT_MS, COMPANION_SAFETY_TIMEOUT_MS);
  const model = (env.COMPANION_SAFETY_MODEL ?? "").trim();
  if (provider.name === "workers-ai" && isWorkersAiBinding(env.AI)) {
    return { classifier: llamaGuardClassifier(env.AI, model || DEFAULT_WORKERS_AI_SAFETY_MODEL), timeoutMs };
  }
  const apiKey = env.COMPANION_API_KEY?.trim();
  const classifier = openAiClassifier({
    baseUrl: (env.COMPANION_BASE_URL ?? "").trim(),
    model: model || (env.COMPANION_MODEL ?? "").trim(),
    apiKey: apiKey || undefined,
  });
  return { classifier, timeoutMs };
}

function misconfigured(problem: string): void {
  console.warn(JSON.stringify({ level: "warn", event: "companion_misconfigured", problem }));
}
