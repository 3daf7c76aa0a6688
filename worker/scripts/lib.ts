/**
 * Helpers for the Node-side scripts (start, seed, predeploy check, admin creation). They drive
 * the project's own wrangler from node_modules, so nothing needs a global install.
 */
import { type SpawnOptions, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WRANGLER = fileURLToPath(new URL("../../node_modules/wrangler/bin/wrangler.js", import.meta.url));

/** Runs a command to completion, inheriting stdio unless told otherwise; rejects on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: SpawnOptions & { capture?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit",
      ...options,
      env: { ...process.env, ...options.env },
    });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited ${code}\n${err || out}`)),
    );
  });
}

/** Runs the project's wrangler with the Node running this script (Node 22 from node_modules). */
export function wrangler(args: string[], options: SpawnOptions & { capture?: boolean } = {}): Promise<string> {
  // CI=true keeps wrangler non-interactive (no confirmation prompt before applying migrations).
  return run(process.execPath, [WRANGLER, ...args], { ...options, env: { CI: "true", ...options.env } });
}

/** SQL string literal: single quotes doubled. Used only for values this script produced or validated. */
export function sqlString(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** Parses `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      out[arg.slice(2)] = next;
      i++;
    } else {
      out[arg.slice(2)] = true;
    }
  }
  return out;
}

/** A TCP port on 127.0.0.1 that is free right now (for the smoke test and the benchmark). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
