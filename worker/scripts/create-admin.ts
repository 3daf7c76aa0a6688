/**
 * Creates the first admin of a real deployment (local development gets one from the demo seed).
 *
 *   HAVEN_ADMIN_PASSWORD='a long passphrase' npm run admin:create -- \
 *     --email ops@clinic.example --name "Ops Admin" --env production
 *
 * The password is read from HAVEN_ADMIN_PASSWORD (never a command-line argument: those end up
 * in shell history and process lists), checked against the same policy as registration, and
 * hashed here with the Worker's own scrypt code; only the hash is sent to D1.
 * Options: --timezone (default UTC), --local (the local D1 state, as npm start uses).
 */
import { isCommonPassword } from "../../shared/password-policy";
import { isDemoEmail } from "../../shared/roles";
import { displayName, email as emailSchema, newPassword, timezone } from "../../shared/schemas/auth";
import { hashPassword } from "../auth/password";
import { parseArgs, sqlString, wrangler } from "./lib";
import { persistArgs } from "./seed";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));
const email = emailSchema.safeParse(args.email);
if (!email.success) fail("--email must be a valid email address");
const name = displayName.safeParse(args.name ?? "Administrator");
if (!name.success) fail("--name must be 1–80 characters");
const zone = timezone.safeParse(args.timezone ?? "UTC");
if (!zone.success) fail("--timezone must be an IANA time zone such as Europe/London");
const password = process.env.HAVEN_ADMIN_PASSWORD ?? "";
if (!newPassword.safeParse(password).success) fail("HAVEN_ADMIN_PASSWORD must be 12–128 characters");
if (isCommonPassword(password)) fail("HAVEN_ADMIN_PASSWORD is a common password; choose another");
if (isDemoEmail(email.data) && !args.local) fail("demo addresses are for local development only");

const now = Date.now();
const values = [
  crypto.randomUUID(),
  email.data,
  "admin",
  "active",
  name.data,
  zone.data,
  4,
  await hashPassword(password),
  now,
  now,
].map(sqlString);
const sql = `INSERT INTO users (id, email, role, status, display_name, timezone, day_start_hour, password_hash, created_at, updated_at) VALUES (${values.join(", ")});`;
const where = args.local
  ? ["--local", ...persistArgs()]
  : ["--remote", "--env", typeof args.env === "string" ? args.env : "production"];
try {
  await wrangler(["d1", "execute", "DB", ...where, "--command", sql], { capture: true });
} catch (err) {
  fail(/UNIQUE/.test(String(err)) ? `an account with ${email.data} already exists` : String(err));
}
console.log(`Admin ${email.data} created.`);
