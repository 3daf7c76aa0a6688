/**
 * `npm test`'s last step: the day-sensitive browser tests (journey, Today, Spirit, the demo
 * history) at every pinned hour of tests/e2e/clock.ts, each against its own `npm start` started
 * right before it, so the hour is what it says when the tests run. Name clocks to run only those:
 * `npx tsx tests/e2e/clock-runs.ts before-day-start dst-spring`.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../worker/scripts/lib";
import { PINNED_CLOCKS } from "./clock";

const VITEST = join(ROOT, "node_modules/vitest/vitest.mjs");
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !PINNED_CLOCKS.some((c) => c.name === name));
if (unknown.length > 0) {
  console.error(`Unknown clock: ${unknown.join(", ")} (known: ${PINNED_CLOCKS.map((c) => c.name).join(", ")})`);
  process.exit(2);
}
const clocks = wanted.length === 0 ? PINNED_CLOCKS : PINNED_CLOCKS.filter((c) => wanted.includes(c.name));

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  success: boolean;
}

const dir = await mkdtemp(join(tmpdir(), "haven-clock-runs-"));
const results: { name: string; report: JsonReport | null; code: number | null }[] = [];
try {
  for (const clock of clocks) {
    console.log(`\n▶ Pinned clock "${clock.name}": ${clock.at} (${clock.why})`);
    const output = join(dir, `${clock.name}.json`);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          VITEST,
          "run",
          "--project",
          "e2e-clock",
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${output}`,
        ],
        { cwd: ROOT, stdio: "inherit", env: { ...process.env, HAVEN_TEST_CLOCK: clock.name } },
      );
      child.on("close", resolve);
    });
    const report = await readFile(output, "utf8").then(
      (text) => JSON.parse(text) as JsonReport,
      () => null,
    );
    results.push({ name: clock.name, report, code });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

console.log("\nPinned clocks:");
for (const { name, report, code } of results) {
  const counts = report ? `${report.numPassedTests} passed, ${report.numFailedTests} failed` : "no report";
  console.log(`  ${code === 0 ? "✓" : "✗"} ${name.padEnd(18)} ${counts}`);
}
const passed = results.reduce((n, r) => n + (r.report?.numPassedTests ?? 0), 0);
const failed = results.reduce((n, r) => n + (r.report?.numFailedTests ?? 0), 0);
const ok = results.every((r) => r.code === 0 && r.report?.success === true && r.report.numPassedTests > 0);
console.log(`Clock-pinned: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
