import { useEffect, useRef, useState } from "preact/hooks";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../shared/limits";
import { passwordLengthOk } from "../../../shared/password-policy";
import { api, errorOf, signedIn } from "../api/session";
import { navigate } from "../router";
import type { InviteLink } from "./links";

/**
 * Signed out, a staff invite: set the first password with the invite's code
 * (POST /auth/invite/accept), then sign in with it at once. A new staff account has no
 * two-factor sign-in yet, so the app goes straight to setting it up (main.tsx: mustEnrolMfa).
 */
export function AcceptInvite({ link, onCancel }: { link: InviteLink; onCancel: () => void }) {
  const [email, setEmail] = useState(link.email);
  const [code, setCode] = useState(link.code);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

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
      const res = await api.auth.invite.accept.$post({ json: { email, code, password } });
      if (!res.ok) {
        const problem = await errorOf(res);
        return setError(problem.fields?.length ? problem.fields.map((f) => f.message).join(" ") : problem.message);
      }
      // The password is set: sign in with it (an invited account has no second factor yet).
      const login = await api.auth.login.$post({ json: { email, password } });
      const body = login.ok ? await login.json() : null;
      if (!body || "mfaRequired" in body) {
        setError("Your password is set. Sign in with it on the sign-in screen.");
        return;
      }
      signedIn(body.accessToken, body.user);
      // Out of /invite: signed in, the app opens at its start (first, two-factor set-up).
      navigate("/");
    } catch {
      setError("Haven cannot be reached. Setting your password needs a connection.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="card" aria-labelledby="invite-title" data-testid="accept-invite">
      <h2 id="invite-title" tabIndex={-1} ref={heading}>
        Welcome to Haven — set your password
      </h2>
      <p class="muted">
        Your admin invited you to Haven's care team. Choose a password, and then set up two-factor sign-in with an
        authenticator app: every staff account uses it.
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
        Invite code (from your invite email)
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
        Password ({PASSWORD_MIN_LENGTH}+ characters)
        <input
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <p class="muted">A few words together work well. Common passwords are refused.</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Setting it…" : "Set my password and sign in"}
      </button>
      <p>
        <button type="button" class="secondary" onClick={onCancel}>
          Back to sign in
        </button>
      </p>
    </form>
  );
}
