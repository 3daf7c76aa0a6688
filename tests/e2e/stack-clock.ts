/**
 * The stack's clock, as the tests read it: the real time plus the offset the stack runs at
 * (0 at the real hour; a pinned hour's offset otherwise: tests/e2e/clock.ts). Tests compute
 * "now", "two minutes ago" and "today" with it, so they mean what the Worker and the page mean.
 *
 * The tests' own process keeps the real clock on purpose: Playwright's driver runs in it, and
 * its clock emulation measures the page's time against this process's Date.
 */
import { inject } from "vitest";

export function stackNow(): number {
  return Date.now() + inject("clockOffsetMs");
}
