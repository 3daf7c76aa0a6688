import { useState } from "preact/hooks";
import { DISPLAY_NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../shared/limits";
import { passwordLengthOk } from "../../../shared/password-policy";
import { api, errorOf, signedIn } from "../api/session";

/** The device's own time zone, which the patient can change later in Settings. */
function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Create a patient account: email, password, a name to be greeted by, and the device's time zone. */
export function Register({ onSignIn }: { onSignIn: () => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timezone = deviceTimeZone();

  async function submit(event: Event) {
    event.preventDefault();
    if (!passwordLengthOk(password)) {
      setError(
        `Choose a password of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. A few words together work well.`,
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.auth.register.$post({
        json: { email, password, displayName: displayName.trim(), timezone },
      });
      if (!res.ok) return setError((await errorOf(res)).message);
      const body = await res.json();
      signedIn(body.accessToken, body.user);
    } catch {
      setError("Haven cannot be reached. Creating an account needs a connection.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="card" aria-labelledby="register-title">
      <h2 id="register-title">Create your account</h2>
      <label>
        Your name (what Haven calls you)
        <input
          autoComplete="nickname"
          required
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          value={displayName}
          onInput={(e) => setDisplayName(e.currentTarget.value)}
        />
      </label>
      <label>
        Email
        <input
          type="email"
          autoComplete="email"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label>
        Password ({PASSWORD_MIN_LENGTH}+ characters)
        <input
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <p class="muted">Your time zone: {timezone}. You can change it later in Settings.</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Create account
      </button>
      <p>
        Already have an account?{" "}
        <button type="button" class="secondary" onClick={onSignIn}>
          Sign in instead
        </button>
      </p>
    </form>
  );
}
