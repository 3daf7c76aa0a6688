/**
 * `npx tsx tests/bench/crisis-dev.ts [--misses]`: how the crisis check does on the corpora it is
 * tuned against — the development corpus (shared/safety/crisis-dev.ts, written by rule from the
 * C-SSRS categories before tuning), the second development corpus (shared/safety/crisis-dev2.ts,
 * written independently in other registers: slang, terse texts, typos, questions, long messages),
 * the third development corpus (shared/safety/crisis-dev3.ts, a third independent writer: euphemism,
 * regional and non-native wording, diary-style messages, impersonal and third-person phrasing)
 * and the project's own (shared/safety/crisis-corpus.ts) — as a report: nothing is asserted. The honest figure is the held-out corpus's, which only
 * `tests/bench/crisis.ts` reports and whoever tunes the classifier must not run.
 *
 *   acute → "high" (the crisis answer)           recall, goal ≥ 0.95
 *   acute + ideation → at least "medium"         recall, goal ≥ 0.98
 *   benign → below "medium" ("none" or "low")    rate,   goal ≥ 0.95
 *
 * `--misses` lists the development corpora's misses (they are worklists by design).
 */
import { type CorpusEntry, CRISIS_CORPUS, HELD_OUT_CORPUS } from "../../shared/safety/crisis-corpus";
import { CRISIS_DEV, DEV_CONVERSATIONS, type DevTier } from "../../shared/safety/crisis-dev";
import { CRISIS_DEV2, DEV2_CONVERSATIONS } from "../../shared/safety/crisis-dev2";
import { CRISIS_DEV3, DEV3_CONVERSATIONS } from "../../shared/safety/crisis-dev3";
import { assessConversation, assessRisk, type RiskLevel } from "../../shared/safety/crisis-risk";
import { GOALS, goalLines, LEVELS, meets, rate } from "./crisis-scoring";

const showMisses = process.argv.includes("--misses");

interface Scored {
  text: string;
  tier: DevTier;
  category: string;
  level: RiskLevel;
  found: string | null;
}

function report(title: string, scored: readonly Scored[], misses: boolean): void {
  const of = (tier: DevTier) => scored.filter((entry) => entry.tier === tier);
  const acute = of("acute");
  const benign = of("benign");
  const count = (entries: readonly Scored[], test: (level: RiskLevel) => boolean) =>
    entries.filter((entry) => test(entry.level)).length;
  const lines = [
    `${title}: ${scored.length} messages (${acute.length} acute, ${of("ideation").length} ideation, ${benign.length} benign)`,
    ...goalLines(scored),
    "  tier \\ level        high medium    low   none",
    ...(["acute", "ideation", "benign"] as const).map(
      (tier) =>
        `  ${tier.padEnd(16)} ${LEVELS.map((level) => String(count(of(tier), (found) => found === level)).padStart(6)).join(" ")}`,
    ),
  ];
  if (misses) {
    for (const entry of scored.filter((item) => !meets(item.tier, item.level))) {
      lines.push(`    miss ${entry.tier}/${entry.category} → ${entry.level} (${entry.found ?? "-"}): ${entry.text}`);
    }
  }
  console.log(`${lines.join("\n")}\n`);
}

function scoreOld(entries: readonly CorpusEntry[]): Scored[] {
  return entries.map((entry) => {
    const tier: DevTier = entry.label === "high" ? "acute" : entry.label === "medium" ? "ideation" : "benign";
    const risk = assessRisk(entry.text);
    return { text: entry.text, tier, category: `label ${entry.label}`, level: risk.level, found: risk.category };
  });
}

console.log("Crisis check (assessRisk) on the corpora it is tuned against. A report: nothing is asserted.\n");
report(
  "Development corpus (CRISIS_DEV in crisis-dev.ts)",
  CRISIS_DEV.map((entry) => {
    const risk = assessRisk(entry.text);
    return { ...entry, level: risk.level, found: risk.category };
  }),
  showMisses,
);

interface Conversation {
  turns: readonly string[];
  tier: DevTier;
  note: string;
}

/** Each conversation read with assessConversation: how many meet their tier, per tier and in all. */
function reportConversations(title: string, conversations: readonly Conversation[], misses: boolean): void {
  const lines: string[] = [];
  const hits = { acute: 0, ideation: 0, benign: 0 };
  const totals = { acute: 0, ideation: 0, benign: 0 };
  for (const conversation of conversations) {
    const risk = assessConversation(conversation.turns);
    const last = assessRisk(conversation.turns.at(-1) ?? "").level;
    const ok = meets(conversation.tier, risk.level);
    totals[conversation.tier]++;
    if (ok) hits[conversation.tier]++;
    if (!ok || misses) {
      lines.push(
        `    ${ok ? "ok  " : "miss"} ${conversation.tier.padEnd(8)} conversation: ${risk.level.padEnd(6)} (${risk.category ?? "-"}), last turn alone: ${last.padEnd(6)} ${conversation.note}`,
      );
    }
  }
  const all = hits.acute + hits.ideation + hits.benign;
  console.log(`${title}: ${all}/${conversations.length} meet their tier`);
  console.log(rate("acute → high", hits.acute, totals.acute, GOALS.acuteHigh));
  console.log(rate("ideation → ≥ medium", hits.ideation, totals.ideation, GOALS.anyMedium));
  console.log(rate("benign → below medium", hits.benign, totals.benign, GOALS.benignBelow));
  console.log(`${lines.join("\n")}\n`);
}

reportConversations("Development conversations (DEV_CONVERSATIONS, assessConversation)", DEV_CONVERSATIONS, showMisses);

report(
  "Second development corpus (CRISIS_DEV2 in crisis-dev2.ts)",
  CRISIS_DEV2.map((entry) => {
    const risk = assessRisk(entry.text);
    return { ...entry, level: risk.level, found: risk.category };
  }),
  showMisses,
);
reportConversations(
  "Second development conversations (DEV2_CONVERSATIONS, assessConversation)",
  DEV2_CONVERSATIONS.map((conversation) => ({ ...conversation, note: conversation.category })),
  showMisses,
);

console.log(
  "Third development corpus: before any tuning on it (2026-12-04) it read acute → high 0.45 (69/154), any risk → ≥ medium 0.53 (150/285),\n" +
    "benign below medium 0.88 (135/154), and 14/31 conversations met their tier.\n",
);
report(
  "Third development corpus (CRISIS_DEV3 in crisis-dev3.ts)",
  CRISIS_DEV3.map((entry) => {
    const risk = assessRisk(entry.text);
    return { ...entry, level: risk.level, found: risk.category };
  }),
  showMisses,
);
reportConversations(
  "Third development conversations (DEV3_CONVERSATIONS, assessConversation)",
  DEV3_CONVERSATIONS.map((conversation) => ({ ...conversation, note: conversation.category })),
  showMisses,
);

console.log(
  "The project's corpora are labelled with the old levels, read here as tiers (high → acute, medium → ideation, low/none → benign).\n" +
    "Their labels disagree with the C-SSRS rule of issue 12 in two ways: first-person suicidal thoughts, a passive wish not to live and\n" +
    "self-harm are labelled high (the C-SSRS calls them ideation: medium), and a friend's or relative's risk is labelled medium (the\n" +
    "screen is of the writer: lowered). So their 'acute → high' and 'ideation' rows count those as misses.\n",
);
report("Project corpus (CRISIS_CORPUS in crisis-corpus.ts)", scoreOld(CRISIS_CORPUS), showMisses);
report("Project's former held-out set (HELD_OUT_CORPUS in crisis-corpus.ts)", scoreOld(HELD_OUT_CORPUS), showMisses);
