/** Characters that end a sentence for the safety check (shared/safety/normalise.ts: its SENTENCE_BREAK). */
const SENTENCE_END = /[.!?;\n]/;
/** A piece that ends here ends a word: the check runs on whole words. */
const WORD_END = /[^\p{L}\p{N}\p{M}'\u2019]$/u;
/** Words are judged (and sent) a few at a time: about this many characters, or a sentence's end. */
const BATCH = 16;
/** Held back at most this long waiting for a word to end (a reply without spaces still flows). */
const HOLD_MAX = 48;
/** How far back a sentence may reach into the check; a longer one is cut (which only makes it stricter). */
const SENTENCE_MAX = 2_000;

/**
 * The output check over a streamed reply, in linear time. Judging the whole reply so far at every
 * piece costs time quadratic in its length: a 4,000-character reply in 4-character pieces is a
 * thousand checks, about 600 ms of CPU (measured in Node), far over a Worker's budget. But the
 * check reads within sentences — phrases and the negation before them never cross a sentence
 * break, and what follows a phrase never changes its verdict — so the guard judges only the
 * current sentence with what is new, a few whole words at a time (about 8 ms for the same reply).
 * The verdicts are those of checking everything (reply-guard.test.ts checks that property).
 *
 * @example
 * const guard = new ReplyGuard((text) => assessModelReply(text).unsafe);
 * guard.push("Breathe in slo") // "": the word is not finished
 * guard.push("wly, then out. ") // "Breathe in slowly, then out. "
 */
export class ReplyGuard {
  readonly #unsafe: (text: string) => boolean;
  /** Approved text (what has been sent). */
  #approved = "";
  /** Where the current sentence of `#approved` starts. */
  #sentenceStart = 0;
  #pending = "";

  constructor(unsafe: (text: string) => boolean) {
    this.#unsafe = unsafe;
  }

  /** Everything approved so far. */
  get approved(): string {
    return this.#approved;
  }

  /**
   * Adds a piece of the reply. Answers the text now safe to send ("" while a word is unfinished),
   * or null when the reply has turned unsafe: stop, and send nothing more of it.
   */
  push(piece: string): string | null {
    this.#pending += piece;
    const wordDone = WORD_END.test(this.#pending);
    if (this.#pending.length < HOLD_MAX && !(wordDone && (this.#pending.length >= BATCH || SENTENCE_END.test(piece)))) {
      return "";
    }
    return this.#judge();
  }

  /** The end of the reply: the rest, approved, or null if it is unsafe. */
  finish(): string | null {
    return this.#pending === "" ? "" : this.#judge();
  }

  #judge(): string | null {
    const from = Math.max(this.#sentenceStart, this.#approved.length - SENTENCE_MAX);
    if (this.#unsafe(this.#approved.slice(from) + this.#pending)) return null;
    const text = this.#pending;
    this.#pending = "";
    this.#approved += text;
    for (let i = this.#approved.length - 1; i >= this.#approved.length - text.length; i--) {
      if (SENTENCE_END.test(this.#approved[i] ?? "")) {
        this.#sentenceStart = i + 1;
        break;
      }
    }
    return text;
  }
}
