import { assessRisk } from "../../shared/safety/crisis-risk";
import { assessModelReply } from "../../shared/safety/model-reply";

/**
 * The companion's two safety gates, over the shared crisis-risk classifier (the same one the
 * PWA runs on the device, offline). A patient's message at high risk never reaches a model;
 * a model reply that fails the check is never shown.
 */
/**
 * The risk a message carries for the care team: "high" and "medium" raise a flag (PRODUCT.md:
 * risk language flags the patient for their staff); only "high" also keeps it from the model.
 */
export function messageRisk(text: string): "high" | "medium" | null {
  const { level } = assessRisk(text);
  return level === "high" || level === "medium" ? level : null;
}

/**
 * Whether a model reply — the text so far, so a phrase split across streamed pieces is caught —
 * is unsafe to show (ways or means of dying, encouragement to self-harm, lethal doses, claims to
 * be a clinician or to diagnose).
 */
export function replyIsUnsafe(textSoFar: string): boolean {
  return assessModelReply(textSoFar).unsafe;
}
