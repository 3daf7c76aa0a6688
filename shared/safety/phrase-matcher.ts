import { SENTENCE_BREAK } from "./normalise";

/**
 * A tiny phrase language over normalised tokens. Matching walks the words once, with no regular
 * expressions, so hostile input cannot trigger catastrophic backtracking:
 * - `kill myself`: words in order;
 * - `(kill|end) my life`: one of several alternatives, each one or more words; groups nest;
 * - `[really|so] suicidal`: an optional group;
 * - `*`: up to {@link MAX_GAP} words of anything within the sentence, between two words;
 * - `<num>`: a number; `<many>`: a number of ten or more (digits or words), for pill counts;
 * - `<end>`: the end of the sentence (a break or the end of the message), reading no word: "decided to
 *   go <end>" is not "decided to go to uni". Only last in a pattern.
 * Each pattern compiles to a small graph whose branches join again, so its size is that of the
 * pattern, not of every phrase it stands for.
 */

/**
 * How many words a `*` may skip.
 * @example compilePhrases([{ pattern: "cut myself * on purpose" }]) // "cut myself with a lighter on purpose" matches
 */
export const MAX_GAP = 3;

type TokenClass = "<num>" | "<many>";
type Edge =
  | { word: string; to: State }
  | { cls: TokenClass; to: State }
  | { gap: true; to: State }
  | { end: true; to: State };
interface State {
  id: number;
  edges: Edge[];
  /** States reached without reading a word (an optional group skipped, a branch joining). */
  free: State[];
  accept: boolean;
}

interface Compiled<T> {
  entry: T;
  start: State;
  states: number;
}

/**
 * A compiled set of phrases; build it once at module load.
 * @example const set: PhraseSet<{ pattern: string }> = compilePhrases([{ pattern: "kill myself" }]);
 */
export interface PhraseSet<T> {
  /** Patterns by a word they can start with; `anyStart` for those that start with a number. */
  readonly byFirstWord: ReadonlyMap<string, readonly Compiled<T>[]>;
  readonly anyStart: readonly Compiled<T>[];
}

/**
 * Where a phrase matched: token indices, `end` exclusive.
 * @example const match: PhraseMatch<string> = { entry: "kill myself", start: 1, end: 3 };
 */
export interface PhraseMatch<T> {
  entry: T;
  start: number;
  end: number;
}

const SMALL_NUMBERS = new Set(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]);
const BIG_NUMBERS = new Set(
  "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds dozens".split(
    " ",
  ),
);
const DIGITS = /^\d{1,6}$/;

function testClass(cls: TokenClass, token: string): boolean {
  const many = BIG_NUMBERS.has(token) || (DIGITS.test(token) && Number(token) >= 10);
  return cls === "<many>" ? many : many || SMALL_NUMBERS.has(token) || DIGITS.test(token);
}

class Builder {
  states = 0;
  constructor(readonly pattern: string) {}
  state(): State {
    return { id: this.states++, edges: [], free: [], accept: false };
  }
  fail(why: string): never {
    throw new Error(`phrase pattern "${this.pattern}" ${why}`);
  }
}

/** Builds `parts[at.i…]` up to a closing bracket or `|`, from `from`; returns the state it ends in. */
function buildSequence(b: Builder, parts: readonly string[], at: { i: number }, from: State): State {
  let current = from;
  let afterWord = false;
  while (at.i < parts.length) {
    const part = parts[at.i] as string;
    if (part === ")" || part === "]" || part === "|") break;
    at.i++;
    const next = b.state();
    if (part === "(" || part === "[") {
      const close = part === "(" ? ")" : "]";
      for (;;) {
        current.free.push(buildBranch(b, parts, at, next));
        const separator = parts[at.i++];
        if (separator === close) break;
        if (separator !== "|") b.fail("has unbalanced brackets");
      }
      if (part === "[") current.free.push(next);
      afterWord = part === "(";
    } else if (part === "*") {
      if (!afterWord || parts[at.i] === undefined || /^[)\]|[]$/.test(parts[at.i] as string)) {
        b.fail("may use * only between two words");
      }
      current.edges.push({ gap: true, to: next });
      afterWord = false;
    } else if (part === "<end>") {
      if (parts[at.i] !== undefined && !/^[)\]|]$/.test(parts[at.i] as string)) b.fail("may use <end> only last");
      current.edges.push({ end: true, to: next });
      afterWord = false;
    } else if (part === "<num>" || part === "<many>") {
      current.edges.push({ cls: part, to: next });
      afterWord = true;
    } else {
      if (!/^[\p{L}\p{N}]+$/u.test(part)) b.fail(`has "${part}", which is not a normalised word`);
      current.edges.push({ word: part, to: next });
      afterWord = true;
    }
    current = next;
  }
  return current;
}

/** One alternative of a group: a fresh start state whose sequence ends by joining `join`. */
function buildBranch(b: Builder, parts: readonly string[], at: { i: number }, join: State): State {
  const start = b.state();
  buildSequence(b, parts, at, start).free.push(join);
  return start;
}

/** Every word a pattern can start with, following free moves; `undefined` if it can start with a number. */
function firstWords(start: State): Set<string> | undefined {
  const words = new Set<string>();
  const seen = new Set<State>();
  const stack = [start];
  let numeric = false;
  while (stack.length > 0) {
    const state = stack.pop() as State;
    if (seen.has(state)) continue;
    seen.add(state);
    if (state.accept) throw new Error("a phrase pattern matches the empty phrase");
    stack.push(...state.free);
    for (const edge of state.edges) {
      if ("word" in edge) words.add(edge.word);
      else if ("end" in edge) throw new Error("a phrase pattern may not start with <end>");
      else numeric = true;
    }
  }
  return numeric ? undefined : words;
}

