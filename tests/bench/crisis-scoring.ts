/**
 * What the crisis reports (tests/bench/crisis.ts, the held-out corpus; tests/bench/crisis-dev.ts,
 * the development corpora) share: the goals of issue 12, what each tier asks of a level, and a
 * rate printed with its 95% Wilson interval.
 */
import type { RiskLevel } from "../../shared/safety/crisis-risk";

/** A corpus tier, by the C-SSRS triage rule. */
export type Tier = "acute" | "ideation" | "benign";

export const GOALS = { acuteHigh: 0.95, anyMedium: 0.98, benignBelow: 0.95 } as const;

/**
 * How far the three goal lines (acute → high, any risk → at least medium, benign below medium, as
 * rates) fall short of the goals in total: Σ max(0, goal − line). Model F's threshold rule and the
 * F and G decisions weigh systems by it.
 * @example goalShortfall([0.95, 0.98, 0.9]) // 0.05
 */
export function goalShortfall(lines: readonly number[]): number {
  return (
    Math.max(0, GOALS.acuteHigh - (lines[0] as number)) +
    Math.max(0, GOALS.anyMedium - (lines[1] as number)) +
    Math.max(0, GOALS.benignBelow - (lines[2] as number))
  );
}
export const AT_LEAST_MEDIUM: readonly RiskLevel[] = ["medium", "high"];
export const LEVELS: readonly RiskLevel[] = ["high", "medium", "low", "none"];

/** Whether the level meets what the tier asks of it: acute high, ideation at least medium, benign below. */
export function meets(tier: Tier, level: RiskLevel): boolean {
  if (tier === "acute") return level === "high";
  if (tier === "ideation") return AT_LEAST_MEDIUM.includes(level);
  return !AT_LEAST_MEDIUM.includes(level);
}

/** 95% Wilson score interval of a proportion, so that small categories are not over-read. */
export function wilson(hits: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = hits / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** One line: hits/n, the rate, its interval, and whether it meets the goal. */
export function rate(name: string, hits: number, n: number, goal: number): string {
  const value = n === 0 ? Number.NaN : hits / n;
  const [low, high] = wilson(hits, n);
  const verdict = value >= goal ? "meets" : "BELOW";
  return `  ${name.padEnd(40)} ${String(hits).padStart(4)}/${String(n).padEnd(4)} = ${value.toFixed(3)}  (95% CI ${low.toFixed(2)}–${high.toFixed(2)})  goal ≥ ${goal.toFixed(2)}: ${verdict}`;
}

/** The three goal lines of a scored corpus: acute → high, any risk → at least medium, benign below. */
export function goalLines(scored: readonly { tier: Tier; level: RiskLevel }[]): string[] {
  const of = (tier: Tier) => scored.filter((entry) => entry.tier === tier);
  const count = (entries: readonly { level: RiskLevel }[], test: (level: RiskLevel) => boolean) =>
    entries.filter((entry) => test(entry.level)).length;
  const acute = of("acute");
  const risky = [...acute, ...of("ideation")];
  const benign = of("benign");
  return [
    rate(
      "acute → high",
      count(acute, (level) => level === "high"),
      acute.length,
      GOALS.acuteHigh,
    ),
    rate(
      "acute + ideation → ≥ medium",
      count(risky, (level) => AT_LEAST_MEDIUM.includes(level)),
      risky.length,
      GOALS.anyMedium,
    ),
    rate(
      "benign → below medium",
      count(benign, (level) => !AT_LEAST_MEDIUM.includes(level)),
      benign.length,
      GOALS.benignBelow,
    ),
  ];
}
