/**
 * Starts the product the way a newcomer does — `npm start` on a free port, in a throwaway state
 * directory — and stops it (the whole process group) afterwards.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ROOT } from "../../worker/scripts/lib";

export interface Stack {
  base: string;
  stateDir: string;
  /** Everything `npm start` printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const stateDir = await mkdtemp(join(tmpdir(), "haven-smoke-"));
  const port = await freePort();
  let output = "";
  const server: ChildProcess = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, PORT: String(port), HAVEN_STATE_DIR: stateDir },
  });
  server.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  server.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const stop = async () => {
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    await rm(stateDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 170_000;
  while (!output.includes("Press Ctrl+C to stop.")) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base: `http://127.0.0.1:${port}`, stateDir, output: () => output, stop };
}
