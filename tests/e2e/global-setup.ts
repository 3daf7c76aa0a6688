/**
 * One `npm start` for every browser test file (it builds pwa/dist, so two at once would race),
 * plus a seeded patient per file. Files get the URL and the state directory through inject().
 * With HAVEN_TEST_CLOCK naming one of the pinned clocks (tests/e2e/clock.ts), the stack runs at
 * that hour (HAVEN_CLOCK); files read its clock with stackNow() and the page's is set to match.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { wrangler } from "../../worker/scripts/lib";
import { startFakeOpenAi } from "../worker/setup/fake-openai";
import { e2eAccountsSql } from "./accounts";
import { pinnedClock } from "./clock";
import { type Stack, startStack } from "./stack";

declare module "vitest" {
  export interface ProvidedContext {
    base: string;
    /** The local OpenAI-compatible server the stack's companion talks to. */
    companionUrl: string;
    stateDir: string;
    startOutput: string;
    /** How far the stack's clock runs from the real one (0 unless HAVEN_TEST_CLOCK pins it). */
    clockOffsetMs: number;
    /** The pinned clock's name, or "" for the real clock. */
    clockName: string;
    /** The development mailbox `npm start` started (worker/scripts/mailbox.ts): tests/e2e/mailbox.ts reads it. */
    mailboxUrl: string;
  }
}

let stack: Stack | undefined;
let fake: Awaited<ReturnType<typeof startFakeOpenAi>> | undefined;

export async function setup(project: TestProject): Promise<void> {
  // The companion points at a real local HTTP server speaking the OpenAI streaming protocol
  // (at reading pace, so a test can watch the words arrive and press Stop), set the way a newcomer
  // would: COMPANION_* in the environment of `npm start`.
  fake = await startFakeOpenAi();
  const clock = pinnedClock(process.env.HAVEN_TEST_CLOCK);
  stack = await startStack({
    COMPANION_BASE_URL: `${fake.url}/v1`,
    COMPANION_MODEL: "gentle:e2e",
    ...(clock ? { HAVEN_CLOCK: clock.at } : {}),
  });
  // The offset npm start used, exactly as it printed it, so the tests' clocks match the Worker's.
  const shift = /shifted by (-?\d+) ms/.exec(stack.output());
  if (clock && !shift) throw new Error(`npm start did not report its clock:\n${stack.output()}`);
  const clockOffsetMs = shift ? Number(shift[1]) : 0;
  // The development mailbox, as npm start printed it: every email the stack sends lands there.
  const mailbox = /Mailbox \(development\): (http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output());
  if (!mailbox?.[1]) throw new Error(`npm start did not report its mailbox:\n${stack.output()}`);
  const dir = await mkdtemp(join(tmpdir(), "haven-e2e-seed-"));
  try {
    const file = join(dir, "accounts.sql");
    await writeFile(file, await e2eAccountsSql(Date.now() + clockOffsetMs), "utf8");
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
  project.provide("clockOffsetMs", clockOffsetMs);
  project.provide("clockName", clock?.name ?? "");
  project.provide("mailboxUrl", mailbox[1]);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  await fake?.close();
}
