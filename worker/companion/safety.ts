import { assessRisk } from "../../shared/safety/crisis-risk";
import { assessModelReply } from "../../shared/safety/model-reply";

/**
 * The companion's two safety gates, over the shared crisis-risk classifier (the same one the
 * PWA runs on the device, offline). A patient's message at high risk never reaches a model;
 * a model reply that fails the check is never shown.
 */
export function messageIsHighRisk(text: string): boolean {
  return assessRisk(text).level === "high";
}

/**
 * Whether a model reply — the text so far, so a phrase split across streamed pieces is caught —
 * is unsafe to show (ways or means of dying, encouragement to self-harm, lethal doses, claims to
 * be a clinician or to diagnose).
 */
export function replyIsUnsafe(textSoFar: string): boolean {
  return assessModelReply(textSoFar).unsafe;
}
