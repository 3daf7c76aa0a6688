import { describe, expect, it } from "vitest";
import { approxTokens, fitToBudget } from "./history";

const turn = (role: "user" | "assistant", n: number, chars = 400) => ({ role, content: `${n}`.padEnd(chars, ".") });

describe("approxTokens", () => {
  it("counts characters / 4, rounded up", () => {
    expect(approxTokens("")).toBe(0);
    expect(approxTokens("abcd")).toBe(1);
    expect(approxTokens("abcde")).toBe(2);
  });
});

describe("fitToBudget", () => {
  it("sends the system prompt first and the new message last", () => {
    const turns = fitToBudget("SYSTEM", [], "hello", 3000);
    expect(turns).toEqual([
      { role: "system", content: "SYSTEM" },
      { role: "user", content: "hello" },
    ]);
  });

  it("keeps the most recent whole turns that fit, in their original order", () => {
    // 100 tokens each; system 10 + message 10 leave room for 8 turns in a budget of 820.
    const newestFirst = Array.from({ length: 20 }, (_, i) => turn(i % 2 === 0 ? "assistant" : "user", 20 - i));
    const turns = fitToBudget("S".repeat(40), newestFirst, "M".repeat(40), 820);
    const history = turns.slice(1, -1);
    expect(history.map((t) => t.content.split(".")[0])).toEqual(["13", "14", "15", "16", "17", "18", "19", "20"]);
    expect(turns.reduce((sum, t) => sum + approxTokens(t.content), 0)).toBeLessThanOrEqual(820);
  });

  it("stops at the first turn that does not fit, rather than skipping it for older ones", () => {
    const newestFirst = [turn("user", 3, 40), turn("assistant", 2, 4000), turn("user", 1, 40)];
    expect(fitToBudget("S", newestFirst, "M", 200).slice(1, -1)).toEqual([turn("user", 3, 40)]);
  });

  it("drops a leading assistant turn so the history starts with the patient's", () => {
    const newestFirst = [turn("assistant", 2, 40), turn("user", 1, 40), turn("assistant", 0, 40)];
    const history = fitToBudget("S", newestFirst, "M", 3000).slice(1, -1);
    expect(history.map((t) => t.role)).toEqual(["user", "assistant"]);
  });

  it("always sends the new message, even when it alone is over the budget", () => {
    const turns = fitToBudget("S", [turn("user", 1)], "M".repeat(20_000), 3000);
    expect(turns).toHaveLength(2);
    expect(turns[1]?.content).toHaveLength(20_000);
  });
});
