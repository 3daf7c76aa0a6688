/**
 * What the learned crisis model's training scripts share (train-crisis-model.ts, model A and B;
 * train-crisis-model-c.ts, model C): the labelled example, seeded logistic regression by SGD with
 * int8 quantisation, the three goal lines, and the threshold rule. Deterministic: fixed seeds, no
 * clock, no Math.random.
 */
import { gzipSync } from "node:zlib";
import { assessConversation, assessRisk, type RiskLevel } from "../../shared/safety/crisis-risk";
import { conversationText, type LearnedThresholds, maxLevel, modelLevel } from "../../shared/safety/learned/combine";
import type { SparseVector } from "../../shared/safety/learned/features";
import { probability, type QuantisedModel } from "../../shared/safety/learned/model";
import { goalShortfall, type Tier } from "./crisis-scoring";

export const EPOCHS = 20;
export const SEED = 20261204;
/** Benign rate the threshold rule keeps rules + model at, a margin above the 0.95 goal. */
export const BENIGN_FLOOR = 0.96;
/** Benign cost the model may add where the rules alone are already below BENIGN_FLOOR. */
export const MODEL_BENIGN_COST = 0.01;

/** One labelled message or conversation with the rules' level. */
export interface Example<Corpus extends string = string> {
  text: string;
  tier: Tier;
  corpus: Corpus;
  rules: RiskLevel;
  /** A conversation's turns (the text is then their last turns joined). */
  turns?: readonly string[];
}

/** A corpus's single messages as examples, with the rules' level. */
export const single =
  <Corpus extends string>(corpus: Corpus) =>
  (entry: { text: string; tier: Tier }): Example<Corpus> => ({
    text: entry.text,
    tier: entry.tier,
    corpus,
    rules: assessRisk(entry.text).level,
  });

/** A corpus's conversations as examples: their last turns joined, with the rules' level of them read together. */
export const conversation =
  <Corpus extends string>(corpus: Corpus) =>
  (entry: { turns: readonly string[]; tier: Tier }): Example<Corpus> => ({
    text: conversationText(entry.turns),
    tier: entry.tier,
    corpus,
    rules: assessConversation(entry.turns).level,
    turns: entry.turns,
  });

/** mulberry32: a small seeded generator, so training is deterministic. */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Logistic regression by SGD with L2 (Bottou's schedule η_t = η0 / (1 + η0 λ t), the weight decay kept
 * as a scalar), class-balanced example weights, then int8 quantisation (scale = max|w| / 127).
 */
export function train(
  xs: readonly SparseVector[],
  ys: readonly number[],
  bits: number,
  lambda: number,
): QuantisedModel {
  const size = 1 << bits;
  const v = new Float64Array(size);
  let s = 1;
  let bias = 0;
  const positives = ys.filter((y) => y === 1).length;
  const weightOf = [xs.length / (2 * Math.max(1, xs.length - positives)), xs.length / (2 * Math.max(1, positives))];
  const order = xs.map((_, at) => at);
  const random = generator(SEED);
  const eta0 = 0.5;
  let t = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let at = order.length - 1; at > 0; at--) {
      const other = Math.floor(random() * (at + 1));
      [order[at], order[other]] = [order[other] as number, order[at] as number];
    }
    for (const at of order) {
      const x = xs[at] as SparseVector;
      const y = ys[at] as number;
      const eta = eta0 / (1 + eta0 * lambda * t++);
      let dot = 0;
      for (let j = 0; j < x.index.length; j++) dot += (v[x.index[j] as number] as number) * (x.value[j] as number);
      const z = bias + s * dot;
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      const g = (p - y) * (weightOf[y] as number);
      s *= 1 - eta * lambda;
      if (s < 1e-9) {
        for (let k = 0; k < size; k++) v[k] = (v[k] as number) * s;
        s = 1;
      }
      for (let j = 0; j < x.index.length; j++) {
        const k = x.index[j] as number;
        v[k] = (v[k] as number) - (eta * g * (x.value[j] as number)) / s;
      }
      bias -= eta * g;
    }
  }
  let largest = 0;
  for (let k = 0; k < size; k++) largest = Math.max(largest, Math.abs((v[k] as number) * s));
  const scale = largest === 0 ? 1 : largest / 127;
  const weights = new Int8Array(size);
  for (let k = 0; k < size; k++) weights[k] = Math.round(((v[k] as number) * s) / scale);
  return { bias, scale, weights };
}

/** The two regressions: acute vs the rest, and any risk vs benign. */
export interface Trained {
  acute: QuantisedModel;
  risk: QuantisedModel;
}

/** Train both regressions on the given feature vectors and tiers. */
export function trainPair(xs: readonly SparseVector[], tiers: readonly Tier[], bits: number, lambda: number): Trained {
  return {
    acute: train(
      xs,
      tiers.map((tier) => (tier === "acute" ? 1 : 0)),
      bits,
      lambda,
    ),
    risk: train(
      xs,
      tiers.map((tier) => (tier === "benign" ? 0 : 1)),
      bits,
      lambda,
    ),
  };
}

/** One example's row and the model's two probabilities. */
export interface Prediction {
  row: number;
  acute: number;
  risk: number;
}