/**
 * Compiles phrase entries (each with a `pattern`) into a set to search. A malformed pattern throws:
 * it is a mistake in the lexicon, found when the module loads.
 * @example const set = compilePhrases([{ pattern: "(kill|end) myself" }]);
 */
export function compilePhrases<T extends { pattern: string }>(entries: readonly T[]): PhraseSet<T> {
  const byFirstWord = new Map<string, Compiled<T>[]>();
  const anyStart: Compiled<T>[] = [];
  for (const entry of entries) {
    const b = new Builder(entry.pattern);
    const parts = entry.pattern.match(/[()[\]|]|[^\s()[\]|]+/g) ?? [];
    const at = { i: 0 };
    const start = b.state();
    buildSequence(b, parts, at, start).accept = true;
    if (at.i !== parts.length) b.fail("has unbalanced brackets");
    const compiled = { entry, start, states: b.states };
    const words = firstWords(start);
    if (words === undefined) anyStart.push(compiled);
    else for (const word of words) byFirstWord.set(word, [...(byFirstWord.get(word) ?? []), compiled]);
  }
  return { byFirstWord, anyStart };
}

/**
 * What a state leads to without reading a word, folded once: whether it accepts, and its edges by
 * the word they read. A pattern with a group of many alternatives is then one lookup per word,
 * not a walk through every branch.
 */
interface Closure {
  accept: boolean;
  words: Map<string, State[]>;
  classes: { cls: TokenClass; to: State }[];
  gaps: State[];
  ends: State[];
}

const CLOSURES = new WeakMap<State, Closure>();

function closureOf(state: State): Closure {
  const cached = CLOSURES.get(state);
  if (cached !== undefined) return cached;
  const closure: Closure = { accept: false, words: new Map(), classes: [], gaps: [], ends: [] };
  const seen = new Set<State>();
  const stack = [state];
  while (stack.length > 0) {
    const current = stack.pop() as State;
    if (seen.has(current)) continue;
    seen.add(current);
    closure.accept ||= current.accept;
    stack.push(...current.free);
    for (const edge of current.edges) {
      if ("word" in edge) closure.words.set(edge.word, [...(closure.words.get(edge.word) ?? []), edge.to]);
      else if ("cls" in edge) closure.classes.push({ cls: edge.cls, to: edge.to });
      else if ("end" in edge) closure.ends.push(edge.to);
      else closure.gaps.push(edge.to);
    }
  }
  CLOSURES.set(state, closure);
  return closure;
}

/** The end of the longest match of one pattern at `start`, or -1. Visits each (state, position) once. */
function longestEnd(pattern: Compiled<unknown>, tokens: readonly string[], start: number): number {
  let best = -1;
  const seen = new Set<number>();
  const stack: [State, number][] = [[pattern.start, start]];
  while (stack.length > 0) {
    const [state, at] = stack.pop() as [State, number];
    const key = (at - start) * pattern.states + state.id;
    if (seen.has(key)) continue;
    seen.add(key);
    const closure = closureOf(state);
    if (closure.accept) best = Math.max(best, at);
    const token = tokens[at];
    if (token === undefined || token === SENTENCE_BREAK) {
      for (const to of closure.ends) stack.push([to, at]);
      continue;
    }
    for (const to of closure.words.get(token) ?? []) stack.push([to, at + 1]);
    for (const { cls, to } of closure.classes) if (testClass(cls, token)) stack.push([to, at + 1]);
    // The gap's own word is read by the edge after it; skip up to MAX_GAP words, never a sentence end.
    for (const to of closure.gaps) {
      for (let skip = 0; skip <= MAX_GAP; skip++) {
        const skipped = tokens[at + skip - 1];
        if (skip > 0 && (skipped === undefined || skipped === SENTENCE_BREAK)) break;
        stack.push([to, at + skip]);
      }
    }
  }
  return best;
}

/**
 * Every place a phrase of the set occurs in the tokens (the longest reading of each phrase at each
 * start), overlapping matches included, in order of start. Work is proportional to the number of
 * tokens times the phrases that can start at a word.
 * @example findPhrases(compilePhrases([{ pattern: "kill myself" }]), ["i", "kill", "myself"]) // one match, start 1, end 3
 */
export function findPhrases<T>(set: PhraseSet<T>, tokens: readonly string[]): PhraseMatch<T>[] {
  const found: PhraseMatch<T>[] = [];
  for (let start = 0; start < tokens.length; start++) {
    const token = tokens[start] as string;
    if (token === SENTENCE_BREAK) continue;
    const candidates = set.byFirstWord.get(token);
    for (const pattern of [...(candidates ?? []), ...set.anyStart]) {
      const end = longestEnd(pattern, tokens, start);
      if (end > start) found.push({ entry: pattern.entry, start, end });
    }
  }
  return found;
}

/**
 * Drops every match lying wholly inside another: the longer phrase is the more specific reading
 * ("urge to self harm" is an urge, not an act). Of two matches over exactly the same words, the one
 * `rank` puts highest stays.
 * @example longestMatches([{ entry: "a", start: 0, end: 3 }, { entry: "b", start: 1, end: 3 }], () => 0) // a's match only
 */
export function longestMatches<T>(matches: readonly PhraseMatch<T>[], rank: (entry: T) => number): PhraseMatch<T>[] {
  const ordered = [...matches].sort((a, b) => a.start - b.start || b.end - a.end || rank(b.entry) - rank(a.entry));
  const kept: PhraseMatch<T>[] = [];
  let reach = -1;
  for (const match of ordered) {
    if (match.end <= reach) continue;
    kept.push(match);
    reach = match.end;
  }
  return kept;
}
