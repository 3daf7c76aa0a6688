/**
 * `npm start`: everything a newcomer needs, on 127.0.0.1 only.
 *  1. creates .dev.vars from .dev.vars.example when missing (local-only secrets), and gives it
 *     a generated FHIR signing key (kid "dev-…") when it has none,
 *  2. applies the D1 migrations locally and seeds the demo clinic (idempotent),
 *  3. builds the PWA,
 *  4. starts the development mailbox (worker/scripts/mailbox.ts) on a free port of 127.0.0.1,
 *     unless EMAIL_PROVIDER is set in the environment or .dev.vars: every email the Worker sends
 *     lands there, readable in the browser, and nothing leaves the machine,
 *  5. serves Worker + PWA same-origin with wrangler dev on PORT (default 8787), passing any
 *     COMPANION_* provider settings (and EMAIL_*, APP_URL) from the environment,
 *  6. waits for /api/v1/health and prints the URL, the mailbox's and the demo logins.
 * HAVEN_CLOCK=<instant> runs the whole stack (seed and Worker) as if it were that moment, with
 * time running on from it: README "Trying Haven at another hour".
 */
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { copyFile, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { clockOffsetFrom } from "../dev/shifted-date";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET } from "./demo-data";
import { ROOT, run, WRANGLER } from "./lib";
import { startEmailCapture } from "./mailbox";
import { migrateAndSeed, persistArgs } from "./seed";

const port = Number(process.env.PORT ?? "8787");
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a TCP port number, not ${process.env.PORT}`);
  process.exit(2);
}
const url = `http://127.0.0.1:${port}`;

let clockOffset: number;
try {
  clockOffset = clockOffsetFrom(process.env.HAVEN_CLOCK);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
/** The Worker's clock: the deployed entry, or the development one that shifts "now" (worker/dev/index.ts). */
const clockArgs = clockOffset === 0 ? [] : ["worker/dev/index.ts", "--define", `HAVEN_CLOCK_OFFSET_MS:${clockOffset}`];

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

if (!(await exists(join(ROOT, ".dev.vars")))) {
  await copyFile(join(ROOT, ".dev.vars.example"), join(ROOT, ".dev.vars"));
  console.log("Created .dev.vars from .dev.vars.example (local development values).");
}

/**
 * A local P-256 key as one line of JSON in single quotes (dotenv, wrangler's .dev.vars parser,
 * reads it verbatim): an EC private JWK with kid "dev-<random>", which the config guard refuses
 * outside development. FHIR_SIGNING_KEY signs FHIR exports; VAPID_PRIVATE_KEY signs Web Push.
 */
function devKeyLine(name: string): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: `dev-${randomBytes(8).toString("hex")}` };
  return `${name}='${JSON.stringify(jwk)}'`;
}

const devVarsPath = join(ROOT, ".dev.vars");
for (const [name, what] of [
  ["FHIR_SIGNING_KEY", "FHIR signing key"],
  ["VAPID_PRIVATE_KEY", "Web Push (VAPID) key"],
] as const) {
  const devVars = await readFile(devVarsPath, "utf8");
  const keyLine = new RegExp(`^[ \\t]*${name}[ \\t]*=(.*)$`, "m").exec(devVars);
  if (!keyLine || /^\s*(?:''|"")?\s*$/.test(keyLine[1] ?? "")) {
    const updated = keyLine
      ? devVars.replace(keyLine[0], devKeyLine(name))
      : `${devVars}${devVars.endsWith("\n") || devVars === "" ? "" : "\n"}${devKeyLine(name)}\n`;
    await writeFile(devVarsPath, updated);
    console.log(`Generated a local ${what} in .dev.vars (${name}, kid dev-…).`);
  }
}

console.log("Applying migrations and seeding the demo clinic…");
await migrateAndSeed({ quiet: true, now: Date.now() + clockOffset });
console.log("Building the PWA…");
await run(process.execPath, [
  join(ROOT, "node_modules/vite/bin/vite.js"),
  "build",
  "--config",
  "pwa/vite.config.ts",
  "--logLevel",
  "warn",
]);

/**
 * The companion's provider can come from the environment too, so pointing a local Haven at a
 * model server needs no file edits: `COMPANION_BASE_URL=http://127.0.0.1:11434/v1
 * COMPANION_MODEL=llama3.1 npm start` (these override .dev.vars).
 */
const COMPANION_ENV = ["COMPANION_PROVIDER", "COMPANION_BASE_URL", "COMPANION_MODEL", "COMPANION_API_KEY"] as const;
const companionVars = COMPANION_ENV.filter((name) => process.env[name]).flatMap((name) => [
  "--var",
  `${name}:${process.env[name]}`,
]);

