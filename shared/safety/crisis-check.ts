import { assessConversation, assessRisk } from "./crisis-risk";
import { type LearnedAssessment, withLearnedConversation, withLearnedModel } from "./learned/combine";

/**
 * THE crisis check Haven runs, on the device and in the Worker: the C-SSRS rules
 * (`crisis-risk.ts`), raised (never lowered) by the small learned models (`learned/`). Each change
 * of model, and of the rules beside it, ships only by a decision pre-registered before its held-out
 * corpora are read (`tests/bench/crisis-model-*-decision.ts`); the models shipped are I (since
 * `crisis-model-i-decision.ts`) and K beside it (since `crisis-model-k-decision.ts`, both on
 * 2026-12-06): the most severe level of the rules' and the two models' wins. Its figures, and every
 * earlier one, are in docs/clinical-safety.md; `npm run bench:crisis` prints them.
 * The category stays the rules' (null when only a model saw risk).
 */

/**
 * One message.
 * @example crisisCheck("I'd kill for a cup of tea").level // "none"
 */
export function crisisCheck(text: string): LearnedAssessment {
  return withLearnedModel(assessRisk(text), text);
}

/**
 * The last turns of a conversation read together (oldest first, the new message last).
 * @example crisisCheckConversation(["I have the pills", "tonight"]).level // "high"
 */
export function crisisCheckConversation(turns: readonly string[]): LearnedAssessment {
  return withLearnedConversation(assessConversation(turns), turns);
}
