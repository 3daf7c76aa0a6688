import { decodeBase64 } from "./base64";
import type { ClusterOf } from "./clusters";
import { type FeatureSpec, featurise, type SparseVector } from "./features";
import { SHIPPED_WEIGHTS } from "./shipped";
import { LEARNED_WEIGHTS } from "./weights.generated";

/**
 * Inference of the learned crisis models: each is two one-vs-rest logistic regressions over the
 * hashed features of `features.ts` — `acute` (acute vs the rest) and `risk` (acute or ideation vs
 * benign) — with int8 weights and a scale each, decoded once. The shipped ones are listed in
 * `shipped.ts` (model I, written by `tests/bench/train-crisis-model-i.ts`, and model K beside it).
 * Pure, offline, no dependencies.
 */

/**
 * One logistic regression with int8-quantised weights: p = σ(bias + scale · Σ q[i] x[i]).
 * @example const model: QuantisedModel = { bias: 0, scale: 0.01, weights: new Int8Array(1 << 15) };
 */
export interface QuantisedModel {
  bias: number;
  scale: number;
  weights: Int8Array;
}

/**
 * The two probabilities the model gives a message.
 * @example const { acute, risk }: LearnedRisk = learnedRisk("i have the pills ready for tonight");
 */
export interface LearnedRisk {
  /** Probability that the message is acute (must be "high"). */
  acute: number;
  /** Probability that the message is acute or ideation (must be at least "medium"). */
  risk: number;
}

/**
 * Sigmoid, stable at both ends.
 * @example sigmoid(0) // 0.5
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * The probability a quantised model gives a feature vector.
 * @example probability(model, featurise("i want to die", spec))
 */
export function probability(model: QuantisedModel, x: SparseVector): number {
  let dot = 0;
  for (let j = 0; j < x.index.length; j++)
    dot += (model.weights[x.index[j] as number] as number) * (x.value[j] as number);
  return sigmoid(model.bias + model.scale * dot);
}

/** A trained model as the training scripts write it: feature spec, thresholds, scales and weights. */
export interface LearnedWeights {
  spec: FeatureSpec;
  thresholds: { acute: number; risk: number };
  acute: { bias: number; scale: number };
  risk: { bias: number; scale: number };
  base64: string;
}

/** A decoded model: its feature spec and the two quantised regressions. */
export interface DecodedModel {
  spec: FeatureSpec;
  acute: QuantisedModel;
  risk: QuantisedModel;
}

/**
 * Decode a model's weights (int8, the acute regression then the risk one, 2^bits each).
 * @example decodeModel(LEARNED_WEIGHTS).acute.weights.length === 1 << LEARNED_WEIGHTS.spec.bits // true
 */
export function decodeModel(weights: LearnedWeights): DecodedModel {
  const { spec, acute, risk, base64 } = weights;
  const bytes = decodeBase64(base64);
  const size = 1 << spec.bits;
  if (bytes.length !== 2 * size) throw new Error("learned weights do not match their feature spec");
  const all = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    spec: { ...spec },
    acute: { bias: acute.bias, scale: acute.scale, weights: all.subarray(0, size) },
    risk: { bias: risk.bias, scale: risk.scale, weights: all.subarray(size, 2 * size) },
  };
}

/**
 * A decoded model's probabilities for a message; `clusterOf` is needed when its spec has clusters.
 * @example riskOf(decodeModel(LEARNED_WEIGHTS), "i want to die").risk > 0.5 // true
 */
export function riskOf(model: DecodedModel, text: string, clusterOf?: ClusterOf): LearnedRisk {
  const x = featurise(text, model.spec, clusterOf);
  return { acute: probability(model.acute, x), risk: probability(model.risk, x) };
}

const decoded = new Map<LearnedWeights, DecodedModel>();

/** A model's weights decoded, once for each. */
function decodedOf(weights: LearnedWeights): DecodedModel {
  let model = decoded.get(weights);
  if (model === undefined) {
    model = decodeModel(weights);
    decoded.set(weights, model);
  }
  return model;
}

/**
 * Model I's probabilities for a message (acute; any risk). Deterministic and pure; the weights are
 * decoded on the first call.
 * @example learnedRisk("i'm going to kill myself tonight").acute > 0.5 // true
 */
export function learnedRisk(text: string): LearnedRisk {
  return riskOf(decodedOf(LEARNED_WEIGHTS), text);
}

/** One shipped model's reading of a message: its probabilities and the thresholds it was chosen with. */
export interface LearnedReading {
  risk: LearnedRisk;
  thresholds: { acute: number; risk: number };
}

/**
 * Every shipped model's reading of a message (`shipped.ts`: I, then K), each decoded on first use.
 * @example learnedReadings("i want to die").length // 2
 */
export function learnedReadings(text: string): [LearnedReading, ...LearnedReading[]] {
  const [first, ...rest] = SHIPPED_WEIGHTS.map((weights) => ({
    risk: riskOf(decodedOf(weights), text),
    thresholds: weights.thresholds,
  }));
  return [first as LearnedReading, ...rest];
}
