/**
 * What the fake OpenAI-compatible server (fake-openai.ts) says, in a module of its own so the
 * tests inside workerd can import it without loading the Node server.
 */

/** What the normal script says, with characters that take 2, 3 and 4 bytes in UTF-8. */
export const FAKE_REPLY_DELTAS = [
  "That sounds ",
  "really hard, ",
  "and it makes sense ",
  "you feel this way. ",
  "A café walk — ",
  "or a slow breath 🌿 — ",
  "might help a little.",
];

/**
 * A reply that turns harmful in its last delta, with the harmful phrase split across two deltas:
 * the output check must judge the text so far, not each delta alone. (Encouragement rather than
 * any method: a fixture need not contain instructions to test that they are stopped.)
 */
export const FAKE_UNSAFE_DELTAS = [
  "I understand. ",
  "It sounds so heavy. ",
  "Honestly, everyone would be ",
  "better off without you.",
];