/**
 * Email: with EMAIL_PROVIDER in the environment (passed on with the other EMAIL_* settings) or in
 * .dev.vars, the configured provider is used. Otherwise the Worker sends through the development
 * mailbox (Resend's API, a random key), so every account flow works with no email account.
 * APP_URL (links in emails) is this server unless the environment or .dev.vars sets it.
 */
const EMAIL_ENV = ["EMAIL_PROVIDER", "EMAIL_FROM", "EMAIL_API_URL", "EMAIL_API_KEY", "APP_URL"] as const;
const setIn = (devVars: string, name: string) =>
  new RegExp(`^[ \\t]*${name}[ \\t]*=[ \\t]*(?!(?:''|"")?[ \\t]*$)\\S`, "m").test(devVars);
const devVarsNow = await readFile(devVarsPath, "utf8");
const emailConfigured = Boolean(process.env.EMAIL_PROVIDER?.trim()) || setIn(devVarsNow, "EMAIL_PROVIDER");
const mailbox = emailConfigured
  ? null
  : await startEmailCapture({ host: "127.0.0.1", apiKey: `mailbox-${randomBytes(16).toString("hex")}` });
const emailVars = mailbox
  ? [
      ["EMAIL_PROVIDER", "resend"],
      ["EMAIL_API_URL", mailbox.url],
      ["EMAIL_API_KEY", mailbox.apiKey],
      ["EMAIL_FROM", "haven@localhost.test"],
    ]
  : EMAIL_ENV.filter((name) => name !== "APP_URL" && process.env[name]).map((name) => [name, process.env[name] ?? ""]);
const appUrl = process.env.APP_URL?.trim() || (setIn(devVarsNow, "APP_URL") ? "" : url);
const appUrlVars = appUrl ? [["APP_URL", appUrl]] : [];
const mailVars = [...emailVars, ...appUrlVars].flatMap(([name, value]) => ["--var", `${name}:${value}`]);

console.log(`Starting the Worker on ${url} …`);
const dev = spawn(
  process.execPath,
  [
    WRANGLER,
    "dev",
    ...clockArgs,
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--show-interactive-dev-session=false",
    ...persistArgs(),
    ...companionVars,
    ...mailVars,
  ],
  { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } },
);
let log = "";
const keep = (d: Buffer) => {
  log = (log + d.toString()).slice(-20_000);
  if (process.env.HAVEN_VERBOSE) process.stdout.write(d);
};
dev.stdout.on("data", keep);
dev.stderr.on("data", keep);
let exited = false;
dev.on("exit", (code) => {
  exited = true;
  void mailbox?.close();
  if (code !== 0 && code !== null) {
    console.error(`wrangler dev exited with ${code}:\n${log}`);
    process.exit(code);
  }
  process.exit(0);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));

const deadline = Date.now() + 90_000;
for (;;) {
  if (exited) break;
  try {
    const res = await fetch(`${url}/api/v1/health`);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error(`Haven did not become healthy within 90 s. wrangler said:\n${log}`);
    dev.kill("SIGTERM");
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 300));
}

/**
 * The Cron Trigger's minute, locally (wrangler dev does not fire crons; it serves the scheduled
 * handler at /cdn-cgi/handler/scheduled): flag alerts, escalations and reminders run as
 * deployed (worker/scheduled.ts). A failed call is retried at the next minute, as a missed cron.
 */
const cron = setInterval(() => {
  fetch(`${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("* * * * *")}`).then(
    (res) => res.body?.cancel(),
    () => undefined,
  );
}, 60_000);
cron.unref();

const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
console.log(`
Haven is running at ${url}

Demo logins (password: ${DEMO_PASSWORD}):
${DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.role}`).join("\n")}
Staff and admin sign-in also asks for a two-factor code: run \`npm run demo:code\`, or add the
key ${DEMO_STAFF_TOTP_SECRET} to an authenticator app.

API health: ${url}/api/v1/health
${
  mailbox
    ? `Mailbox (development): ${mailbox.url}  (every email Haven sends lands here; nothing is sent)`
    : "Email: sent through the provider configured in EMAIL_PROVIDER"
}${
  clockOffset === 0
    ? ""
    : `\nClock: ${new Date(Date.now() + clockOffset).toISOString()} (HAVEN_CLOCK; shifted by ${clockOffset} ms)`
}
Press Ctrl+C to stop.`);
