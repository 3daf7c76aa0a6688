import type { CrisisResource } from "../../shared/domain/risk";

/**
 * What the patient sees instead of a model reply that failed the safety check, and what is
 * stored in its place: it does not repeat or refer to what the model said, it does not end the
 * conversation, and it gives the crisis resources for the patient's region, in the text itself
 * too, so they stay in the history.
 */
export function safeReplyText(resources: readonly CrisisResource[]): string {
  const lines = resources.map((r) => `- ${r.name}: ${r.contact}${r.kind === "text" ? " (text)" : ""}`);
  return [
    "I'm sorry, I can't continue with that reply. I don't want to say anything that could hurt you.",
    "If you are thinking about harming yourself, or you don't feel safe right now, please reach out to someone now. These are free and there for you at any time:",
    lines.join("\n"),
    "You could also tell someone you trust, or your care team, how you are feeling. I'm still here, and we can keep talking.",
  ].join("\n\n");
}
