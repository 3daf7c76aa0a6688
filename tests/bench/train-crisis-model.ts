/**
 * `npx tsx tests/bench/train-crisis-model.ts [--write]`: trains the learned crisis model of
 * shared/safety/learned/ (an EXPERIMENT beside the rules, which it can only raise) on the
 * development corpora ONLY — crisis-dev.ts, crisis-dev2.ts, crisis-dev3.ts, crisis-dev4.ts (messages and
 * conversations) and crisis-corpus.ts (CRISIS_CORPUS and HELD_OUT_CORPUS, old project sets: high →
 * acute, medium → ideation, low/none → benign). The held-out corpora are never read here.
 *
 * The question is a NEW WRITER, so everything is chosen by leave-one-corpus-out (LOCO) over the three
 * dev corpora: hold one back, train on the other two plus the project corpus, test on the held one.
 *
 * - Nested LOCO (the honest table): for each held-back dev corpus, the features, L2 strength and the
 *   two thresholds are chosen by an inner LOCO on the two remaining dev corpora only; then the model
 *   is trained on both plus the project corpus and measured on the held one, rules alone vs
 *   rules + model.
 * - The shipped model: features, L2 and thresholds chosen by the same procedure on all the dev
 *   corpora (LOCO), then trained on everything; `--write` writes shared/safety/learned/weights.generated.ts.
 *
 * Threshold rule: among θa, θr on a grid, keep those whose rules + model benign-below-medium rate is
 * ≥ BENIGN_FLOOR (0.96, a margin above the 0.95 goal) — or, where the rules alone are already below
 * that floor, at most MODEL_BENIGN_COST (0.01) below the rules alone — and maximise acute → high
 * recall + any → ≥ medium recall; ties go to the higher (more conservative) thresholds. (The second
 * clause was added on 2026-12-04 when the fourth development corpus, on which the rules alone keep
 * only 0.89 of benign messages below medium, made the 0.96 floor unreachable and the procedure
 * chose thresholds above 1, i.e. no model; see crisis-model-retrain-decision.ts.)
 *
 * ENABLE RULE (fixed before anything was measured): the model is to be enabled only if, in nested
 * LOCO, (1) for EACH held-back dev corpus, rules + model is no worse than rules alone on acute → high
 * and on any risk → ≥ medium, and keeps benign below medium ≥ 0.95; and (2) pooled over the three,
 * rules + model is strictly better than rules alone on both recall lines.
 *
 * Deterministic: fixed seeds, no clock, no Math.random.
 *
 * THE SHIPPED WEIGHTS ARE NOT THIS SCRIPT'S OUTPUT. Model A was written by the version of this script
 * at ab4246d (dev1–3, the 0.96 benign floor alone; kept in weights-a.generated.ts) and switched on by
 * the pre-registered crisis-model-decision.ts. With dev4 and the amended threshold rule this script
 * writes model B, which the pre-registered guard in crisis-model-retrain-decision.ts rejected on the
 * third held-out corpus (b2b3491 restored A). Since 2026-12-06 the shipped model is E
 * (train-crisis-model-e.ts). Do not `--write`: it would replace E with B.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type CorpusEntry, CRISIS_CORPUS, HELD_OUT_CORPUS } from "../../shared/safety/crisis-corpus";
import { CRISIS_DEV, DEV_CONVERSATIONS } from "../../shared/safety/crisis-dev";
import { CRISIS_DEV2, DEV2_CONVERSATIONS } from "../../shared/safety/crisis-dev2";
import { CRISIS_DEV3, DEV3_CONVERSATIONS } from "../../shared/safety/crisis-dev3";
import { CRISIS_DEV4, DEV4_CONVERSATIONS } from "../../shared/safety/crisis-dev4";
import type { assessConversation, assessRisk, RiskLevel } from "../../shared/safety/crisis-risk";
import { type LearnedThresholds, maxLevel, modelLevel } from "../../shared/safety/learned/combine";
import { type FeatureSpec, featurise, type SparseVector } from "../../shared/safety/learned/features";
import type { Tier } from "./crisis-scoring";
import {
  chooseThresholds,
  combined,
  conversation,
  fmt,
  lines,
  type Prediction,
  predict,
  ratio,
  SEED,
  single,
  type Trained,
  type Example as TrainingExample,
  trainPair,
} from "./crisis-training";

type Corpus = "dev1" | "dev2" | "dev3" | "dev4" | "project";
const DEV: readonly Corpus[] = ["dev1", "dev2", "dev3", "dev4"];
const GOAL_BENIGN = 0.95;

type Example = TrainingExample<Corpus>;

const oldTier = (entry: CorpusEntry): Tier =>
  entry.label === "high" ? "acute" : entry.label === "medium" ? "ideation" : "benign";

const EXAMPLES: readonly Example[] = [
  ...CRISIS_DEV.map(single("dev1")),
  ...DEV_CONVERSATIONS.map(conversation("dev1")),
  ...CRISIS_DEV2.map(single("dev2")),
  ...DEV2_CONVERSATIONS.map(conversation("dev2")),
  ...CRISIS_DEV3.map(single("dev3")),
  ...DEV3_CONVERSATIONS.map(conversation("dev3")),
  ...CRISIS_DEV4.map(single("dev4")),
  ...DEV4_CONVERSATIONS.map(conversation("dev4")),
  ...[...CRISIS_CORPUS, ...HELD_OUT_CORPUS].map((entry) =>
    single("project")({ text: entry.text, tier: oldTier(entry) }),
  ),
];

interface Config {
  spec: FeatureSpec;
  lambda: number;
}
const SPECS: readonly FeatureSpec[] = [
  { bits: 15, bigrams: true, charMin: 3, charMax: 5 },
  { bits: 15, bigrams: true, charMin: 0, charMax: 0 },
  { bits: 16, bigrams: true, charMin: 3, charMax: 5 },
];
const LAMBDAS = [1e-5, 1e-4, 1e-3];
const CONFIGS: readonly Config[] = SPECS.flatMap((spec) => LAMBDAS.map((lambda) => ({ spec, lambda })));
const specKey = (spec: FeatureSpec) => `${spec.bits}/${spec.bigrams}/${spec.charMin}-${spec.charMax}`;
const configName = (config: Config) => `bits ${specKey(config.spec)} λ ${config.lambda}`;

const featureCache = new Map<string, SparseVector[]>();
function features(spec: FeatureSpec): SparseVector[] {
  const key = specKey(spec);
  let cached = featureCache.get(key);
  if (cached === undefined) {
    cached = EXAMPLES.map((example) => featurise(example.text, spec));
    featureCache.set(key, cached);
  }
  return cached;
}

function trainOn(config: Config, rows: readonly number[]): Trained {
  const all = features(config.spec);
  return trainPair(
    rows.map((row) => all[row] as SparseVector),
    rows.map((row) => (EXAMPLES[row] as Example).tier),
    config.spec.bits,
    config.lambda,
  );
}

const rowsOf = (corpora: readonly Corpus[]) =>
  EXAMPLES.flatMap((example, row) => (corpora.includes(example.corpus) ? [row] : []));

/** Out-of-fold predictions on each of `held`, trained on the other dev corpora of `pool` plus the project corpus. */
function loco(config: Config, pool: readonly Corpus[]): Prediction[] {
  return pool.flatMap((held) => {
    const model = trainOn(config, rowsOf([...pool.filter((corpus) => corpus !== held), "project"]));
    return predict(model, features(config.spec), rowsOf([held]));
  });
}

