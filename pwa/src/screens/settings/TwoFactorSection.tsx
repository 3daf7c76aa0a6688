import { useEffect, useRef, useState } from "preact/hooks";
import { mfaRequiredFor } from "../../../../shared/roles";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api, publishUser } from "../../api/session";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";
import { QrCode } from "./QrCode";
import { RecoveryCodes } from "./RecoveryCodes";

type Step =
  | { kind: "idle" }
  | { kind: "enrolling"; secret: string; otpauthUri: string }
  | { kind: "codes"; codes: string[]; signedOut: string };

/** A wrong first code (set-up asks only for the code; the password was given a step before). */
const WRONG_NEW_CODE =
  "That code is not correct. Enter the 6-digit code the app shows for Haven now: it changes every 30 seconds.";

/** The user as the server has it now, shown everywhere (the 2FA answers do not carry it). */
async function reloadUser(): Promise<void> {
  const res = await api.me.$get();
  if (!res.ok) return refusal(res);
  publishUser((await res.json()).user);
}

/** What the patient is told after a change, with the other devices it signed out (issue 13, item 5). */
function signedOutNote(otherSessionsEnded: number): string {
  if (otherSessionsEnded === 0) return "";
  return otherSessionsEnded === 1
    ? " Your other device was signed out."
    : ` Your ${otherSessionsEnded} other devices were signed out.`;
}

/**
 * Two-factor sign-in: the password first, then enrol (QR code of the otpauth URI, or the key
 * typed by hand), confirm with a code, then the recovery codes, shown once; or turn it off with
 * the password and a code. Turning it on or off signs every other device out (the server does;
 * `onChanged` reloads the session list). The password is held only while set-up is open: it is
 * sent again with the confirmation, and cleared when set-up ends either way.
 */
export function TwoFactorSection({
  user,
  offline,
  onChanged,
  onFinished,
}: {
  user: PublicUser;
  offline: boolean;
  onChanged?: () => void;
  /** Set-up is over: the recovery codes were saved (the enrolment staff must finish first). */
  onFinished?: () => void;
}) {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run: runAction } = useAction();
  const stepHeading = useRef<HTMLHeadingElement>(null);
  // A second tap before the first re-render has disabled the button sends nothing.
  const inFlight = useRef(false);

  async function run(task: () => Promise<void>) {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await runAction(task);
    } finally {
      inFlight.current = false;
    }
  }

  function endSetUp() {
    setPassword("");
    setCode("");
    setStep({ kind: "idle" });
  }

  // Each new step moves focus to its heading, so a screen reader starts reading it from the top.
  useEffect(() => {
    if (step.kind !== "idle") stepHeading.current?.focus();
  }, [step.kind]);

  function enroll(event: Event) {
    event.preventDefault();
    setDone(null);
    void run(async () => {
      const res = await api.auth["2fa"].enroll.$post({ json: { password } });
      if (!res.ok) return refusal(res);
      const body = await res.json();
      setCode("");
      setStep({ kind: "enrolling", secret: body.secret, otpauthUri: body.otpauthUri });
    });
  }

  function confirm(event: Event) {
    event.preventDefault();
    void run(async () => {
      const res = await api.auth["2fa"].confirm.$post({ json: { password, code: code.replace(/\s+/g, "") } });
      // The password was checked a step ago; here the code is what was typed, so say that.
      if (!res.ok) return refusal(res, { REAUTH_FAILED: WRONG_NEW_CODE });
      const body = await res.json();
      setPassword("");
      setCode("");
      setStep({ kind: "codes", codes: body.recoveryCodes, signedOut: signedOutNote(body.otherSessionsEnded) });
      onChanged?.();
      await reloadUser();
    });
  }

  function disable(event: Event) {
    event.preventDefault();
    setDone(null);
    void run(async () => {
      const res = await api.auth["2fa"].disable.$post({ json: { password, code } });
      if (!res.ok) return refusal(res);
      const body = await res.json();
      setPassword("");
      setCode("");
      onChanged?.();
      await reloadUser();
      setDone(
        `Two-factor sign-in is off. You sign in with your password alone.${signedOutNote(body.otherSessionsEnded)}`,
      );
    });
  }

  return (
    <section class="card" aria-labelledby="twofa-title">
      <h3 id="twofa-title">Two-factor sign-in</h3>
      {step.kind === "enrolling" ? (
        <form onSubmit={confirm}>
          <h4 ref={stepHeading} tabIndex={-1}>
            Scan this code with your authenticator app
          </h4>
          <QrCode text={step.otpauthUri} label="QR code for your authenticator app" />
          <p>
            Can't scan it? Add an account by hand in the app and enter this key:{" "}
            <code class="secret" data-testid="totp-secret">
              {step.secret.match(/.{1,4}/g)?.join(" ")}
            </code>
          </p>
          <label>
            6-digit code the app shows
            <input
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\s*(\d\s*){6}"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </label>
          <Feedback error={error} />
          <div class="actions">
            <button type="submit" disabled={busy || offline}>
              Turn on two-factor sign-in
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={endSetUp}>
              Cancel
            </button>
          </div>
        </form>
      ) : step.kind === "codes" ? (
        <div>
          <h4 ref={stepHeading} tabIndex={-1}>
            Save your recovery codes
          </h4>
          <p>
            Two-factor sign-in is on.{step.signedOut} If you ever lose your phone, each of these codes lets you sign in
            once instead of a code from the app. Keep them somewhere safe, such as a password manager: they will not be
            shown again.
          </p>
          <RecoveryCodes codes={step.codes} email={user.email} />
          <Feedback error={error} />
          <button
            type="button"
            onClick={() => {
              setDone(`Two-factor sign-in is on.${step.signedOut}`);
              endSetUp();
              onFinished?.();
            }}
          >
            I have saved these
          </button>
        </div>
      ) : user.mfaEnabled && mfaRequiredFor(user.role) ? (
        <div>
          <p data-testid="twofa-state">
            Two-factor sign-in is on: signing in asks for a code from your authenticator app.
          </p>
          <p class="muted help">
            Staff accounts always use it. If you lose your authenticator and your recovery codes, an admin can reset it;
            you then set it up again at your next sign-in.
          </p>
          <Feedback error={null} done={done} testId="twofa" />
        </div>
      ) : user.mfaEnabled ? (
        <form onSubmit={disable}>
          <p data-testid="twofa-state">
            Two-factor sign-in is on: signing in asks for a code from your authenticator app.
          </p>
          <p class="muted help">
            To turn it off, enter your password and a code from the app (or a recovery code). Your other devices are
            signed out.
          </p>
          <label>
            Password
            <input
              type="password"
              required
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <label>
            Code from the app, or a recovery code
            <input required autoComplete="one-time-code" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          </label>
          <Feedback error={error} done={done} testId="twofa" />
          <button type="submit" class="secondary" disabled={busy || offline}>
            Turn off two-factor sign-in
          </button>
        </form>
      ) : (
        <form onSubmit={enroll}>
          <p data-testid="twofa-state">
            Two-factor sign-in is off. Turning it on adds a second step when you sign in: a 6-digit code from an
            authenticator app on your phone, so your password alone is not enough.
          </p>
          <p class="muted help">
            To set it up, enter your password. Turning it on signs your other devices out; they sign in again with a
            code.
          </p>
          <label>
            Password
            <input
              type="password"
              required
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <Feedback error={error} done={done} testId="twofa" />
          <button type="submit" disabled={busy || offline}>
            Set up two-factor sign-in
          </button>
        </form>
      )}
    </section>
  );
}
