import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSSRS_ITEMS, type CssrsAnswers, type CssrsItem, type CssrsTriage, cssrsAsked, triageCssrs } from "./cssrs";

/** One item's answer in a generated set: not given, no, or yes. */
type Cell = "absent" | "no" | "yes";
const CELLS: readonly Cell[] = ["absent", "no", "yes"];

function answersOf(cells: Readonly<Record<CssrsItem, Cell>>): Partial<Record<CssrsItem, boolean>> {
  const out: Partial<Record<CssrsItem, boolean>> = {};
  for (const item of CSSRS_ITEMS) {
    const cell = cells[item];
    if (cell !== "absent") out[item] = cell === "yes";
  }
  return out;
}

/** Every assignment of absent / no / yes to the seven items: 3^7 = 2,187 sets. */
function everyCellSet(): Record<CssrsItem, Cell>[] {
  let sets: Record<string, Cell>[] = [{}];
  for (const item of CSSRS_ITEMS) sets = sets.flatMap((set) => CELLS.map((cell) => ({ ...set, [item]: cell })));
  return sets as Record<CssrsItem, Cell>[];
}

/**
 * The screener's form, read independently of the code under test: Q1, Q2 and Q6 always answered;
 * Q3–Q5 answered when Q2 is yes, and absent or no when it is no; the 3-month question answered
 * when Q6 is yes, and absent when it is no.
 */
function wellFormed(c: Readonly<Record<CssrsItem, Cell>>): boolean {
  if (c.wishToBeDead === "absent" || c.suicidalThoughts === "absent" || c.behaviour === "absent") return false;
  const followUps = [c.method, c.intent, c.plan];
  if (c.suicidalThoughts === "yes" && followUps.includes("absent")) return false;
  if (c.suicidalThoughts === "no" && followUps.includes("yes")) return false;
  if (c.behaviour === "yes" && c.behaviourWithin3Months === "absent") return false;
  if (c.behaviour === "no" && c.behaviourWithin3Months !== "absent") return false;
  return true;
}

/**
 * The Columbia screener's triage as its card prints it (yes to 4, 5 or recent 6: high risk; yes to
 * 3 or to 6 longer ago: moderate; yes to 1 or 2 only: low), with Haven's mapping: moderate and low
 * are both `medium`, since any suicidal content is at least medium in Haven.
 */
function expected(c: Readonly<Record<CssrsItem, Cell>>): CssrsTriage {
  const yes = (item: CssrsItem) => c[item] === "yes";
  const recentBehaviour = yes("behaviour") && yes("behaviourWithin3Months");
  const highRisk = yes("intent") || yes("plan") || recentBehaviour;
  const anyYes = ["wishToBeDead", "suicidalThoughts", "method", "intent", "plan", "behaviour"].some((i) =>
    yes(i as CssrsItem),
  );
  const category = yes("behaviour")
    ? "behaviour"
    : yes("plan")
      ? "plan"
      : yes("intent")
        ? "intent"
        : yes("method")
          ? "method"
          : yes("suicidalThoughts")
            ? "suicidal-thoughts"
            : yes("wishToBeDead")
              ? "wish-to-be-dead"
              : null;
  return { level: highRisk ? "high" : anyYes ? "medium" : null, category } as CssrsTriage;
}

const ALL = everyCellSet();
const VALID = ALL.filter(wellFormed);
const INVALID = ALL.filter((c) => !wellFormed(c));

const NO: CssrsAnswers = { wishToBeDead: false, suicidalThoughts: false, behaviour: false };

