/**
 * A small lemmatiser for the crisis check: it folds the progressive (-ing) and the plural or third
 * person (-s, -es, -ies) of a word to the base form the C-SSRS lexicon is written in ("saving" →
 * "save", "tablets" → "tablet", "cutting" → "cut", "dying" → "die"), and turns the forms of "be"
 * into "be". Past forms are kept ("took", "swallowed", "tried"): whether something was done already
 * is what tells recent behaviour from intent, so the lexicon names them itself.
 *
 * It is bounded by a vocabulary: a word is folded only to a base the lexicon uses, so it never
 * invents lemmas for words the rules do not read ("evening" stays "evening", not "even"). The
 * lexicon's own patterns go through the same function ({@link lemmatisePattern}), so a pattern
 * that says "going to" and a message that says "going to" meet at "go to" whichever form was
 * written. A general NLP library (compromise, wink-nlp) was measured for this and rejected: see
 * crisis-risk.ts.
 */

/** Irregular progressives and the forms of "be". */
const IRREGULAR: Readonly<Record<string, string>> = {
  dying: "die",
  lying: "lie",
  tying: "tie",
  using: "use",
  does: "do",
  has: "have",
  am: "be",
  is: "be",
  are: "be",
  was: "be",
  were: "be",
  been: "be",
  being: "be",
  // "'s" falls away in the normaliser; "its" and "it's" meet here.
};

/** Words that end like an inflection but are not one (or whose fold would mislead). */
const KEEP: ReadonlySet<string> = new Set(
  "this his hers its yes us bus gas less miss boss kiss loss ours yours theirs news thus plus always sometimes morning evening nothing something anything everything thing things during ceiling building wedding clothes means series lots loads thanks goodness uses used".split(
    " ",
  ),
);

/** The candidate bases of a word, most likely first. */
function candidates(word: string): string[] {
  const found: string[] = [];
  if (word.endsWith("ing") && word.length > 4) {
    const stem = word.slice(0, -3);
    found.push(stem, `${stem}e`);
    // "cutting" → "cut", "stopping" → "stop": a doubled final consonant.
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) found.push(stem.slice(0, -1));
  }
  // "notes" → "note" before "not"; "goes" → "go" when "goe" is no word; "worries" → "worry".
  if (word.endsWith("s") && !word.endsWith("ss") && word.length > 3) found.push(word.slice(0, -1));
  if (word.endsWith("ies") && word.length > 4) found.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es") && word.length > 4) found.push(word.slice(0, -2));
  return found;
}

/**
 * A lemmatiser over a vocabulary of base forms: each word becomes the first candidate base the
 * vocabulary holds, or stays as it is. Build it once (the vocabulary is the lexicon's words).
 * @example lemmatiser(new Set(["save", "tablet"]))("saving") // "save"
 */
export function lemmatiser(vocabulary: ReadonlySet<string>): (word: string) => string {
  const cache = new Map<string, string>();
  return (word: string): string => {
    const irregular = Object.hasOwn(IRREGULAR, word) ? IRREGULAR[word] : undefined;
    if (irregular !== undefined) return irregular;
    if (KEEP.has(word)) return word;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    // To a fixed point: "feelings" → "feeling" → "feel".
    let base = word;
    for (let step = 0; step < 3; step++) {
      const next = candidates(base).find((candidate) => vocabulary.has(candidate) && candidate !== base);
      if (next === undefined) break;
      base = next;
      if (KEEP.has(next)) break;
    }
    if (cache.size < 4096) cache.set(word, base);
    return base;
  };
}

/**
 * A phrase pattern with each of its words lemmatised, its syntax ( ) [ ] | * <num> kept.
 * @example lemmatisePattern("(saving|hoarding) my tablets", lemma) // "(save|hoard) my tablet"
 */
export function lemmatisePattern(pattern: string, lemma: (word: string) => string): string {
  return pattern.replace(/(?<![<\p{L}\p{N}])[\p{L}\p{N}]+/gu, (word) => lemma(word));
}

/**
 * Every word a set of phrase patterns uses: the vocabulary for {@link lemmatiser}.
 * @example vocabularyOf(["(save|hoard) [up] tablet"]) // Set { "save", "hoard", "up", "tablet" }
 */
export function vocabularyOf(patterns: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const pattern of patterns) {
    for (const word of pattern.match(/[\p{L}\p{N}]+/gu) ?? []) words.add(word);
  }
  return words;
}
