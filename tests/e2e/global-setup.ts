/**
 * One `npm start` for every browser test file (it builds pwa/dist, so two at once would race),
 * plus a seeded patient per file. Files get the URL and the state directory through inject().
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { wrangler } from "../../worker/scripts/lib";
import { startFakeOpenAi } from "../worker/setup/fake-openai";
import { e2eAccountsSql } from "./accounts";
import { type Stack, startStack } from "./stack";

declare module "vitest" {
  export interface ProvidedContext {
    base: string;
    /** The local OpenAI-compatible server the stack's companion talks to. */
    companionUrl: string;
    stateDir: string;
    startOutput: string;
  }
}

let stack: Stack | undefined;
let fake: Awaited<ReturnType<typeof startFakeOpenAi>> | undefined;

export async function setup(project: TestProject): Promise<void> {
  // The companion points at a real local HTTP server speaking the OpenAI streaming protocol
  // (at reading pace, so a test can watch the words arrive and press Stop), set the way a newcomer
  // would: COMPANION_* in the environment of `npm start`.
  fake = await startFakeOpenAi();
  stack = await startStack({ COMPANION_BASE_URL: `${fake.url}/v1`, COMPANION_MODEL: "gentle:e2e" });
  const dir = await mkdtemp(join(tmpdir(), "haven-e2e-seed-"));
  try {
    const file = join(dir, "accounts.sql");
    await writeFile(file, await e2eAccountsSql(), "utf8");
    await wrangler(["d1", "execute", "DB", "--local", "--persist-to", stack.stateDir, "--file", file], {
      capture: true,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  project.provide("base", stack.base);
  project.provide("companionUrl", fake.url);
  project.provide("stateDir", stack.stateDir);
  project.provide("startOutput", stack.output());
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  await fake?.close();
}