function chooseConfig(pool: readonly Corpus[]): { config: Config; thresholds: LearnedThresholds; objective: number } {
  let best: { config: Config; thresholds: LearnedThresholds; objective: number } | null = null;
  for (const config of CONFIGS) {
    const choice = chooseThresholds(EXAMPLES, loco(config, pool));
    if (best === null || choice.objective > best.objective + 1e-9) best = { config, ...choice };
  }
  return best as { config: Config; thresholds: LearnedThresholds; objective: number };
}

// ── nested LOCO: the honest table ─────────────────────────────────────────────────────────────
console.log("Learned crisis model: nested leave-one-corpus-out on the development corpora (no held-out data).\n");
console.log(
  `Examples: ${DEV.map((corpus) => `${corpus} ${rowsOf([corpus]).length}`).join(", ")}, project ${rowsOf(["project"]).length}\n`,
);
const pooledRules: { tier: Tier; level: RiskLevel }[] = [];
const pooledModel: { tier: Tier; level: RiskLevel }[] = [];
const outOfFold = new Map<Corpus, { predictions: Prediction[]; thresholds: LearnedThresholds }>();
const pooledBoth: { tier: Tier; level: RiskLevel }[] = [];
let everyFold = true;
console.log(
  "held-back  chosen (inner LOCO)                          line              rules alone         rules + model",
);
for (const held of DEV) {
  const rest = DEV.filter((corpus) => corpus !== held);
  const choice = chooseConfig(rest);
  const model = trainOn(choice.config, rowsOf([...rest, "project"]));
  const predictions = predict(model, features(choice.config.spec), rowsOf([held]));
  const rules = combined(EXAMPLES, predictions, null);
  const both = combined(EXAMPLES, predictions, choice.thresholds);
  const alone = predictions.map((prediction) => ({
    tier: (EXAMPLES[prediction.row] as Example).tier,
    level: modelLevel(prediction, choice.thresholds),
  }));
  outOfFold.set(held, { predictions, thresholds: choice.thresholds });
  pooledModel.push(...alone);
  pooledRules.push(...rules);
  pooledBoth.push(...both);
  const r = lines(rules);
  const b = lines(both);
  const chosen = `${configName(choice.config)} θa ${choice.thresholds.acute.toFixed(3)} θr ${choice.thresholds.risk.toFixed(3)}`;
  console.log(`${held.padEnd(10)} ${chosen.padEnd(44)} acute → high      ${fmt(r.acute)}      ${fmt(b.acute)}`);
  console.log(`${"".padEnd(55)} any → ≥ medium    ${fmt(r.any)}      ${fmt(b.any)}`);
  console.log(`${"".padEnd(55)} benign < medium   ${fmt(r.benign)}      ${fmt(b.benign)}`);
  const ok = ratio(b.acute) >= ratio(r.acute) && ratio(b.any) >= ratio(r.any) && ratio(b.benign) >= GOAL_BENIGN;
  everyFold &&= ok;
}
const pm = lines(pooledModel);
console.log(
  `\nModel alone, out of fold (pooled): acute → high ${fmt(pm.acute)}, any → ≥ medium ${fmt(pm.any)}, benign < medium ${fmt(pm.benign)}\n`,
);
const pr = lines(pooledRules);
const pb = lines(pooledBoth);
console.log(`${"pooled".padEnd(55)} acute → high      ${fmt(pr.acute)}      ${fmt(pb.acute)}`);
console.log(`${"".padEnd(55)} any → ≥ medium    ${fmt(pr.any)}      ${fmt(pb.any)}`);
console.log(`${"".padEnd(55)} benign < medium   ${fmt(pr.benign)}      ${fmt(pb.benign)}`);
const pooledBetter = ratio(pb.acute) > ratio(pr.acute) && ratio(pb.any) > ratio(pr.any);
const enable = everyFold && pooledBetter;
console.log(
  `\nEnable rule: every fold no worse on both recall lines with benign ≥ ${GOAL_BENIGN}: ${everyFold ? "yes" : "NO"}; pooled strictly better on both: ${pooledBetter ? "yes" : "NO"} → ${enable ? "ENABLE" : "DO NOT ENABLE"}\n`,
);

