import type { LearnedWeights } from "./model";
import { LEARNED_WEIGHTS } from "./weights.generated";
import { LEARNED_WEIGHTS_K } from "./weights-k.generated";

/**
 * The learned models the crisis check ships, each at its own thresholds: model I (weights.generated.ts,
 * since crisis-model-i-decision.ts) and model K beside it (weights-k.generated.ts, since the
 * pre-registered decision of tests/bench/crisis-model-k-decision.ts on 2026-12-06). Each can raise the
 * rules' level; the most severe level wins, so K only ever adds flags to what I gave.
 */
export const SHIPPED_WEIGHTS: readonly [LearnedWeights, ...LearnedWeights[]] = [LEARNED_WEIGHTS, LEARNED_WEIGHTS_K];
