import { type FeatureSpec, featurise, type SparseVector } from "./features";
import { LEARNED_WEIGHTS } from "./weights.generated";

/**
 * Inference of the learned crisis model: two one-vs-rest logistic regressions over the hashed
 * features of `features.ts` — `acute` (acute vs the rest) and `risk` (acute or ideation vs benign)
 * — with int8 weights and a scale each, decoded once from `weights.generated.ts` (written by
 * `tests/bench/train-crisis-model.ts`). Pure, offline, no dependencies.
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

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Bytes of a standard base64 string (padding allowed); no `atob`, so it runs in the Worker,
 * the PWA and Node alike.
 * @example decodeBase64("AQL/") // Uint8Array [1, 2, 255]
 */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let k = 0;
  for (let at = 0; at < clean.length; at++) {
    const digit = BASE64.indexOf(clean.charAt(at));
    if (digit < 0) throw new Error("invalid base64");
    buffer = (buffer << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
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

interface Decoded {
  spec: FeatureSpec;
  acute: QuantisedModel;
  risk: QuantisedModel;
}

let decoded: Decoded | null = null;

function load(): Decoded {
  if (decoded !== null) return decoded;
  const { spec, acute, risk, base64 } = LEARNED_WEIGHTS;
  const bytes = decodeBase64(base64);
  const size = 1 << spec.bits;
  if (bytes.length !== 2 * size) throw new Error("learned weights do not match their feature spec");
  const all = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  decoded = {
    spec,
    acute: { bias: acute.bias, scale: acute.scale, weights: all.subarray(0, size) },
    risk: { bias: risk.bias, scale: risk.scale, weights: all.subarray(size, 2 * size) },
  };
  return decoded;
}

/**
 * The learned model's probabilities for a message (acute; any risk). Deterministic and pure; the
 * weights are decoded on the first call.
 * @example learnedRisk("i'm going to kill myself tonight").acute > 0.5 // true
 */
export function learnedRisk(text: string): LearnedRisk {
  const model = load();
  const x = featurise(text, model.spec);
  return { acute: probability(model.acute, x), risk: probability(model.risk, x) };
}
