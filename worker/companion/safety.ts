import type { CssrsCategory } from "../../shared/domain/risk-flags";
import { crisisCheckConversation } from "../../shared/safety/crisis-check";
import { assessModelReply } from "../../shared/safety/model-reply";

/**
 * The companion's two safety gates, over the shared crisis-risk classifier (the same one the
 * PWA runs on the device, offline). A patient's message at high risk never reaches a model;
 * a model reply that fails the check is never shown.
 */

/** The crisis check's reading of the patient's recent turns (the rules, raised by the learned model). */
export interface MessageRisk {
  level: "none" | "low" | "medium" | "high";
  category: CssrsCategory | null;
}

/**
 * The risk the patient's recent turns carry (oldest first, the new message last), read together
 * (`crisisCheckConversation`: a crisis split over two messages is one), for the care team: "high" and "medium" raise a flag (PRODUCT.md: risk language flags the patient for their
 * staff); only "high" also keeps it from the model.
 */
export function messageRisk(turns: readonly string[]): MessageRisk {
  const { level, category } = crisisCheckConversation(turns);
  return { level, category };
}

/**
 * Whether a model reply — the text so far, so a phrase split across streamed pieces is caught —
 * is unsafe to show (ways or means of dying, encouragement to self-harm, lethal doses, claims to
 * be a clinician or to diagnose).
 */
export function replyIsUnsafe(textSoFar: string): boolean {
  return assessModelReply(textSoFar).unsafe;
}
