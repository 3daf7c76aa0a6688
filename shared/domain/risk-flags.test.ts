import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACUTE_CATEGORIES,
  CSSRS_CATEGORIES,
  type CssrsCategory,
  compareFlags,
  FLAG_LEVELS,
  FLAG_STATUSES,
  type FlagAction,
  type FlagLevel,
  type FlagStatus,
  highestLevel,
  moreSevere,
  nextFlagStatus,
  RULE_CATEGORIES,
  RULE_LEVELS,
} from "./risk-flags";

interface Flag {
  level: FlagLevel;
  status: FlagStatus;
  createdAt: number;
}

const flag = (level: FlagLevel, status: FlagStatus, createdAt = 0): Flag => ({ level, status, createdAt });
const anyFlag = fc.record({
  level: fc.constantFrom(...FLAG_LEVELS),
  status: fc.constantFrom(...FLAG_STATUSES),
  createdAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
});
const sign = (n: number) => Math.sign(n) || 0;

describe("nextFlagStatus", () => {
  // Every status × every action, spelled out: the workflow is a clinical record, not a guess.
  const table: [FlagStatus, FlagAction, FlagStatus | null][] = [
    ["open", "acknowledge", "acknowledged"],
    ["open", "resolve", "resolved"],
    ["acknowledged", "acknowledge", null],
    ["acknowledged", "resolve", "resolved"],
    ["resolved", "acknowledge", null],
    ["resolved", "resolve", null],
  ];

  it("covers every status and every action in the table below", () => {
    const actions: FlagAction[] = ["acknowledge", "resolve"];
    expect(table.map(([s, a]) => `${s}/${a}`).sort()).toEqual(
      FLAG_STATUSES.flatMap((s) => actions.map((a) => `${s}/${a}`)).sort(),
    );
  });

  for (const [status, action, next] of table) {
    it(`${action} on an ${status} flag → ${next ?? "nothing to write"}`, () => {
      expect(nextFlagStatus(status, action)).toBe(next);
    });
  }

  it("never moves a flag backwards", () => {
    for (const [status, action] of table) {
      const next = nextFlagStatus(status, action);
      if (next !== null) expect(FLAG_STATUSES.indexOf(next)).toBeGreaterThan(FLAG_STATUSES.indexOf(status));
    }
  });
});

