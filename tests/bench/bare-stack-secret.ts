/**
 * The secret the benchmark signs the bare Worker's `/stack` tokens with (tests/bench/bare-worker.ts
 * verifies them, tests/bench/hot-paths.ts signs them): a benchmark's, never a deployment's.
 */
export const STACK_SECRET = "haven-bench-bare-stack-secret-not-a-real-one";
