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
const REPEATS = /(\p{L})\1{2,}/gu;
const HAS_DIGIT = /\d/;
const LEETABLE = /^\p{L}[\p{L}\d]*$/u;
const SINGLE_LETTER = /^\p{L}$/u;

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
  }
  // "diiiie", "pleeease", "kiiill": three or more of a letter squeezes to one ("kil" is then a spelling).
  result = result.replace(REPEATS, "$1");
  return lookup(SPELLINGS, result) ?? result;
}

/**
 * The words of a message, normalised: Unicode NFKC, lower case, curly apostrophes straightened,
 * contractions expanded ("don't" and "dont" both become "do not"), slang and misspellings mapped
 * ("kms" → "kill myself", "wanna" → "want to"), punctuation dropped and sentence ends kept as ".".
 * Linear in the length of the text.
 * @example normaliseTokens("I don’t wanna be here!!") // ["i", "do", "not", "want", "to", "be", "here"]
 */
export function normaliseTokens(text: string): string[] {
  const folded = text.normalize("NFKC").toLowerCase().normalize("NFKC").toLowerCase().replace(APOSTROPHES, "'");
  const words: string[] = [];
  for (const [raw] of folded.matchAll(TOKENS)) {
    if (BREAK.test(raw)) {
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
    if (run.length >= 3) joined.push(...canonicalWord(run.join("")).split(" "));
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
