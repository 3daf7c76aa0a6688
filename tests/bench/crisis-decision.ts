/**
 * A pre-registered model decision on one held-out corpus (crisis-model-c-decision.ts,
 * crisis-model-d-decision.ts, crisis-model-e-decision.ts): rules alone, rules + the model shipped
 * when the decision was made, and rules + a candidate, each read once; the candidate replaces the
 * shipped model only if, on the corpus's messages, the sum of its two recall
 * lines (acute → high, any risk → at least medium) is higher than the shipped model's AND none of
 * the three lines is worse than the shipped model's by more than 0.02. Only figures are printed, never texts.
 *
 * The rules it reads beside the model are the ones in the tree. They learned false-alarm contexts on
 * 2026-12-06 (a95259d), so its recorded output is reproduced with the rules as they were before:
 * `git checkout f6497cf` (or a worktree of it) and run it there.
 *
 * The later decisions (crisis-model-f-, -g-, -h-, -i-, -j- and -k-decision.ts, and
 * crisis-h-rules-decision.ts) write their own rule, on two corpora or against earlier rules, and share
 * what is below: `modelOf`, `level`, `rates`, `readSystem`, `readCorpora`, `bestQualifying`, and
 * `withRulesAt` for the rules of an earlier commit.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { assessConversation, assessRisk, type RiskAssessment, type RiskLevel } from "../../shared/safety/crisis-risk";
import { wordCluster } from "../../shared/safety/learned/clusters";
import { conversationText, raiseWithEach } from "../../shared/safety/learned/combine";
import { decodeModel, type LearnedWeights, riskOf } from "../../shared/safety/learned/model";
import { AT_LEAST_MEDIUM, goalLines, goalShortfall, meets, type Tier } from "./crisis-scoring";

const GUARD = 0.02;

/** A model from its weights: its probabilities for a text, and its thresholds. */
export function modelOf(weights: LearnedWeights) {
  const model = decodeModel(weights);
  return { risk: (text: string) => riskOf(model, text, wordCluster), thresholds: { ...weights.thresholds } };
}
export type Model = ReturnType<typeof modelOf>;

/** The rules' two checks, as a module of them exports them: the tree's, or an earlier commit's. */
export interface Rules {
  assessRisk: (text: string) => RiskAssessment;
  assessConversation: (turns: readonly string[]) => RiskAssessment;
}

/** A system a decision reads: rules, raised by a model or by each of several (none: the rules alone). */
export interface System {
  name: string;
  rules: Rules;
  model: Model | readonly Model[] | null;
}

/** A held-out corpus a decision reads, and how far a recall line may fall on it. */
export interface DecisionCorpus {
  name: string;
  guard: number;
  entries: readonly { text: string; tier: Tier }[];
  conversations: readonly { turns: readonly string[]; tier: Tier }[];
}

/**
 * Reads a system once on a corpus: prints its three goal lines, its total shortfall and how many
 * conversations meet their tier, and returns the three lines as rates.
 * @example const lines = readSystem(system, { entries, conversations });
 */
export function readSystem(
  system: System,
  corpus: Pick<DecisionCorpus, "entries" | "conversations">,
): readonly [number, number, number] {
  const scored = corpus.entries.map((entry) => ({
    tier: entry.tier,
    level: level(system.rules.assessRisk(entry.text), entry.text, system.model),
  }));
  const conversations = corpus.conversations.filter((c) =>
    meets(c.tier, level(system.rules.assessConversation(c.turns), conversationText(c.turns), system.model)),
  ).length;
  const lines = rates(scored);
  console.log(` ${system.name}:`);
  console.log(goalLines(scored).join("\n"));
  console.log(`  total shortfall from the goals: ${goalShortfall(lines).toFixed(3)}`);
  console.log(`  conversations meeting their tier: ${conversations}/${corpus.conversations.length}\n`);
  return lines;
}

/**
 * Reads every system once on every corpus (printing each, corpus by corpus), and answers what the
 * two-corpus decisions weigh: a system's summed shortfall from the goals, and whether a candidate's
 * recall lines stay within each corpus's guard of the shipped system's.
 * @example const { summed, recallKept } = readCorpora([shipped, candidate], CORPORA);
 */
export function readCorpora(systems: readonly System[], corpora: readonly DecisionCorpus[]) {
  const lines = new Map<System, number[][]>(systems.map((system) => [system, []]));
  for (const corpus of corpora) {
    console.log(
      `${corpus.name}, ${corpus.entries.length} messages and ${corpus.conversations.length} conversations, read once\n`,
    );
    for (const system of systems) lines.get(system)?.push([...readSystem(system, corpus)]);
  }
  const of = (system: System) => lines.get(system) as number[][];
  return {
    summed: (system: System) => of(system).reduce((total, read) => total + goalShortfall(read), 0),
    recallKept: (candidate: System, shipped: System) =>
      corpora.every((corpus, at) =>
        [0, 1].every(
          (line) => (of(candidate)[at]?.[line] as number) >= (of(shipped)[at]?.[line] as number) - corpus.guard - 1e-9,
        ),
      ),
  };
}

/**
 * The three-system decisions' rule (H, J, K): a candidate qualifies when its recall lines stay within
 * each corpus's guard of the shipped system's and its summed shortfall is less; of those, the least
 * sum wins, the earlier in `candidates` on a tie. Prints a line per candidate; null when none qualifies.
 * @example const best = bestQualifying(shipped, candidates, readCorpora([shipped, ...candidates], CORPORA));
 */
