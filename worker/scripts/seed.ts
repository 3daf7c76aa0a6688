/**
 * Applies the D1 migrations to the local database and seeds the demo clinic, idempotently.
 * `npm start` runs this first; it can also be run alone: `npx tsx worker/scripts/seed.ts`.
 * HAVEN_STATE_DIR moves the local state (default .wrangler/state), e.g. for the smoke test.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clockOffsetFrom } from "../dev/shifted-date";
import { demoSeedSql } from "./demo-data";
import { wrangler } from "./lib";

export function persistArgs(): string[] {
  return process.env.HAVEN_STATE_DIR ? ["--persist-to", process.env.HAVEN_STATE_DIR] : [];
}

/** `now` dates the demo history (the local stack's clock: start.ts passes HAVEN_CLOCK's time). */
export async function migrateAndSeed(options: { quiet?: boolean; now?: number } = {}): Promise<void> {
  const capture = options.quiet ?? false;
  await wrangler(["d1", "migrations", "apply", "DB", "--local", ...persistArgs()], { capture });
  const dir = await mkdtemp(join(tmpdir(), "haven-seed-"));
  try {
    const file = join(dir, "seed.sql");
    await writeFile(file, await demoSeedSql(options.now), "utf8");
    await wrangler(["d1", "execute", "DB", "--local", ...persistArgs(), "--file", file], { capture: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await migrateAndSeed({ now: Date.now() + clockOffsetFrom(process.env.HAVEN_CLOCK) });
  console.log("Local database migrated and demo clinic seeded.");
}
