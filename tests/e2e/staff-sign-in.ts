/**
 * Signing the demo staff in, as a person with the authenticator would: staff must use two-factor
 * sign-in (shared/roles.ts), and the demo staff share the published key in demo-data.ts. A code
 * works once per account, and several test files sign the same demo staff in, so a refused code
 * is followed by the next step's one, then by waiting for a fresh 30-second step, as a person
 * would wait for the app to show the next code.
 */
import { TOTP_PERIOD_SECONDS } from "../../shared/limits";
import { hotp, totpStep } from "../../worker/auth/totp";
import { DEMO_STAFF_TOTP_SECRET } from "../../worker/scripts/demo-data";
import { stackNow } from "./stack-clock";

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

/** The demo authenticator's code `offset` steps from the stack's now. */
export function demoStaffCode(offset = 0): Promise<string> {
  return hotp(DEMO_STAFF_TOTP_SECRET, totpStep(stackNow()) + offset);
}

/**
 * Tries codes until one is accepted: `submit` sends one and says whether it was; gives up after
 * four fresh steps. Each round tries this step's code and the next one's (the server accepts
 * one step either side).
 */
export async function withDemoStaffCode(submit: (code: string) => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 4; round++) {
    for (const offset of [0, 1]) if (await submit(await demoStaffCode(offset))) return;
    // Both used already: wait until the step after the next one begins.
    const now = stackNow();
    await new Promise((r) => setTimeout(r, (Math.floor(now / STEP_MS) + 2) * STEP_MS - now + 500));
  }
  throw new Error("no fresh two-factor code was accepted");
}

/** An access token for a demo staff account, through the API: password, then the code. */
export async function demoStaffToken(base: string, email: string, password: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${base}/api/v1/auth/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  let login = await post("login", { email, password });
  // The per-account sign-in limit (5 a minute): wait as long as the server says, up to twice.
  for (let attempt = 0; login.status === 429 && attempt < 2; attempt++) {
    await new Promise((r) => setTimeout(r, (Number(login.headers.get("retry-after") ?? "20") + 1) * 1000));
    login = await post("login", { email, password });
  }
  if (login.status !== 200) throw new Error(`${email} sign-in: ${login.status} ${await login.text()}`);
  const { mfaToken } = (await login.json()) as { mfaToken?: string };
  if (!mfaToken) throw new Error(`${email} was not asked for a second factor`);
  let token = "";
  await withDemoStaffCode(async (code) => {
    const res = await post("2fa/verify", { mfaToken, code });
    if (res.status !== 200) return false;
    token = ((await res.json()) as { accessToken: string }).accessToken;
    return true;
  });
  return token;
}
