/**
 * `npm run demo:code`: the 6-digit code the demo staff accounts' authenticator would show now
 * (their published key, worker/scripts/demo-data.ts), and how long it lasts. For the local demo
 * only; a code works once, so the next sign-in within the same 30 seconds needs the next code,
 * which this prints too. Under `HAVEN_CLOCK` the Worker runs at another time: pass the same
 * instant as `--at <ISO time>` to get its codes.
 */
import { TOTP_PERIOD_SECONDS } from "../../shared/limits";
import { hotp, totpStep } from "../auth/totp";
import { DEMO_ACCOUNTS, DEMO_STAFF_TOTP_SECRET } from "./demo-data";
import { parseArgs } from "./lib";

const args = parseArgs(process.argv.slice(2));
const at = typeof args.at === "string" ? Date.parse(args.at) : Date.now();
if (Number.isNaN(at)) {
  console.error(`--at must be an ISO time, not ${String(args.at)}`);
  process.exit(1);
}
const step = totpStep(at);
const secondsLeft = TOTP_PERIOD_SECONDS - (Math.floor(at / 1000) % TOTP_PERIOD_SECONDS);
const staff = DEMO_ACCOUNTS.filter((a) => a.role !== "patient").map((a) => a.email);
console.log(`Demo staff code (${staff.join(", ")}): ${await hotp(DEMO_STAFF_TOTP_SECRET, step)}
  good for ${secondsLeft} more seconds; the next one is ${await hotp(DEMO_STAFF_TOTP_SECRET, step + 1)}.
Authenticator key: ${DEMO_STAFF_TOTP_SECRET}`);