export function bestQualifying(
  shipped: System,
  candidates: readonly System[],
  { summed, recallKept }: ReturnType<typeof readCorpora>,
): System | null {
  let best: { system: System; shortfall: number } | null = null;
  for (const candidate of candidates) {
    const kept = recallKept(candidate, shipped);
    const shortfall = summed(candidate);
    const qualifies = kept && shortfall < summed(shipped) - 1e-9;
    console.log(
      `${candidate.name.slice(0, 2)}: recall lines within the guards of S0: ${kept ? "yes" : "NO"}; summed shortfall ${shortfall.toFixed(3)} against S0's ${summed(shipped).toFixed(3)}: ${qualifies ? "qualifies" : "does not qualify"}`,
    );
    if (qualifies && (best === null || shortfall < best.shortfall - 1e-9)) best = { system: candidate, shortfall };
  }
  return best?.system ?? null;
}

const ROOT = new URL("../..", import.meta.url).pathname;

/**
 * Runs `read` with the rules as they were at commit `base`, imported from a git worktree of it in
 * .tmp/ (removed afterwards): what a decision compares the rules in the tree with.
 * @example await withRulesAt("7ed490a012fd7fe10b7afdf5ba01fd4df40a421f", (earlier) => earlier.assessRisk("hi"))
 */
export async function withRulesAt<T>(base: string, read: (rules: Rules) => T | Promise<T>): Promise<T> {
  const worktree = join(ROOT, ".tmp", `rules-${base.slice(0, 7)}`);
  if (!existsSync(worktree)) {
    execFileSync("git", ["-C", ROOT, "worktree", "add", "--detach", worktree, base], { stdio: "ignore" });
  }
  try {
    return await read((await import(join(worktree, "shared/safety/crisis-risk.ts"))) as Rules);
  } finally {
    execFileSync("git", ["-C", ROOT, "worktree", "remove", "--force", worktree], { stdio: "ignore" });
  }
}

/** The rules' level, raised by the model when one is given (by each, when several: the most severe, as the check does). */
export function level(rules: RiskAssessment, text: string, model: Model | readonly Model[] | null): RiskLevel {
  if (model === null) return rules.level;
  const [first, ...rest] = ("risk" in model ? [model] : model).map((each) => ({
    risk: each.risk(text),
    thresholds: each.thresholds,
  }));
  return first === undefined ? rules.level : raiseWithEach(rules, [first, ...rest]).level;
}

/** The three goal lines as rates: acute → high, any risk → at least medium, benign below medium. */
export function rates(scored: readonly { tier: Tier; level: RiskLevel }[]) {
  const of = (tiers: readonly Tier[]) => scored.filter((entry) => tiers.includes(entry.tier));
  const share = (entries: readonly { level: RiskLevel }[], test: (found: RiskLevel) => boolean) =>
    entries.filter((entry) => test(entry.level)).length / entries.length;
  return [
    share(of(["acute"]), (found) => found === "high"),
    share(of(["acute", "ideation"]), (found) => AT_LEAST_MEDIUM.includes(found)),
    share(of(["benign"]), (found) => !AT_LEAST_MEDIUM.includes(found)),
  ] as const;
}

/** What a decision reads: the corpus, its name, the model shipped at the time, the candidate and what to call them. */
export interface Decision {
  title: string;
  entries: readonly { text: string; tier: Tier }[];
  conversations: readonly { turns: readonly string[]; tier: Tier }[];
  shipped: LearnedWeights;
  shippedName: string;
  /** The shipped model's letter; "A" when not given. */
  shippedLetter?: string;
  candidateName: string;
  candidateLetter: string;
  candidate: LearnedWeights;
}

/**
 * Print the three readings and the decision; true when the candidate is to ship.
 * @example decide({ title, entries, conversations, shippedName, candidateName, candidateLetter: "D", candidate })
 */
export function decide(decision: Decision): boolean {
  console.log(
    `${decision.title}, ${decision.entries.length} messages and ${decision.conversations.length} conversations, read once\n`,
  );
  const results: ReturnType<typeof rates>[] = [];
  for (const [name, model] of [
    ["rules alone", null],
    [decision.shippedName, modelOf(decision.shipped)],
    [decision.candidateName, modelOf(decision.candidate)],
  ] as const) {
    const scored = decision.entries.map((entry) => ({
      tier: entry.tier,
      level: level(assessRisk(entry.text), entry.text, model),
    }));
    const conversations = decision.conversations.filter((c) =>
      meets(c.tier, level(assessConversation(c.turns), conversationText(c.turns), model)),
    ).length;
    results.push(rates(scored));
    console.log(` ${name}:`);
    console.log(goalLines(scored).join("\n"));
    console.log(`  conversations meeting their tier: ${conversations}/${decision.conversations.length}\n`);
  }
  const [ra, rc] = results.slice(1) as [ReturnType<typeof rates>, ReturnType<typeof rates>];
  const names = ["acute → high", "any risk → ≥ medium", "benign below medium"];
  const letter = decision.candidateLetter;
  const shipped = decision.shippedLetter ?? "A";
  let worse = false;
  for (let at = 0; at < 3; at++) {
    const change = (rc[at] as number) - (ra[at] as number);
    const bad = change < -GUARD - 1e-9;
    worse ||= bad;
    console.log(
      `  ${letter} − ${shipped}, ${(names[at] as string).padEnd(22)} ${change >= 0 ? "+" : ""}${change.toFixed(3)}${bad ? "  (worse by more than the guard)" : ""}`,
    );
  }
  const better = rc[0] + rc[1] > ra[0] + ra[1] + 1e-9;
  console.log(`  recall sum: ${shipped} ${(ra[0] + ra[1]).toFixed(3)}, ${letter} ${(rc[0] + rc[1]).toFixed(3)}`);
  console.log(`DECISION: ${better && !worse ? `ship model ${letter}` : `keep model ${shipped}`}`);
  return better && !worse;
}
