import { useState } from "preact/hooks";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../shared/limits";
import { passwordLengthOk } from "../../../shared/password-policy";
import { PASSWORD_RESET_EMAIL_TTL_MINUTES } from "../../../shared/schemas/password-reset-request";
import { api, errorOf } from "../api/session";

/**
 * Signed out: set a new password with a one-time code, one an admin handed over in person or one
 * from the "forgot password" email (`source`; POST /auth/password-reset/redeem). Opened from the
 * email's link, the email and code are filled in. Every device of the account is signed out;
 * two-factor sign-in stays as it was. Then back to sign-in, which says the password changed.
 */
export function RedeemResetCode({
  onDone,
  onCancel,
  source = "admin",
  initialEmail = "",
  initialCode = "",
}: {
  onDone: () => void;
  onCancel: () => void;
  source?: "admin" | "email";
  initialEmail?: string;
  initialCode?: string;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState(initialCode);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (!passwordLengthOk(password)) {
      setError(
        `Choose a new password of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. A few words together work well.`,
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.auth["password-reset"].redeem.$post({ json: { email, code, newPassword: password } });
      if (!res.ok) {
        const problem = await errorOf(res);
        return setError(problem.fields?.length ? problem.fields.map((f) => f.message).join(" ") : problem.message);
      }
      onDone();
    } catch {
      setError("Haven cannot be reached. Setting a new password needs a connection.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="card" aria-labelledby="redeem-title">
      <h2 id="redeem-title">Set a new password with a reset code</h2>
      <p class="muted">
        {source === "email"
          ? `The email has a code of 20 letters and digits. It works once, for ${PASSWORD_RESET_EMAIL_TTL_MINUTES} minutes.`
          : "Your admin gave you a code of 20 letters and digits. It works once, for 24 hours."}{" "}
        Two-factor sign-in, if you use it, stays on.
      </p>
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
        Reset code
        <input
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellcheck={false}
          required
          maxLength={64}
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      <label>
        New password ({PASSWORD_MIN_LENGTH}+ characters)
        <input
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Setting it…" : "Set the new password"}
      </button>
      <p>
        <button type="button" class="secondary" onClick={onCancel}>
          Back to sign in
        </button>
      </p>
    </form>
  );
}
