/**
 * `npx tsx tests/bench/crisis-model-g-decision.ts`: model G against the shipped model F, both beside
 * the rules as they are, on the NINTH held-out corpus and the first held-out corpus of SHORT chat
 * replies. A report: nothing is asserted, and only figures are printed, never texts.
 *
 * PRE-REGISTERED on 2026-12-06, committed before anyone scored either corpus:
 *
 * - F is the shipped model (weights-f.generated.ts, as weights.generated.ts holds it), at θa 0.675,
 *   θr 0.675.
 * - G is weights-g.generated.ts as committed with this script: F's procedure on twenty-three
 *   writers, F's and a development corpus of short chat replies (train-crisis-model-g.ts), at the
 *   thresholds it wrote.
 * - The ninth held-out corpus (crisis-heldout9.ts, written like the earlier ones) and the held-out
 *   corpus of short replies (crisis-shortheldout1.ts: mostly short, mostly benign, two thirds under
 *   40 characters) were written blind by writers who had read neither the classifier nor any corpus,
 *   and nobody has scored them. Each is read once, here, on its single messages:
 *     G ships only if, on each corpus, neither recall line (acute → high, any risk → at least
 *     medium) is worse than F's by more than 0.01 on the ninth or 0.02 on the short replies (about
 *     one message of 86 acute), AND the sum of its total shortfalls from the goals on the two
 *     corpora (Σ max(0, goal − line)) is less than F's. Otherwise F stays.
 *   Conversations are printed, not weighed. Nothing is tuned after the scoring, whatever it shows.
 * - The two corpora's figures for whichever model ships are its honest figures (they chose between
 *   two, so they flatter the winner a little).
 *
 * The rules in the tree changed again on the evening of 2026-12-06 (the H decision,
 * crisis-model-h-decision.ts), so its recorded output is reproduced at 7ed490a: `git checkout
 * 7ed490a` (or a worktree of it) and run it there.
 */
import { CRISIS_HELDOUT9, HELDOUT9_CONVERSATIONS } from "../../shared/safety/crisis-heldout9";
import { assessConversation, assessRisk } from "../../shared/safety/crisis-risk";
import { CRISIS_SHORTHELDOUT1, SHORTHELDOUT1_CONVERSATIONS } from "../../shared/safety/crisis-shortheldout1";
import { conversationText } from "../../shared/safety/learned/combine";
import { LEARNED_WEIGHTS_F } from "../../shared/safety/learned/weights-f.generated";
import { LEARNED_WEIGHTS_G } from "../../shared/safety/learned/weights-g.generated";
import { type DecisionCorpus, level, type Model, modelOf, rates } from "./crisis-decision";
import { goalLines, goalShortfall, meets } from "./crisis-scoring";

const CORPORA: readonly DecisionCorpus[] = [
  {
    name: "NINTH HELD-OUT corpus (crisis-heldout9.ts)",
    guard: 0.01,
    entries: CRISIS_HELDOUT9,
    conversations: HELDOUT9_CONVERSATIONS,
  },
  {
    name: "HELD-OUT corpus of SHORT chat replies (crisis-shortheldout1.ts)",
    guard: 0.02,
    entries: CRISIS_SHORTHELDOUT1,
    conversations: SHORTHELDOUT1_CONVERSATIONS,
  },
];

const models: readonly [string, Model][] = [
  ["rules + model F (shipped)", modelOf(LEARNED_WEIGHTS_F)],
  ["rules + model G (candidate)", modelOf(LEARNED_WEIGHTS_G)],
];
const total = [0, 0];
let recallKept = true;
for (const corpus of CORPORA) {
  console.log(
    `${corpus.name}, ${corpus.entries.length} messages and ${corpus.conversations.length} conversations, read once\n`,
  );
  const lines: ReturnType<typeof rates>[] = [];
  for (const [at, [name, model]] of models.entries()) {
    const scored = corpus.entries.map((entry) => ({
      tier: entry.tier,
      level: level(assessRisk(entry.text), entry.text, model),
    }));
    const conversations = corpus.conversations.filter((c) =>
      meets(c.tier, level(assessConversation(c.turns), conversationText(c.turns), model)),
    ).length;
    const read = rates(scored);
    lines.push(read);
    total[at] = (total[at] as number) + goalShortfall(read);
    console.log(` ${name}:`);
    console.log(goalLines(scored).join("\n"));
    console.log(`  total shortfall from the goals: ${goalShortfall(read).toFixed(3)}`);
    console.log(`  conversations meeting their tier: ${conversations}/${corpus.conversations.length}\n`);
  }
  const [f, g] = lines as [ReturnType<typeof rates>, ReturnType<typeof rates>];
  for (const at of [0, 1]) {
    if ((g[at] as number) < (f[at] as number) - corpus.guard - 1e-9) recallKept = false;
  }
}
const ships = recallKept && (total[1] as number) < (total[0] as number) - 1e-9;
console.log(
  `Recall lines within the guards: ${recallKept ? "yes" : "NO"}; summed shortfall F ${(total[0] as number).toFixed(3)}, G ${(total[1] as number).toFixed(3)}`,
);
console.log(`DECISION: ${ships ? "ship model G" : "keep model F"}`);