describe("triageCssrs: the screener's rule, mapped to Haven's flag levels", () => {
  it("finds 96 well-formed answer sets among the 2,187 ways to fill the seven items", () => {
    // Q1 (2) × Q2 no with Q3–Q5 each absent or no (8), or Q2 yes with Q3–Q5 each answered (8) × Q6 (no, or yes with 2).
    expect(ALL).toHaveLength(2187);
    expect(VALID).toHaveLength(2 * (8 + 8) * 3);
  });

  it("triages every well-formed answer set as the screener's card does", () => {
    for (const cells of VALID)
      expect(triageCssrs(answersOf(cells) as CssrsAnswers), JSON.stringify(cells)).toEqual(expected(cells));
  });

  it("refuses every malformed answer set with an error value naming an item", () => {
    for (const cells of INVALID) {
      const result = triageCssrs(answersOf(cells) as CssrsAnswers);
      expect(result, JSON.stringify(cells)).toEqual({ error: expect.any(String), item: expect.any(String) });
    }
  });

  it("raises no flag when every question is answered no", () => {
    expect(triageCssrs(NO)).toEqual({ level: null, category: null });
    expect(
      triageCssrs({ ...NO, method: false, intent: false, plan: false }),
      "Q3–Q5 sent as no after a no to Q2",
    ).toEqual({ level: null, category: null });
  });

  it.each([
    ["a wish to be dead alone", { ...NO, wishToBeDead: true }, "medium", "wish-to-be-dead"],
    [
      "suicidal thoughts with no method, intent or plan",
      { ...NO, suicidalThoughts: true, method: false, intent: false, plan: false },
      "medium",
      "suicidal-thoughts",
    ],
    [
      "a method thought of",
      { ...NO, suicidalThoughts: true, method: true, intent: false, plan: false },
      "medium",
      "method",
    ],
    ["intent to act", { ...NO, suicidalThoughts: true, method: false, intent: true, plan: false }, "high", "intent"],
    [
      "a plan with intent to carry it out",
      { ...NO, suicidalThoughts: true, method: true, intent: true, plan: true },
      "high",
      "plan",
    ],
    [
      "behaviour within the past 3 months",
      { ...NO, behaviour: true, behaviourWithin3Months: true },
      "high",
      "behaviour",
    ],
    ["behaviour longer ago", { ...NO, behaviour: true, behaviourWithin3Months: false }, "medium", "behaviour"],
    [
      "behaviour longer ago with intent now: high, named by its most severe category",
      {
        ...NO,
        suicidalThoughts: true,
        method: false,
        intent: true,
        plan: false,
        behaviour: true,
        behaviourWithin3Months: false,
      },
      "high",
      "behaviour",
    ],
  ] as const)("triages %s", (_, answers, level, category) => {
    expect(triageCssrs(answers)).toEqual({ level, category });
  });

  it.each([
    ["Q1 missing", { suicidalThoughts: false, behaviour: false }, "ANSWER_MISSING", "wishToBeDead"],
    ["Q2 missing", { wishToBeDead: false, behaviour: false }, "ANSWER_MISSING", "suicidalThoughts"],
    ["Q6 missing", { wishToBeDead: false, suicidalThoughts: false }, "ANSWER_MISSING", "behaviour"],
    [
      "Q4 missing after a yes to Q2",
      { ...NO, suicidalThoughts: true, method: false, plan: false },
      "ANSWER_MISSING",
      "intent",
    ],
    ["Q3 yes after a no to Q2", { ...NO, method: true }, "SKIPPED_ITEM_ANSWERED", "method"],
    ["Q5 yes after a no to Q2", { ...NO, plan: true }, "SKIPPED_ITEM_ANSWERED", "plan"],
    [
      "the 3-month question without Q6",
      { ...NO, behaviourWithin3Months: false },
      "SKIPPED_ITEM_ANSWERED",
      "behaviourWithin3Months",
    ],
    [
      "the 3-month question missing after a yes to Q6",
      { ...NO, behaviour: true },
      "ANSWER_MISSING",
      "behaviourWithin3Months",
    ],
  ] as const)("answers %s with an error value", (_, answers, error, item) => {
    expect(triageCssrs(answers as CssrsAnswers)).toEqual({ error, item });
  });

  it("answers an answer that is not yes or no (from JSON, say) with ANSWER_NOT_YES_NO", () => {
    expect(triageCssrs({ ...NO, wishToBeDead: 1 } as unknown as CssrsAnswers)).toEqual({
      error: "ANSWER_NOT_YES_NO",
      item: "wishToBeDead",
    });
    expect(triageCssrs({ ...NO, behaviour: true, behaviourWithin3Months: "yes" } as unknown as CssrsAnswers)).toEqual({
      error: "ANSWER_NOT_YES_NO",
      item: "behaviourWithin3Months",
    });
    expect(triageCssrs({ ...NO, behaviour: null } as unknown as CssrsAnswers)).toEqual({
      error: "ANSWER_NOT_YES_NO",
      item: "behaviour",
    });
  });

  it("answers an item the screener does not have with UNKNOWN_ITEM, and a value that is not an object likewise", () => {
    expect(triageCssrs({ ...NO, hopeless: true } as unknown as CssrsAnswers)).toEqual({
      error: "UNKNOWN_ITEM",
      item: "hopeless",
    });
    expect(triageCssrs(null as unknown as CssrsAnswers)).toEqual({ error: "ANSWER_MISSING", item: "wishToBeDead" });
    expect(triageCssrs([true, false] as unknown as CssrsAnswers)).toEqual({ error: "UNKNOWN_ITEM", item: "0" });
  });

  it("does not change the answers it is given", () => {
    const answers = { ...NO, behaviour: true, behaviourWithin3Months: true };
    const copy = structuredClone(answers);
    triageCssrs(answers);
    expect(answers).toEqual(copy);
  });
});

