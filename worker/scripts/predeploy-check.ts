/**
 * `npm run predeploy:check -- --env production`: refuses to bless a deployment whose
 * configuration the Worker itself would refuse to serve (shared/config-guard.ts: the same
 * rules), whose wrangler.toml still has placeholder ids, or whose database holds the demo
 * accounts. `npm run deploy` runs it first.
 *
 * Options:
 *   --env NAME            wrangler environment to check (default: production)
 *   --config PATH         wrangler configuration file (default: wrangler.toml)
 *   --secrets-file PATH   dotenv file with the secrets that will be set (otherwise read from
 *                         the process environment: JWT_SECRET=... FHIR_SIGNING_KEY=... npm run
 *                         predeploy:check); FHIR_SIGNING_KEY must be a real key, not a dev- one
 *   --local               query the local D1 state instead of the remote database
 *                         (with HAVEN_STATE_DIR as in npm start)
 *   --skip-db             do not query the database (reported as a warning, not a pass)
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { unstable_readConfig } from "wrangler";
import { checkDeploymentConfig } from "../../shared/config-guard";
import { DEMO_EMAIL_DOMAIN } from "../../shared/roles";
import { parseArgs, ROOT, wrangler } from "./lib";
import { persistArgs } from "./seed";

const PLACEHOLDER_ID = /^0+(?:-0+)*$/;

function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1]) out[match[1]] = (match[2] ?? "").replace(/^(['"])(.*)\1$/, "$2");
  }
  return out;
}

export async function predeployProblems(args: Record<string, string | true>): Promise<{
  problems: string[];
  warnings: string[];
}> {
  const envName = typeof args.env === "string" ? args.env : "production";
  const configPath = resolve(ROOT, typeof args.config === "string" ? args.config : "wrangler.toml");
  const config = unstable_readConfig({ config: configPath, env: envName }, { hideWarnings: true });
  const vars = config.vars as Record<string, unknown>;
  const secrets =
    typeof args["secrets-file"] === "string"
      ? parseDotenv(await readFile(resolve(ROOT, args["secrets-file"]), "utf8"))
      : {
          JWT_SECRET: process.env.JWT_SECRET,
          FHIR_SIGNING_KEY: process.env.FHIR_SIGNING_KEY,
          VAPID_PRIVATE_KEY: process.env.VAPID_PRIVATE_KEY,
          EMAIL_API_KEY: process.env.EMAIL_API_KEY,
        };

  const problems: string[] = [];
  const warnings: string[] = [];
  const environment = String(vars.ENVIRONMENT ?? "");
  if (environment === "development") problems.push(`ENVIRONMENT is "development" in [env.${envName}]`);
  for (const p of checkDeploymentConfig({
    ENVIRONMENT: environment,
    CORS_ORIGINS: String(vars.CORS_ORIGINS ?? ""),
    JWT_SECRET: secrets.JWT_SECRET,
    FHIR_SIGNING_KEY: secrets.FHIR_SIGNING_KEY,
    VAPID_PRIVATE_KEY: secrets.VAPID_PRIVATE_KEY,
    VAPID_SUBJECT: String(vars.VAPID_SUBJECT ?? ""),
    EMAIL_PROVIDER: String(vars.EMAIL_PROVIDER ?? ""),
    EMAIL_FROM: String(vars.EMAIL_FROM ?? ""),
    EMAIL_API_KEY: secrets.EMAIL_API_KEY,
  })) {
    problems.push(`${p.key} ${p.problem}`);
  }
  for (const db of config.d1_databases) {
    if (!db.database_id || PLACEHOLDER_ID.test(db.database_id)) {
      problems.push(`D1 binding ${db.binding} has a placeholder database_id: create it with \`wrangler d1 create\``);
    }
  }
  for (const kv of config.kv_namespaces) {
    if (!kv.id || PLACEHOLDER_ID.test(kv.id)) {
      problems.push(`KV binding ${kv.binding} has a placeholder id: create it with \`wrangler kv namespace create\``);
    }
  }

  if (args["skip-db"]) {
    warnings.push("the database was not checked for demo accounts (--skip-db)");
  } else {
    const where = args.local ? ["--local", ...persistArgs()] : ["--remote"];
    try {
      const out = await wrangler(
        [
          "d1",
          "execute",
          "DB",
          "--config",
          configPath,
          ...(args.local ? [] : ["--env", envName]),
          ...where,
          "--json",
          "--command",
          `SELECT email FROM users WHERE lower(email) LIKE '%@${DEMO_EMAIL_DOMAIN}'`,
        ],
        { capture: true },
      );
      const parsed = JSON.parse(out) as { results: { email: string }[] }[];
      const demo = parsed.flatMap((r) => r.results.map((row) => row.email));
      if (demo.length > 0) problems.push(`the database holds demo accounts: ${demo.join(", ")}`);
    } catch (err) {
      // Fail closed: a check that could not run is not a pass.
      problems.push(`could not check the database for demo accounts: ${String(err).split("\n")[0]}`);
    }
  }
  return { problems, warnings };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const { problems, warnings } = await predeployProblems(args);
  for (const w of warnings) console.warn(`warning: ${w}`);
  if (problems.length > 0) {
    console.error(`Predeploy check FAILED for ${typeof args.env === "string" ? args.env : "production"}:`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log("Predeploy check passed.");
}
