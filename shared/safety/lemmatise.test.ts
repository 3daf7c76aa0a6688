import { describe, expect, it } from "vitest";
import { CSSRS_LEXICON } from "./cssrs-lexicon";
import { lemmatisePattern, lemmatiser, vocabularyOf } from "./lemmatise";

describe("lemmatiser", () => {
  const lemma = lemmatiser(new Set(["save", "tablet", "cut", "go", "die", "note", "not", "kill", "even"]));

  it("folds -ing, -s and the forms of 'be' to a base the vocabulary holds", () => {
    expect(["saving", "tablets", "cutting", "going", "dying", "notes", "kills"].map(lemma)).toEqual([
      "save",
      "tablet",
      "cut",
      "go",
      "die",
      "note",
      "kill",
    ]);
    expect(["am", "is", "was", "were", "been", "being"].map(lemma)).toEqual(["be", "be", "be", "be", "be", "be"]);
  });

  it("keeps past forms, and words whose fold the vocabulary does not hold or that only look inflected", () => {
    expect(["took", "swallowed", "evening", "nothing", "this", "bus", "walking"].map(lemma)).toEqual([
      "took",
      "swallowed",
      "evening",
      "nothing",
      "this",
      "bus",
      "walking",
    ]);
  });

  it("folds a possessive or 'is' run into the word ('everything's' → 'everythings' → 'everything')", () => {
    expect(lemmatiser(new Set(["everything", "tonight"]))("everythings")).toBe("everything");
    expect(lemmatiser(new Set(["everything", "tonight"]))("tonights")).toBe("tonight");
  });

  it("lemmatises a pattern's words and keeps its syntax", () => {
    expect(lemmatisePattern("(saving|cutting) [my] tablets * <num> <many>", lemma)).toBe(
      "(save|cut) [my] tablet * <num> <many>",
    );
  });

  it("is idempotent on the lexicon: a lemmatised pattern lemmatises to itself", () => {
    const full = lemmatiser(vocabularyOf(CSSRS_LEXICON.map((cue) => cue.pattern)));
    for (const { pattern } of CSSRS_LEXICON) {
      const once = lemmatisePattern(pattern, full);
      expect(lemmatisePattern(once, full), pattern).toBe(once);
    }
  });
});
