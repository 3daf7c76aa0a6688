import { COMPANION_CHARS_PER_TOKEN } from "../../shared/limits";
import type { ChatTurn } from "./types";

/**
 * Tokens a text costs, approximately: characters / 4, rounded up. Good enough to keep a request
 * well under a model's context window without shipping a tokenizer for every model.
 *
 * @example approxTokens("Hello there!") // 3
 */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / COMPANION_CHARS_PER_TOKEN);
}

/**
 * What the model is sent: the system prompt, then as many of the most recent earlier turns as
 * fit in `budget` tokens (whole turns only, oldest dropped first), then the new message. The
 * system prompt and the new message always go, whatever they cost: the budget decides how much
 * history comes with them. A kept history that would start with the assistant's turn loses it,
 * since some chat templates require the first turn after the system prompt to be the user's.
 *
 * @param newestFirst earlier turns of the conversation, most recent first (as D1 returns them)
 */
export function fitToBudget(
  system: string,
  newestFirst: readonly { role: "user" | "assistant"; content: string }[],
  message: string,
  budget: number,
): ChatTurn[] {
  let used = approxTokens(system) + approxTokens(message);
  const kept: ChatTurn[] = [];
  for (const turn of newestFirst) {
    const cost = approxTokens(turn.content);
    if (used + cost > budget) break;
    kept.push({ role: turn.role, content: turn.content });
    used += cost;
  }
  kept.reverse();
  while (kept[0]?.role === "assistant") kept.shift();
  return [{ role: "system", content: system }, ...kept, { role: "user", content: message }];
}
