import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorOf } from "../api/session";
import type { ResetLink } from "./links";
import { RedeemResetCode } from "./RedeemResetCode";

/**
 * Signed out, "Forgot your password?": the email address (POST /auth/password-reset/request,
 * which answers the same whether or not an account uses it), then the code from the email with a
 * new password (the redeem form, the address filled in). Opened from the email's link, it starts
 * at the redeem form with the address and code filled in.
 */
export function ForgotPassword({
  link = null,
  onDone,
  onCancel,
}: {
  link?: ResetLink | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [email, setEmail] = useState(link?.email ?? "");
  // The service's answer once the email is on its way (or would be): then the code form.
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!link) heading.current?.focus();
  }, [link]);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.auth["password-reset"].request.$post({ json: { email } });
      if (!res.ok) {
        const problem = await errorOf(res);
        return setError(problem.fields?.length ? problem.fields.map((f) => f.message).join(" ") : problem.message);
      }
      setSent((await res.json()).message);
    } catch {
      setError("Haven cannot be reached. Asking for a reset code needs a connection.");
    } finally {
      setBusy(false);
    }
  }

  if (link || sent !== null) {
    return (
      <>
        {sent ? (
          <p class="banner" role="status" data-testid="reset-requested">
            {sent}
          </p>
        ) : null}
        <RedeemResetCode
          source="email"
          initialEmail={link?.email ?? email}
          initialCode={link?.code ?? ""}
          onDone={onDone}
          onCancel={onCancel}
        />
      </>
    );
  }

  return (
    <form onSubmit={submit} class="card" aria-labelledby="forgot-title">
      <h2 id="forgot-title" tabIndex={-1} ref={heading}>
        Forgot your password?
      </h2>
      <p class="muted">
        Enter the email address you sign in with. If an account uses it, we will send it a reset code. If you cannot
        reach that email, ask your clinic's admin for a reset code.
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
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Sending…" : "Send me a reset code"}
      </button>
      <p>
        <button type="button" class="secondary" onClick={() => setSent("")}>
          I already have a code
        </button>
      </p>
      <p>
        <button type="button" class="secondary" onClick={onCancel}>
          Back to sign in
        </button>
      </p>
    </form>
  );
}
