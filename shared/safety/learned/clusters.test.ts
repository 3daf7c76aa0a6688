import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeClusters, encodeClusters, wordCluster } from "./clusters";
import { featurise } from "./features";
import { decodeModel, learnedRisk, riskOf } from "./model";
import { LEARNED_WEIGHTS } from "./weights.generated";

describe("word clusters", () => {
  it("decode what was packed, for any table", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 0xffffffff }), { maxLength: 40 }),
        fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 300 }),
        (hashes, coarseOf) => {
          const entries = hashes.map((hash, at) => ({ hash, fine: at % coarseOf.length }));
          const table = decodeClusters(encodeClusters(entries, coarseOf));
          expect(table.size).toBe(entries.length);
          for (const { hash, fine } of entries) expect(table.get(hash)).toEqual({ fine, coarse: coarseOf[fine] });
        },
      ),
    );
  });

  it("refuse a truncated or padded table", () => {
    const bytes = encodeClusters([{ hash: 5, fine: 0 }], [3]);
    expect(() => decodeClusters(bytes.subarray(0, bytes.length - 1))).toThrow();
    expect(() => decodeClusters(Uint8Array.from([...bytes, 0]))).toThrow();
    expect(() => decodeClusters(Uint8Array.from([0x80]))).toThrow(/truncated/);
  });

  it("put words of like meaning together, and leave unknown words out", () => {
    expect(wordCluster("pills")?.fine).toBe(wordCluster("medication")?.fine);
    expect(wordCluster("rope")?.fine).toBe(wordCluster("knife")?.fine);
    expect(wordCluster("pills")?.fine).not.toBe(wordCluster("bridge")?.fine);
    expect(wordCluster("qzxvbnw")).toBeUndefined();
    expect(wordCluster("tablets")?.coarse).toBeGreaterThanOrEqual(0);
  });

  it("add cluster features only when the spec asks, and need the look-up then", () => {
    const plain = { bits: 16, bigrams: true, charMin: 0, charMax: 0 };
    const clustered = { ...plain, clusters: true };
    const text = "I took the tablets";
    expect(featurise(text, clustered, wordCluster).index.length).toBeGreaterThan(featurise(text, plain).index.length);
    expect(() => featurise(text, clustered)).toThrow(/word clusters/);
    // Two words of one cluster give the same cluster features: "pills" and "medication" differ only in their own word.
    const a = new Set(featurise("i took the pills", clustered, wordCluster).index);
    const b = new Set(featurise("i took the medication", clustered, wordCluster).index);
    const shared = [...a].filter((bucket) => b.has(bucket)).length;
    expect(shared).toBeGreaterThan(featurise("i took the pills", plain).index.length);
  });
});

describe("decoded models", () => {
  it("give the shipped model's probabilities through decodeModel and riskOf", () => {
    const model = decodeModel(LEARNED_WEIGHTS);
    for (const text of ["i want to die", "my feet are killing me", ""])
      expect(riskOf(model, text)).toEqual(learnedRisk(text));
  });

  it("refuse weights that do not match their spec", () => {
    expect(() => decodeModel({ ...LEARNED_WEIGHTS, spec: { ...LEARNED_WEIGHTS.spec, bits: 12 } })).toThrow(
      /do not match/,
    );
  });
});