describe("triageCssrs: a yes never lowers the level (fast-check)", () => {
  const rank = (t: CssrsTriage | { error: string }) => {
    if ("error" in t) throw new Error(`expected a triage, got ${t.error}`);
    return t.level === "high" ? 2 : t.level === "medium" ? 1 : 0;
  };
  const validAnswers = fc.constantFrom(...VALID).map((cells) => answersOf(cells) as CssrsAnswers);

  it("holds when any no to a question asked becomes yes (questions it opens answered either way)", () => {
    fc.assert(
      fc.property(validAnswers, fc.nat(), fc.boolean(), fc.boolean(), fc.boolean(), (answers, pick, a, b, c) => {
        // Only a question that is asked can change; Q3–Q5 sent as no after a no to Q2 are not asked.
        const noes = cssrsAsked(answers).filter((item) => answers[item] === false);
        fc.pre(noes.length > 0);
        const item = noes[pick % noes.length] as CssrsItem;
        const raised: CssrsAnswers = { ...answers, [item]: true };
        // A yes to Q2 opens Q3–Q5; a yes to Q6 opens the 3-month question.
        if (item === "suicidalThoughts") Object.assign(raised, { method: a, intent: b, plan: c });
        if (item === "behaviour") raised.behaviourWithin3Months = a;
        expect(rank(triageCssrs(raised))).toBeGreaterThanOrEqual(rank(triageCssrs(answers)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("cssrsAsked: the skip logic, for a form to follow", () => {
  it("asks Q1, Q2 and Q6 before anything is answered", () => {
    expect(cssrsAsked({})).toEqual(["wishToBeDead", "suicidalThoughts", "behaviour"]);
  });

  it("asks Q3–Q5 only after a yes to Q2, in the screener's order", () => {
    expect(cssrsAsked({ suicidalThoughts: true })).toEqual([
      "wishToBeDead",
      "suicidalThoughts",
      "method",
      "intent",
      "plan",
      "behaviour",
    ]);
    expect(cssrsAsked({ suicidalThoughts: false })).not.toContain("method");
  });

  it("asks whether it was within the past 3 months only after a yes to Q6", () => {
    expect(cssrsAsked({ behaviour: true }).at(-1)).toBe("behaviourWithin3Months");
    expect(cssrsAsked({ behaviour: false })).not.toContain("behaviourWithin3Months");
  });

  it("a form that answers exactly the questions asked is always well formed", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), (values) => {
        const answers: Partial<CssrsAnswers> = {};
        // Answer each question as it comes into view, as a patient would.
        for (let i = 0; i < 7; i++) {
          const next = cssrsAsked(answers).find((item) => !(item in answers));
          if (next === undefined) break;
          answers[next] = values[i] as boolean;
        }
        expect(triageCssrs(answers as CssrsAnswers)).not.toHaveProperty("error");
      }),
    );
  });
});