/** The model's probabilities for the given rows' feature vectors. */
export function predict(model: Trained, all: readonly SparseVector[], rows: readonly number[]): Prediction[] {
  return rows.map((row) => {
    const x = all[row] as SparseVector;
    return { row, acute: probability(model.acute, x), risk: probability(model.risk, x) };
  });
}

/** Hits and totals of the three goal lines. */
export interface Lines {
  acute: [number, number];
  any: [number, number];
  benign: [number, number];
}

export function lines(levels: readonly { tier: Tier; level: RiskLevel }[]): Lines {
  const count = (tiers: readonly Tier[], ok: (level: RiskLevel) => boolean): [number, number] => {
    const of = levels.filter((entry) => tiers.includes(entry.tier));
    return [of.filter((entry) => ok(entry.level)).length, of.length];
  };
  const atLeastMedium = (level: RiskLevel) => level === "medium" || level === "high";
  return {
    acute: count(["acute"], (level) => level === "high"),
    any: count(["acute", "ideation"], atLeastMedium),
    benign: count(["benign"], (level) => !atLeastMedium(level)),
  };
}

export const ratio = ([hits, n]: [number, number]) => (n === 0 ? Number.NaN : hits / n);

export const fmt = ([hits, n]: [number, number]) =>
  `${String(hits).padStart(3)}/${String(n).padEnd(3)} ${ratio([hits, n]).toFixed(4)}`;

/** Each prediction's tier and level: the rules' (thresholds null) or the rules raised by the model. */
export function combined(
  examples: readonly Example[],
  predictions: readonly Prediction[],
  thresholds: LearnedThresholds | null,
) {
  return predictions.map((prediction) => {
    const example = examples[prediction.row] as Example;
    const level = thresholds === null ? example.rules : maxLevel(example.rules, modelLevel(prediction, thresholds));
    return { tier: example.tier, level };
  });
}

const GRID = Array.from({ length: 39 }, (_, at) => 0.025 * (at + 1));

/**
 * The threshold rule: among θa, θr on a grid, keep those whose rules + model benign-below-medium rate
 * is ≥ BENIGN_FLOOR — or, where the rules alone are already below that floor, at most
 * MODEL_BENIGN_COST below the rules alone — and maximise acute → high + any → ≥ medium recall; ties
 * go to the higher (more conservative) thresholds.
 */
export function chooseThresholds(
  examples: readonly Example[],
  predictions: readonly Prediction[],
): { thresholds: LearnedThresholds; objective: number } {
  let best = { thresholds: { acute: 1.01, risk: 1.01 }, objective: Number.NEGATIVE_INFINITY };
  const floor = Math.min(BENIGN_FLOOR, ratio(lines(combined(examples, predictions, null)).benign) - MODEL_BENIGN_COST);
  for (const acute of GRID) {
    for (const risk of GRID) {
      const scored = lines(combined(examples, predictions, { acute, risk }));
      if (ratio(scored.benign) < floor - 1e-9) continue;
      const objective = ratio(scored.acute) + ratio(scored.any);
      // Ascending grid: ≥ moves ties to the higher thresholds.
      if (objective >= best.objective) best = { thresholds: { acute, risk }, objective };
    }
  }
  return best;
}

/**
 * Model F's threshold rule: among θa, θr on the grid, the pair whose rules + model lines fall short of
 * the three goals by the least in total (Σ max(0, goal − line), each line weighing the same);
 * ties go to the higher thresholds. The objective is minus that shortfall, so higher is better, as with
 * {@link chooseThresholds}.
 */
export function chooseThresholdsByShortfall(
  examples: readonly Example[],
  predictions: readonly Prediction[],
): { thresholds: LearnedThresholds; objective: number } {
  let best = { thresholds: { acute: 1.01, risk: 1.01 }, objective: Number.NEGATIVE_INFINITY };
  for (const acute of GRID) {
    for (const risk of GRID) {
      const objective = -shortfall(lines(combined(examples, predictions, { acute, risk })));
      if (objective >= best.objective) best = { thresholds: { acute, risk }, objective };
    }
  }
  return best;
}

/**
 * How far three lines fall short of the goals in total.
 * @example shortfall({ acute: [95, 100], any: [98, 100], benign: [90, 100] }) // 0.05
 */
export function shortfall(scored: Lines): number {
  return goalShortfall([ratio(scored.acute), ratio(scored.any), ratio(scored.benign)]);
}

/** A threshold rule: chooseThresholds (models A to E) or chooseThresholdsByShortfall (model F). */
export type ThresholdRule = typeof chooseThresholds;

/**
 * The two regressions' int8 weights as one base64 string (acute then risk, 2^bits each), as model.ts
 * decodes them; prints their size.
 */
export function packWeights(model: Trained, bits: number): string {
  const size = 1 << bits;
  const bytes = new Uint8Array(2 * size);
  bytes.set(new Uint8Array(model.acute.weights.buffer), 0);
  bytes.set(new Uint8Array(model.risk.weights.buffer), size);
  console.log(`Weights: ${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} gzip`);
  return Buffer.from(bytes).toString("base64");
}

/** A number as the generated weight files write it. */
export const round = (value: number) => Number(value.toPrecision(10));