describe("compareFlags", () => {
  it("lists an unresolved high flag before an unresolved medium or low one, whatever their status or age", () => {
    fc.assert(
      fc.property(fc.array(anyFlag, { maxLength: 40 }), (flags) => {
        const sorted = [...flags].sort(compareFlags);
        const unresolved = sorted.filter((f) => f.status !== "resolved");
        const firstNotHigh = unresolved.findIndex((f) => f.level !== "high");
        const lastHigh = unresolved.findLastIndex((f) => f.level === "high");
        expect(firstNotHigh === -1 || lastHigh < firstNotHigh).toBe(true);
        // And medium before low among the unresolved.
        const firstLow = unresolved.findIndex((f) => f.level === "low");
        const lastMedium = unresolved.findLastIndex((f) => f.level === "medium");
        expect(firstLow === -1 || lastMedium < firstLow).toBe(true);
      }),
    );
  });

  it("lists every unresolved flag before every resolved one", () => {
    fc.assert(
      fc.property(fc.array(anyFlag, { maxLength: 40 }), (flags) => {
        const sorted = [...flags].sort(compareFlags);
        const firstResolved = sorted.findIndex((f) => f.status === "resolved");
        if (firstResolved !== -1) expect(sorted.slice(firstResolved).every((f) => f.status === "resolved")).toBe(true);
      }),
    );
  });

  it("is a consistent total order: antisymmetric, transitive, and zero only for equal keys", () => {
    fc.assert(
      fc.property(anyFlag, anyFlag, anyFlag, (a, b, c) => {
        expect(sign(compareFlags(a, b))).toBe(-sign(compareFlags(b, a)));
        expect(compareFlags(a, a)).toBe(0);
        const same = a.level === b.level && a.status === b.status && a.createdAt === b.createdAt;
        expect(compareFlags(a, b) === 0).toBe(same);
        if (compareFlags(a, b) <= 0 && compareFlags(b, c) <= 0) expect(compareFlags(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("gives the same order whatever order the flags arrive in", () => {
    fc.assert(
      fc.property(
        fc
          .array(anyFlag, { maxLength: 30 })
          .chain((flags) => fc.tuple(fc.constant(flags), fc.shuffledSubarray(flags, { minLength: flags.length }))),
        ([flags, shuffled]) => {
          const key = (f: Flag) => `${f.level}/${f.status}/${f.createdAt}`;
          expect([...shuffled].sort(compareFlags).map(key)).toEqual([...flags].sort(compareFlags).map(key));
        },
      ),
    );
  });

  it("within a level, puts open before acknowledged, then the newest first", () => {
    const sorted = [
      flag("medium", "acknowledged", 30),
      flag("medium", "open", 10),
      flag("medium", "open", 20),
      flag("medium", "acknowledged", 40),
    ].sort(compareFlags);
    expect(sorted).toEqual([
      flag("medium", "open", 20),
      flag("medium", "open", 10),
      flag("medium", "acknowledged", 40),
      flag("medium", "acknowledged", 30),
    ]);
  });

  it("puts an acknowledged high flag above an open medium one (a high flag is never shown like a medium one)", () => {
    expect([flag("medium", "open", 99), flag("high", "acknowledged", 1)].sort(compareFlags)).toEqual([
      flag("high", "acknowledged", 1),
      flag("medium", "open", 99),
    ]);
  });

  it("orders resolved flags among themselves by level, then newest first", () => {
    expect(
      [flag("low", "resolved", 50), flag("high", "resolved", 10), flag("high", "resolved", 20)].sort(compareFlags),
    ).toEqual([flag("high", "resolved", 20), flag("high", "resolved", 10), flag("low", "resolved", 50)]);
  });

  it("does not change the flags it compares", () => {
    const a = flag("low", "open", 5);
    const b = flag("high", "resolved", 6);
    compareFlags(a, b);
    expect([a, b]).toEqual([flag("low", "open", 5), flag("high", "resolved", 6)]);
  });
});

describe("highestLevel", () => {
  it("is null for no levels", () => {
    expect(highestLevel([])).toBeNull();
  });

  it.each([
    [["low"], "low"],
    [["low", "medium"], "medium"],
    [["medium", "low", "high", "low"], "high"],
    [["high", "high"], "high"],
  ] as [FlagLevel[], FlagLevel][])("of %j is %s", (levels, expected) => {
    expect(highestLevel(levels)).toBe(expected);
  });

  it("reads any iterable, once (a generator works)", () => {
    function* levels(): Generator<FlagLevel> {
      yield "low";
      yield "medium";
    }
    expect(highestLevel(levels())).toBe("medium");
  });

  it("is the first level in FLAG_LEVELS that appears, for any list", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FLAG_LEVELS)), (levels) => {
        expect(highestLevel(levels)).toBe(FLAG_LEVELS.find((l) => levels.includes(l)) ?? null);
      }),
    );
  });
});

describe("moreSevere", () => {
  it("keeps the one category when the other is absent, and null for neither", () => {
    expect(moreSevere(null, null)).toBeNull();
    expect(moreSevere("plan", null)).toBe("plan");
    expect(moreSevere(null, "hopelessness")).toBe("hopelessness");
  });

  it("picks the earlier category in CSSRS_CATEGORIES (most severe first), in either order", () => {
    for (const [i, a] of CSSRS_CATEGORIES.entries()) {
      for (const [j, b] of CSSRS_CATEGORIES.entries()) {
        const expected = i <= j ? a : b;
        expect(moreSevere(a, b), `${a} vs ${b}`).toBe(expected);
        expect(moreSevere(b, a), `${b} vs ${a}`).toBe(expected);
      }
    }
  });

  it("ranks every acute category above every non-acute one", () => {
    const acute = CSSRS_CATEGORIES.filter((c) => ACUTE_CATEGORIES.has(c));
    const other = CSSRS_CATEGORIES.filter((c) => !ACUTE_CATEGORIES.has(c));
    for (const a of acute) for (const o of other) expect(moreSevere(o, a)).toBe(a);
  });

  it("is associative: folding a list gives the same category whatever the grouping", () => {
    const category = fc.option(fc.constantFrom(...CSSRS_CATEGORIES), { nil: null });
    fc.assert(
      fc.property(category, category, category, (a, b, c) => {
        expect(moreSevere(moreSevere(a, b), c)).toBe(moreSevere(a, moreSevere(b, c)));
      }),
    );
  });
});

describe("the fixed rules", () => {
  it("raise PHQ-9 item 9 as medium / wish-to-be-dead, a low mood as low with no category, an SOS as high", () => {
    expect(RULE_LEVELS).toEqual({ low_mood: "low", phq9_item9: "medium", sos: "high" });
    expect(RULE_CATEGORIES).toEqual({ low_mood: null, phq9_item9: "wish-to-be-dead", sos: null });
    const named: (CssrsCategory | null)[] = Object.values(RULE_CATEGORIES);
    for (const c of named) if (c !== null) expect(CSSRS_CATEGORIES).toContain(c);
  });
});
