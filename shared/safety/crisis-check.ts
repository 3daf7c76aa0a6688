import { assessConversation, assessRisk } from "./crisis-risk";
import { type LearnedAssessment, withLearnedConversation, withLearnedModel } from "./learned/combine";

/**
 * THE crisis check Haven runs, on the device and in the Worker: the C-SSRS rules
 * (`crisis-risk.ts`), raised (never lowered) by the small learned model (`learned/`). The model is
 * on since the pre-registered scoring of 2026-12-04 (`tests/bench/crisis-model-decision.ts`): on
 * the second held-out corpus it took acute → high from 0.70 to 0.85 and any risk → at least
 * medium from 0.76 to 0.90, for 0.90 → 0.88 of benign messages kept below medium. On a third,
 * blind held-out corpus read once afterwards it scores 0.79 / 0.84 / 0.91 (rules alone 0.63 / 0.70 /
 * 0.93); a model retrained with more text did worse there and was not shipped.
 * The category stays the rules' (null when only the model saw risk).
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
