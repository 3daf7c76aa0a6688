/**
 * `npx tsx tests/bench/crisis-model-retrain-decision.ts`: the learned crisis model retrained with a
 * fourth development corpus, measured on a THIRD held-out corpus. A report: nothing is asserted,
 * and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-04, committed before the fourth development corpus was trained on and
 * before the third held-out corpus was scored by anyone:
 *
 * - Model A is the one switched on by crisis-model-decision.ts: the weights as committed at
 *   ab4246d (trained on dev1–3 and the project corpus).
 * - Model B is `npx tsx tests/bench/train-crisis-model.ts --write` with crisis-dev4.ts added to the
 *   development corpora and nothing else changed (same feature grid, L2 grid, threshold rule, seed).
 *   AMENDED the same day, before the third held-out corpus was scored (commit order shows it): with
 *   dev4 added, the threshold rule's 0.96 benign floor was unreachable on the development corpora
 *   (the rules alone keep only 0.89 of dev4's benign messages below medium, and the model can only
 *   raise), so the procedure chose thresholds above 1: no model at all. The rule now also accepts
 *   thresholds that cost at most 0.01 of benign below the rules alone where the rules are already
 *   under the floor (train-crisis-model.ts). Model B is that procedure's output. Its choice of a
 *   larger feature set (2^16 hashed word and character n-grams, about 80 KB gzip in the Companion
 *   screen's lazy chunk, against A's 24 KB) follows from the same procedure and is kept.
 * - The third held-out corpus (crisis-heldout3.ts) was written blind, by rule from the C-SSRS
 *   categories, by a writer who had read neither the classifier nor any corpus; nobody who tunes or
 *   trains has seen its texts. It is read once, here, for rules alone, rules + A and rules + B.
 * - B ships (it is what weights.generated.ts holds) unless, on the third held-out corpus's
 *   messages, it is worse than A by more than 0.02 on any of the three lines (acute → high, any
 *   risk → at least medium, benign below medium); then A's weights are restored. This is a guard,
 *   not a search: nothing else is changed after the scoring, whatever it shows.
 * - The honest figure of the shipped check is then the third held-out corpus with whichever model
 *   ships; that corpus has been used for this one guard decision.
 *
 * The rules it reads beside the model are the ones in the tree. They learned false-alarm contexts on
 * 2026-12-06 (a95259d), so its recorded output is reproduced with the rules as they were before:
 * `git checkout f6497cf` (or a worktree of it) and run it there.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CRISIS_HELDOUT3, HELDOUT3_CONVERSATIONS } from "../../shared/safety/crisis-heldout3";
import { assessConversation, assessRisk } from "../../shared/safety/crisis-risk";
import { conversationText } from "../../shared/safety/learned/combine";
import type { LearnedWeights } from "../../shared/safety/learned/model";
import { level, modelOf, rates } from "./crisis-decision";
import { goalLines, meets } from "./crisis-scoring";

/** Model A's commit (pre-registered above). */
const MODEL_A_COMMIT = "ab4246d";
/** Model B's commit: B was in weights.generated.ts from 90a5719 until b2b3491 restored A. */
const MODEL_B_COMMIT = "90a5719";
const GUARD = 0.02;

type Weights = LearnedWeights;

async function weightsAt(commit: string): Promise<Weights> {
  const dir = mkdtempSync(join(tmpdir(), "haven-weights-"));
  const file = join(dir, "weights.generated.ts");
  writeFileSync(file, execFileSync("git", ["show", `${commit}:shared/safety/learned/weights.generated.ts`]));
  const module = (await import(pathToFileURL(file).href)) as { LEARNED_WEIGHTS: Weights };
  rmSync(dir, { recursive: true, force: true });
  return module.LEARNED_WEIGHTS;
}

const a = modelOf(await weightsAt(MODEL_A_COMMIT));
const b = modelOf(await weightsAt(MODEL_B_COMMIT));

console.log(
  `THIRD HELD-OUT corpus (crisis-heldout3.ts), ${CRISIS_HELDOUT3.length} messages and ${HELDOUT3_CONVERSATIONS.length} conversations, read once\n`,
);
const results = new Map<string, ReturnType<typeof rates>>();
for (const [name, model] of [
  ["rules alone", null],
  [`rules + model A (@${MODEL_A_COMMIT}, dev1–3)`, a],
  ["rules + model B (retrained with dev4)", b],
] as const) {
  const scored = CRISIS_HELDOUT3.map((entry) => ({
    tier: entry.tier,
    level: level(assessRisk(entry.text), entry.text, model),
  }));
  const conversations = HELDOUT3_CONVERSATIONS.filter((c) =>
    meets(c.tier, level(assessConversation(c.turns), conversationText(c.turns), model)),
  ).length;
  results.set(name, rates(scored));
  console.log(` ${name}:`);
  console.log(goalLines(scored).join("\n"));
  console.log(`  conversations meeting their tier: ${conversations}/${HELDOUT3_CONVERSATIONS.length}\n`);
}

const [ra, rb] = [...results.values()].slice(1) as [ReturnType<typeof rates>, ReturnType<typeof rates>];
const names = ["acute → high", "any risk → ≥ medium", "benign below medium"];
let worse = false;
for (let at = 0; at < 3; at++) {
  const change = (rb[at] as number) - (ra[at] as number);
  const bad = change < -GUARD - 1e-9;
  worse ||= bad;
  console.log(
    `  B − A, ${(names[at] as string).padEnd(22)} ${change >= 0 ? "+" : ""}${change.toFixed(3)}${bad ? "  (worse by more than the guard)" : ""}`,
  );
}
console.log(`DECISION: ${worse ? `restore model A (@${MODEL_A_COMMIT})` : "ship model B"}`);