// ── supplementary: rules frozen before they were tuned on the held-back corpus ──────────────────
// The rules above were tuned on all three dev corpora, so "rules alone" is in-sample for them while
// the model is out of fold. `--frozen` also scores each held-back corpus with the rules as they were
// committed before any tuning on it (git archive of shared/, the held-out files excluded), beside the
// same out-of-fold model and thresholds: a new-writer reading for both. Not part of the enable rule.
const FROZEN: readonly [Corpus, string][] = [
  ["dev2", "62a8c5e"],
  ["dev3", "cfec856"],
];
interface RulesModule {
  assessRisk: typeof assessRisk;
  assessConversation: typeof assessConversation;
}
if (process.argv.includes("--frozen")) {
  console.log(
    "Supplementary (not the enable rule): rules frozen before tuning on the held-back corpus, same out-of-fold model",
  );
  for (const [held, commit] of FROZEN) {
    const dir = mkdtempSync(join(tmpdir(), `haven-rules-${commit}-`));
    const tar = execFileSync("git", [
      "archive",
      "--format=tar",
      commit,
      "--",
      "shared/domain",
      "shared/safety",
      ":(exclude)shared/safety/crisis-heldout*",
      ":(exclude)shared/safety/*.test.ts",
    ]);
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
    const old = (await import(pathToFileURL(join(dir, "shared/safety/crisis-risk.ts")).href)) as RulesModule;
    const fold = outOfFold.get(held);
    if (fold === undefined) continue;
    const rules = fold.predictions.map((prediction) => {
      const example = EXAMPLES[prediction.row] as Example;
      const level =
        example.turns === undefined ? old.assessRisk(example.text).level : old.assessConversation(example.turns).level;
      return { tier: example.tier, level, prediction };
    });
    const r = lines(rules);
    const b = lines(
      rules.map((entry) => ({
        tier: entry.tier,
        level: maxLevel(entry.level, modelLevel(entry.prediction, fold.thresholds)),
      })),
    );
    console.log(`${held} with rules @${commit}   acute → high      ${fmt(r.acute)}      ${fmt(b.acute)}`);
    console.log(`${"".padEnd(27)} any → ≥ medium    ${fmt(r.any)}      ${fmt(b.any)}`);
    console.log(`${"".padEnd(27)} benign < medium   ${fmt(r.benign)}      ${fmt(b.benign)}`);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("");
}

// ── the shipped model ─────────────────────────────────────────────────────────────────────────
const final = chooseConfig(DEV);
console.log(
  `Shipped model: ${configName(final.config)}, θa ${final.thresholds.acute.toFixed(3)}, θr ${final.thresholds.risk.toFixed(3)} (LOCO over ${DEV.join(", ")}, objective ${final.objective.toFixed(3)})`,
);
const model = trainOn(final.config, rowsOf([...DEV, "project"]));
const bytes = new Uint8Array(2 << final.config.spec.bits);
bytes.set(new Uint8Array(model.acute.weights.buffer), 0);
bytes.set(new Uint8Array(model.risk.weights.buffer), 1 << final.config.spec.bits);
const base64 = Buffer.from(bytes).toString("base64");
console.log(
  `Weights: ${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} gzip; as base64 ${base64.length} chars, ${gzipSync(base64, { level: 9 }).length} gzip`,
);
const round = (value: number) => Number(value.toPrecision(10));
const source = `// Generated by \`npx tsx tests/bench/train-crisis-model.ts --write\`: do not edit. Trained on the development
// corpora only (crisis-dev.ts, crisis-dev2.ts, crisis-dev3.ts, crisis-dev4.ts, crisis-corpus.ts); ${configName(final.config)}, seed ${SEED}.
// int8 weights, acute model then risk model, 2^${final.config.spec.bits} each, base64.
export const LEARNED_WEIGHTS = {
  spec: { bits: ${final.config.spec.bits}, bigrams: ${final.config.spec.bigrams}, charMin: ${final.config.spec.charMin}, charMax: ${final.config.spec.charMax} },
  thresholds: { acute: ${round(final.thresholds.acute)}, risk: ${round(final.thresholds.risk)} },
  acute: { bias: ${round(model.acute.bias)}, scale: ${round(model.acute.scale)} },
  risk: { bias: ${round(model.risk.bias)}, scale: ${round(model.risk.scale)} },
  /** Whether the first enable rule (nested LOCO, train-crisis-model.ts) was met. The model is on by the
   * held-out decisions in tests/bench/crisis-model-decision.ts and crisis-model-retrain-decision.ts. */
  locoRuleMet: ${enable},
  base64:
    "${base64}",
} as const;
`;
if (process.argv.includes("--write")) {
  writeFileSync(new URL("../../shared/safety/learned/weights.generated.ts", import.meta.url), source);
  console.log("Wrote shared/safety/learned/weights.generated.ts");
}
