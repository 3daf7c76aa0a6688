import { useState } from "preact/hooks";
import { api, errorOf, signedIn } from "../api/session";

type Step = { kind: "password" } | { kind: "code"; mfaToken: string };

/** A wrong code on the second step: about the code, never the password (given a step before). */
const WRONG_CODE =
  "That code is not correct. Enter the 6-digit code your authenticator app shows now, or a recovery code.";

/** Sign in, with the second step when the account has two-factor sign-in on. */
export function SignIn() {
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step.kind === "password") {
        const res = await api.auth.login.$post({ json: { email, password } });
        if (!res.ok) return setError((await errorOf(res)).message);
        const body = await res.json();
        if ("mfaRequired" in body) return setStep({ kind: "code", mfaToken: body.mfaToken });
        signedIn(body.accessToken, body.user);
      } else {
        const res = await api.auth["2fa"].verify.$post({ json: { mfaToken: step.mfaToken, code } });
        if (!res.ok) {
          const error = await errorOf(res);
          // The code step has run out (too many tries, or too long): back to the password, saying so.
          if (error.code === "MFA_TOKEN_INVALID") {
            setCode("");
            setStep({ kind: "password" });
            return setError("That sign-in step has expired. Enter your password again, then a new code.");
          }
          return setError(error.code === "MFA_CODE_INVALID" ? WRONG_CODE : error.message);
        }
        const body = await res.json();
        signedIn(body.accessToken, body.user);
      }
    } catch {
      setError("Haven cannot be reached. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="card" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      {step.kind === "password" ? (
        <>
          <label>
            Email
            <input
              type="email"
              autoComplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </label>
          <label>
            Password
            <input
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
        </>
      ) : (
        <label>
          Code from your authenticator app (or a recovery code)
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </label>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {step.kind === "password" ? "Sign in" : "Verify"}
      </button>
    </form>
  );
}
