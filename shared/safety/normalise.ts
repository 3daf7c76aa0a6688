import { BIGRAMS, CONTRACTION_SUFFIXES, CONTRACTIONS, LEET, SPELLINGS } from "./spellings";

/**
 * The token that stands for a sentence break (. ! ? ; or a new line): phrases and negation never cross it.
 * @example normaliseTokens("no. i want to die")[1] === SENTENCE_BREAK // true
 */
export const SENTENCE_BREAK = ".";

// Every pattern here is a single character class or a class with one quantifier, so each runs in
// linear time on any input: the check runs on whatever a user pastes, on a phone, before anything else.
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g;
const TOKENS = /[\p{L}\p{N}\p{M}']+|[.!?;\n]+/gu;
const BREAK = /^[.!?;\n]+$/;
const ELLIPSIS = /^\.{3,}$/;
/** Words a clause cannot end on: an ellipsis after one is a pause inside the sentence. */
const DANGLING: ReadonlySet<string> = new Set(
  "just to and or but the a an my your i so like would could should might be is am are was were of for really maybe kind sort".split(
    " ",
  ),
);
const REPEATS = /(\p{L})\1{2,}/gu;
const HAS_DIGIT = /\d/;
const LEETABLE = /^\p{L}[\p{L}\d]*$/u;
const SINGLE_LETTER = /^\p{L}$/u;

// Invisible characters that split a word for a filter but not for a reader: zero-width spaces
// and joiners, soft hyphens, bidi marks, variation selectors (Unicode Default_Ignorable_Code_Point).
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
// A word spelled with a mark between its letters ("k.i.l.l", "d-i-e", "s*u*i*c*i*d*e"): three or
// more single letters each followed by one separator. No nested quantifiers: linear.
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:\p{L}[.\-_*·•~/|+]){2,}\p{L}(?![\p{L}\p{N}])/gu;
const SPACER = /[.\-_*·•~/|+]/g;

/**
 * Letters of other scripts that look like Latin ones, folded to the Latin letter a reader sees
 * (the commonest Cyrillic and Greek rows of Unicode's confusables, UTS #39): "kіll" with a
 * Cyrillic "і" reads "kill". Only a word that mixes them with Latin letters is folded, so a
 * message written wholly in Greek or Cyrillic stays as written.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ї: "i",
  ј: "j",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  һ: "h",
  ӏ: "l",
  ɩ: "i",
  ɑ: "a",
  ɡ: "g",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  γ: "y",
  ω: "w",
};
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join("")}]`, "gu");
const LATIN = /[a-z]/;

/** Folds look-alike letters in a word that also has Latin letters (a mixed-script word is a disguise). */
function foldConfusables(word: string): string {
  if (!LATIN.test(word)) return word;
  return word.replace(CONFUSABLE, (ch) => CONFUSABLES[ch] ?? ch);
}

/** A symbol that stands for a letter between two letters of a word ("k!ll", "su!c!de", "de@d", "$"). */
const SYMBOL_LETTER = /(?<=\p{L})[!@$](?=\p{L})/gu;
const SYMBOL_LETTERS: Readonly<Record<string, string>> = { "!": "i", "@": "a", $: "s" };

/** The text as a reader sees it: invisible characters dropped, spaced-out letters joined, symbols for letters read. */
function unhide(text: string): string {
  return text
    .replace(IGNORABLE, "")
    .replace(SPACED_LETTERS, (run) => run.replace(SPACER, ""))
    .replace(SYMBOL_LETTER, (symbol) => SYMBOL_LETTERS[symbol] ?? symbol);
}

const lookup = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

function expandApostrophes(token: string): string {
  const whole = lookup(CONTRACTIONS, token);
  if (whole !== undefined) return whole;
  for (const [suffix, replacement] of Object.entries(CONTRACTION_SUFFIXES)) {
    if (token.endsWith(suffix) && token.length > suffix.length) {
      return token.slice(0, -suffix.length).replaceAll("'", "") + replacement;
    }
  }
  return token.replaceAll("'", "");
}

/** One word to its canonical spelling: digits that stand for letters, stretched letters, then slang. */
function canonicalWord(word: string): string {
  let result = word;
  if (HAS_DIGIT.test(result) && LEETABLE.test(result)) {
    result = result.replace(/\d/g, (digit) => lookup(LEET, digit) ?? digit);
    // A digit that became a Latin letter makes the word mixed-script: fold it as such.
    result = foldConfusables(result);
  }
  // "diiiie", "pleeease", "kiiill": three or more of a letter squeezes to one ("kil" is then a spelling).
  result = result.replace(REPEATS, "$1");
  return lookup(SPELLINGS, result) ?? result;
}

/**
 * The words of a message, normalised: Unicode NFKC, lower case, invisible characters dropped,
 * look-alike letters of other scripts folded in mixed words, spaced-out letters ("k.i.l.l")
 * joined, curly apostrophes straightened,
 * contractions expanded ("don't" and "dont" both become "do not"), slang and misspellings mapped
 * ("kms" → "kill myself", "wanna" → "want to"), punctuation dropped and sentence ends kept as ".".
 * Linear in the length of the text.
 * @example normaliseTokens("I don’t wanna be here!!") // ["i", "do", "not", "want", "to", "be", "here"]
 */
export function normaliseTokens(text: string): string[] {
  const folded = unhide(text.normalize("NFKC").toLowerCase().normalize("NFKC").toLowerCase().replace(APOSTROPHES, "'"));
  const words: string[] = [];
  for (const [matched] of folded.matchAll(TOKENS)) {
    const raw = foldConfusables(matched);
    if (BREAK.test(raw)) {
      // An ellipsis after a word that cannot end a clause ("to just... stop existing") is a pause.
      if (ELLIPSIS.test(raw) && DANGLING.has(words.at(-1) ?? "")) continue;
      if (words.length > 0 && words.at(-1) !== SENTENCE_BREAK) words.push(SENTENCE_BREAK);
      continue;
    }
    for (const part of expandApostrophes(raw).split(" ")) {
      if (part === "") continue;
      for (const word of canonicalWord(part).split(" ")) words.push(word);
    }
  }
  if (words.at(-1) === SENTENCE_BREAK) words.pop();
  return joinBigrams(joinSpelledOut(words));
}

/** "i w a n t t o d i e": three or more single letters in a row are one word spelled out. */
function joinSpelledOut(words: readonly string[]): string[] {
  const joined: string[] = [];
  let run: string[] = [];
  const flush = () => {
    // The joined word may mix scripts ("a a α"): fold it as a typed word would be.
    if (run.length >= 3) joined.push(...canonicalWord(foldConfusables(run.join(""))).split(" "));
    else joined.push(...run);
    run = [];
  };
  for (const word of words) {
    if (SINGLE_LETTER.test(word)) {
      run.push(word);
    } else {
      flush();
      joined.push(word);
    }
  }
  flush();
  return joined;
}

function joinBigrams(words: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    const pair = next === undefined ? undefined : lookup(BIGRAMS, `${word} ${next}`);
    if (pair === undefined) {
      joined.push(word);
    } else {
      joined.push(...pair.split(" "));
      i++;
    }
  }
  return joined;
}

/**
 * {@link normaliseTokens} joined by single spaces: the form the lexicon is written in. Idempotent.
 * @example normaliseText("  I’m gonna   KMS. ") // "i am going to kill myself"
 */
export function normaliseText(text: string): string {
  return normaliseTokens(text).join(" ");
}
