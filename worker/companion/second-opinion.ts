import { ACUTE_CATEGORIES, CSSRS_CATEGORIES, type CssrsCategory } from "../../shared/domain/risk-flags";
import { normaliseText } from "../../shared/safety/normalise";
import type { ChatTurn } from "./types";
import type { WorkersAiBinding } from "./workers-ai";

/**
 * A safety classifier's verdict on the patient's recent turns: a level (and the C-SSRS category,
 * when the classifier names one), or null when it sees no risk, failed, or said something that
 * is not a verdict. The rule check's answer is never lowered by it (see `raiseOnly`).
 */
export interface SecondOpinion {
  level: "high" | "medium";
  category: CssrsCategory | null;
}

/** A model asked to classify; `signal` aborts it at the deadline. */
export interface SafetyClassifier {
  readonly name: string;
  classify(turns: readonly string[], signal: AbortSignal): Promise<SecondOpinion | null>;
}

/**
 * The fixed classification prompt for an OpenAI-compatible model: one label from the C-SSRS
 * categories, or `none`. Fixed (not configurable) so that what the model is asked is reviewed
 * with the code, in docs/clinical-safety.md.
 */
export const CLASSIFIER_PROMPT = [
  "You are a safety classifier for a mental-health support app. You never reply to the patient.",
  "Read the patient's recent messages (oldest first) and answer with exactly one label, nothing else:",
  "behaviour - a suicide attempt, an interrupted or aborted one, or an overdose or ingestion already done;",
  "preparation - acts towards an attempt: saving tablets, a will or goodbye letters, giving things away, a date set;",
  "imminence - it is about to happen: now, tonight, on the way, a farewell;",
  "plan - worked-out details of how, where or when;",
  "intent - intends to kill themself;",
  "method - thinks of a way to kill themself;",
  "self-harm - urges or acts of hurting themself without intent to die;",
  "suicidal-thoughts - thoughts of killing themself without a method, plan or intent;",
  "wish-to-be-dead - wishes to be dead, not to wake up, not to exist;",
  "hopelessness - no point in living, feels a burden to others;",
  "none - none of these: idioms, other people, fiction, news, study, past risk now resolved, or negations.",
].join("\n");

/** Llama Guard's hazard category for suicide and self-harm (MLCommons taxonomy, Llama Guard 3). */
const LLAMA_GUARD_SELF_HARM = "S11";

/**
 * The verdict in a classifier's answer: the first C-SSRS label it names (acute labels high, the
 * others medium), null for `none` or anything unreadable. Tolerates case, punctuation and a
 * sentence around the label; never throws.
 * @example parseLabel("Label: preparation.") // { level: "high", category: "preparation" }
 * @example parseLabel("none") // null
 */
export function parseLabel(answer: unknown): SecondOpinion | null {
  if (typeof answer !== "string") return null;
  const words = answer
    .toLowerCase()
    .replace(/[^a-z-]+/g, " ")
    .split(" ")
    .filter((w) => w !== "");
  for (const word of words.slice(0, 12)) {
    if (word === "none") return null;
    const category = CSSRS_CATEGORIES.find((c) => c === word);
    if (category) return { level: ACUTE_CATEGORIES.has(category) ? "high" : "medium", category };
  }
  return null;
}

/**
 * Llama Guard's answer ("safe", or "unsafe" and a line of hazard codes): unsafe with S11
 * (suicide and self-harm) is medium; Llama Guard does not tell acute from ideation, so it never
 * says high on its own. Anything else is null.
 * @example parseLlamaGuard("unsafe\nS11") // { level: "medium", category: null }
 */
export function parseLlamaGuard(answer: unknown): SecondOpinion | null {
  if (typeof answer !== "string") return null;
  const [verdict = "", codes = ""] = answer.trim().toLowerCase().split(/\s+/, 2);
  if (verdict !== "unsafe") return null;
  return codes.split(",").some((code) => code.trim() === LLAMA_GUARD_SELF_HARM.toLowerCase())
    ? { level: "medium", category: null }
    : null;
}

function transcript(turns: readonly string[]): string {
  // Normalised as the rule check reads them, so that disguised text reaches the model plainly.
  return turns.map((turn, i) => `Message ${i + 1}: ${normaliseText(turn)}`).join("\n");
}

/**
 * The second opinion from an OpenAI-compatible model: `POST {baseUrl}/chat/completions` without
 * streaming, temperature 0, a few tokens, the fixed prompt and the turns.
 */
export function openAiClassifier(config: {
  baseUrl: string;
  model: string;
  apiKey?: string;
  fetch?: typeof fetch;
}): SafetyClassifier {
  const url = `${config.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (config.apiKey) headers.Authorization = `Bearer ${config.apiKey}`;
  const doFetch = config.fetch ?? fetch;
  return {
    name: "openai-compatible",
    async classify(turns, signal) {
      const messages: ChatTurn[] = [
        { role: "system", content: CLASSIFIER_PROMPT },
        { role: "user", content: transcript(turns) },
      ];
      const res = await doFetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify({ model: config.model, messages, stream: false, temperature: 0, max_tokens: 8 }),
        signal,
      });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return null;
      }
      const body = (await res.json().catch(() => null)) as { choices?: { message?: { content?: unknown } }[] } | null;
      return parseLabel(body?.choices?.[0]?.message?.content);
    },
  };
}

/** The second opinion from Llama Guard on Workers AI. */
export function llamaGuardClassifier(ai: WorkersAiBinding, model: string): SafetyClassifier {
  return {
    name: "workers-ai",
    async classify(turns) {
      const messages: ChatTurn[] = [{ role: "user", content: transcript(turns) }];
      const result = (await ai.run(model, { messages } as never)) as { response?: unknown } | null;
      return parseLlamaGuard(result?.response);
    },
  };
}

/**
 * Asks the classifier, giving up at `timeoutMs`: resolves to its verdict, or null when it failed,
 * threw or ran out of time (logged by kind only, never with the turns). Never rejects.
 */
export async function askSecondOpinion(
  classifier: SafetyClassifier,
  turns: readonly string[],
  timeoutMs: number,
  requestId: string,
): Promise<SecondOpinion | null> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const outcome = await Promise.race([classifier.classify(turns, abort.signal), deadline]);
    if (outcome === "timeout") {
      abort.abort();
      logFailure(requestId, classifier.name, "timeout");
      return null;
    }
    return outcome;
  } catch {
    logFailure(requestId, classifier.name, "error");
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function logFailure(requestId: string, classifier: string, failure: "timeout" | "error"): void {
  console.warn(
    JSON.stringify({ level: "warn", event: "companion_second_opinion_failed", requestId, classifier, failure }),
  );
}

/**
 * What the second opinion adds to the rule check's level: its verdict when it is MORE urgent
 * than the rule's, otherwise null. It can only raise.
 * @example raiseOnly("medium", { level: "high", category: "plan" }) // the verdict
 * @example raiseOnly("high", { level: "medium", category: null }) // null
 */
export function raiseOnly(
  ruleLevel: "none" | "low" | "medium" | "high",
  verdict: SecondOpinion | null,
): SecondOpinion | null {
  if (verdict === null) return null;
  const rank = { none: 0, low: 1, medium: 2, high: 3 } as const;
  return rank[verdict.level] > rank[ruleLevel] ? verdict : null;
}
