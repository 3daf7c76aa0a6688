import { useEffect, useRef, useState } from "preact/hooks";
import type { PublicUser } from "../../../shared/schemas/auth";
import { api, errorOf, publishUser } from "../api/session";
import { useOnline } from "../data/use-online";
import { navigate } from "../router";
import "./verify-email.css";

/** The path of the link in the confirmation email: `/verify-email?code=123456`. */
export const VERIFY_EMAIL_PATH = "/verify-email";

/** Whether `path` is the email link's (signed out, main.tsx asks to sign in first). */
export function isVerifyEmailPath(path: string): boolean {
  return path.replace(/(.)\/+$/, "$1") === VERIFY_EMAIL_PATH;
}

/** The code in the address bar when the email's link was opened, else null. */
export function linkCode(): string | null {
  if (!isVerifyEmailPath(location.pathname)) return null;
  return new URLSearchParams(location.search).get("code");
}

/** "Not now" lasts for this browser session, per address: a new address asks again. */
const dismissKey = (user: PublicUser) => `haven.verifyEmailDismissed:${user.id}:${user.email}`;
function dismissed(user: PublicUser): boolean {
  try {
    return sessionStorage.getItem(dismissKey(user)) === "1";
  } catch {
    return false;
  }
}

const UNREACHABLE = "Haven cannot be reached. Check your connection and try again.";

/**
 * Until the account's email address is confirmed (issue 18, item 2): a banner saying where the
 * code went, a field for it, "Send a new code", and "Not now" for this session. Nothing else
 * waits for it. Opening the email's link (`/verify-email?code=…`) signed in confirms at once;
 * signed out, the app asks to sign in first (main.tsx) and then lands here and confirms.
 */
export function EmailVerificationBanner({ user }: { user: PublicUser }) {
  const online = useOnline();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [hidden, setHidden] = useState(() => dismissed(user));
  const fromLink = useRef(linkCode());

  // A new address (changed in Settings) asks again, even after "Not now".
  useEffect(() => {
    setHidden(dismissed(user));
    setCode("");
    setError(null);
    setNote(null);
  }, [user.id, user.email]);

  async function confirm(value: string) {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const res = await api.me.email.verify.$post({ json: { code: value } });
      if (!res.ok) {
        const problem = await errorOf(res);
        setError(problem.fields?.length ? "Enter the 6-digit code from the email." : problem.message);
        return;
      }
      const body = await res.json();
      setConfirmed(true);
      setCode("");
      publishUser(body.user);
    } catch {
      setError(UNREACHABLE);
    } finally {
      setBusy(false);
    }
  }

  async function sendAgain() {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const res = await api.me.email.verification.$post();
      if (res.ok) setNote(`A new code is on its way to ${user.email}. The earlier one no longer works.`);
      else setError((await errorOf(res)).message);
    } catch {
      setError(UNREACHABLE);
    } finally {
      setBusy(false);
    }
  }

  // The email's link: confirm with its code once, then leave the link's address behind.
  useEffect(() => {
    const value = fromLink.current;
    if (value === null) return;
    fromLink.current = null;
    navigate("/");
    if (user.emailVerified) return;
    setCode(value);
    void confirm(value);
  }, []);

  if (user.emailVerified) {
    return confirmed ? (
      <p class="banner verify-email-done" role="status" data-testid="verify-email-done">
        Thank you: your email address is confirmed.{" "}
        <button type="button" class="secondary" onClick={() => setConfirmed(false)}>
          Close
        </button>
      </p>
    ) : null;
  }
  if (hidden) return null;

  function dismiss() {
    try {
      sessionStorage.setItem(dismissKey(user), "1");
    } catch {
      // storage unavailable: hidden until the page reloads
    }
    setHidden(true);
  }

  return (
    // No heading: navigation focuses the screen's own h2, which must stay the first in <main>.
    <section class="banner verify-email" aria-labelledby="verify-email-title" data-testid="verify-email-banner">
      <p id="verify-email-title" class="verify-email-title">
        Please confirm your email address
      </p>
      <p>
        We sent a 6-digit code to <strong data-testid="verify-email-address">{user.email}</strong>. Enter it here, or
        open the link in the email.
      </p>
      <form
        class="verify-email-form"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm(code);
        }}
      >
        <label>
          Confirmation code
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            required
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            data-testid="verify-email-code"
          />
        </label>
        <button type="submit" disabled={busy || !online}>
          Confirm
        </button>
      </form>
      {error ? (
        <p role="alert" class="error" data-testid="verify-email-error">
          {error}
        </p>
      ) : note ? (
        <p role="status" data-testid="verify-email-note">
          {note}
        </p>
      ) : null}
      <p class="verify-email-actions">
        <button type="button" class="secondary" disabled={busy || !online} onClick={() => void sendAgain()}>
          Send a new code
        </button>
        <button type="button" class="secondary" onClick={dismiss} data-testid="verify-email-dismiss">
          Not now
        </button>
      </p>
    </section>
  );
}
