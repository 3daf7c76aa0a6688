import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSSRS_CATEGORIES } from "../../shared/domain/risk-flags";
import { askSecondOpinion, llamaGuardClassifier, parseLabel, parseLlamaGuard, raiseOnly } from "./second-opinion";

describe("parseLabel", () => {
  it("reads every C-SSRS label, acute ones as high and the rest as medium", () => {
    const acute = ["behaviour", "preparation", "imminence", "plan", "intent", "method"];
    for (const category of CSSRS_CATEGORIES) {
      expect(parseLabel(category)).toEqual({ level: acute.includes(category) ? "high" : "medium", category });
    }
  });

  it("tolerates case, punctuation and a few words around the label", () => {
    expect(parseLabel("  Label: PREPARATION.\n")).toEqual({ level: "high", category: "preparation" });
    expect(parseLabel("wish-to-be-dead")).toEqual({ level: "medium", category: "wish-to-be-dead" });
  });

  it("reads none, anything unreadable or not a string as no verdict, and never throws", () => {
    for (const answer of ["none", "None.", "", "I cannot help with that", null, 42, undefined, { plan: 1 }]) {
      expect(parseLabel(answer)).toBeNull();
    }
    fc.assert(fc.property(fc.string(), (s) => parseLabel(s) === null || typeof parseLabel(s)?.level === "string"));
  });
});

describe("parseLlamaGuard", () => {
  it("reads unsafe with S11 (suicide and self-harm) as medium, and anything else as nothing", () => {
    expect(parseLlamaGuard("unsafe\nS11")).toEqual({ level: "medium", category: null });
    expect(parseLlamaGuard("unsafe\nS1,S11")).toEqual({ level: "medium", category: null });
    expect(parseLlamaGuard("unsafe\nS1")).toBeNull();
    expect(parseLlamaGuard("safe")).toBeNull();
    expect(parseLlamaGuard(undefined)).toBeNull();
  });
});

describe("raiseOnly", () => {
  it("keeps a verdict only when it is more urgent than the rule check's level", () => {
    const high = { level: "high", category: "plan" } as const;
    const medium = { level: "medium", category: null } as const;
    expect(raiseOnly("none", medium)).toBe(medium);
    expect(raiseOnly("low", high)).toBe(high);
    expect(raiseOnly("medium", high)).toBe(high);
    expect(raiseOnly("medium", medium)).toBeNull();
    expect(raiseOnly("high", high)).toBeNull();
    expect(raiseOnly("none", null)).toBeNull();
  });
});

describe("askSecondOpinion", () => {
  it("gives up at the deadline and aborts the call, resolving to no verdict", async () => {
    let aborted = false;
    const started = Date.now();
    const verdict = await askSecondOpinion(
      {
        name: "never",
        classify: (_turns, signal) =>
          new Promise(() => {
            signal.addEventListener("abort", () => {
              aborted = true;
            });
          }),
      },
      ["hello"],
      50,
      "req",
    );
    expect(verdict).toBeNull();
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("resolves to no verdict when the classifier throws", async () => {
    const verdict = await askSecondOpinion(
      { name: "broken", classify: () => Promise.reject(new Error("boom")) },
      ["hello"],
      1_000,
      "req",
    );
    expect(verdict).toBeNull();
  });

  it("asks Llama Guard on Workers AI with the turns as one user message", async () => {
    const calls: { model: string; inputs: unknown }[] = [];
    const ai = {
      run: (model: string, inputs: unknown) => {
        calls.push({ model, inputs });
        return Promise.resolve({ response: "unsafe\nS11" });
      },
    };
    const verdict = await llamaGuardClassifier(ai, "@cf/meta/llama-guard-3-8b").classify(
      ["first", "second"],
      new AbortController().signal,
    );
    expect(verdict).toEqual({ level: "medium", category: null });
    expect(calls).toEqual([
      {
        model: "@cf/meta/llama-guard-3-8b",
        inputs: { messages: [{ role: "user", content: "Message 1: first\nMessage 2: second" }] },
      },
    ]);
  });
});
