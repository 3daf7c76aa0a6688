import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessModelReply } from "../../shared/safety/model-reply";
import { ReplyGuard } from "./reply-guard";

const unsafe = (text: string) => assessModelReply(text).unsafe;

/** Feeds `pieces` through a guard: what was approved, in how many sends, and whether it stopped. */
function run(pieces: string[], check = unsafe) {
  let checks = 0;
  const guard = new ReplyGuard((text) => {
    checks++;
    return check(text);
  });
  const sent: string[] = [];
  for (const piece of pieces) {
    const approved = guard.push(piece);
    if (approved === null) return { sent, stopped: true, checks };
    if (approved !== "") sent.push(approved);
  }
  const rest = guard.finish();
  if (rest === null) return { sent, stopped: true, checks };
  if (rest !== "") sent.push(rest);
  return { sent, stopped: false, checks };
}

/** Cuts text into pieces of 1–6 characters, as a model streams tokens. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (let i = 0, n = 1; i < text.length; i += n, n = (n % 6) + 1) out.push(text.slice(i, i + n));
  return out;
}

const SAFE = [
  "That sounds really hard, and I'm glad you told me.",
  "I'm not a doctor, but your GP can talk through your options.",
  "Please don't hurt yourself; you deserve support.",
  "Would you like to try a slow breath with me?",
  "I can't share information about lethal doses, but I can help you find support.",
];
const UNSAFE = [
  "Honestly, everyone would be better off without you.",
  "You should kill yourself.",
  "A lethal dose is not something to guess at.",
  "It sounds like you have PTSD.",
];

describe("ReplyGuard", () => {
  it("approves a safe reply whole, a few words at a time, with far fewer checks than pieces", () => {
    const text = SAFE.join(" ").repeat(3);
    const pieces = tokens(text);
    const result = run(pieces);
    expect(result.stopped).toBe(false);
    expect(result.sent.join("")).toBe(text);
    expect(result.checks).toBeLessThan(pieces.length / 3);
  });

  it("holds an unfinished word back, and lets it go once the word ends", () => {
    const guard = new ReplyGuard(unsafe);
    expect(guard.push("Breathe in slo")).toBe("");
    expect(guard.push("wly, then out. ")).toBe("Breathe in slowly, then out. ");
    expect(guard.push("Good")).toBe("");
    expect(guard.finish()).toBe("Good");
  });

  it("stops at a harmful phrase split across pieces, sending nothing of the batch that completes it", () => {
    const result = run([
      "I understand. ",
      "It sounds so heavy. ",
      "Honestly, everyone would be ",
      "better off without you.",
    ]);
    expect(result).toMatchObject({
      stopped: true,
      sent: ["I understand. ", "It sounds so heavy. ", "Honestly, everyone would be "],
    });
  });

  it("judges a phrase in the context of its sentence (a refusal stays a refusal), however it is cut", () => {
    const text = "I won't tell you how to hurt yourself, but I'm here to listen.";
    for (let cut = 1; cut < text.length; cut++) {
      expect(run([text.slice(0, cut), text.slice(cut)]).stopped, `cut at ${cut}`).toBe(false);
    }
  });

  it("reaches the same verdict as checking the whole reply, whatever the sentences and the cuts", () => {
    const sentence = fc.constantFrom(...SAFE, ...UNSAFE);
    fc.assert(
      fc.property(
        fc.array(sentence, { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 9 })),
        (parts, sizes) => {
          const text = parts.join(" ");
          const pieces: string[] = [];
          for (let i = 0, k = 0; i < text.length; k++) {
            const n = sizes.length > 0 ? (sizes[k % sizes.length] ?? 1) : 3;
            pieces.push(text.slice(i, i + n));
            i += n;
          }
          const result = run(pieces);
          expect(result.stopped).toBe(unsafe(text));
          if (!result.stopped) expect(result.sent.join("")).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
