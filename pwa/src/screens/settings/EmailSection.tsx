import { useState } from "preact/hooks";
import { EMAIL_MAX_LENGTH } from "../../../../shared/limits";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api, publishUser } from "../../api/session";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";

/**
 * My email address, whether it is confirmed, and changing it (PATCH /me/email, with my password):
 * the new address needs confirming (the banner asks again), and the old one is told of the change.
 */
export function EmailSection({ user, offline }: { user: PublicUser; offline: boolean }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  function change(event: Event) {
    event.preventDefault();
    setDone(null);
    void run(async () => {
      const res = await api.me.email.$patch({ json: { email, password } });
      if (!res.ok) return refusal(res);
      const body = await res.json();
      setEmail("");
      setPassword("");
      publishUser(body.user);
      setDone(
        body.user.email === user.email
          ? "That is already your email address."
          : `Your email address is now ${body.user.email}. We sent a code to it to confirm it, and told your old address.`,
      );
    });
  }

  return (
    <section class="card" aria-labelledby="email-title" data-testid="email-section">
      <h3 id="email-title">Email address</h3>
      <p>
        <span data-testid="email-current">{user.email}</span>{" "}
        <span class="muted" data-testid="email-state">
          {user.emailVerified ? "(confirmed)" : "(not confirmed yet)"}
        </span>
      </p>
      <form onSubmit={change}>
        <label>
          New email address
          <input
            type="email"
            required
            maxLength={EMAIL_MAX_LENGTH}
            autoComplete="email"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          Your password
          <input
            type="password"
            required
            autoComplete="current-password"
            aria-describedby="email-password-help"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <p id="email-password-help" class="muted help">
          Sign-in and password resets use the new address once it is changed; we will ask you to confirm it.
        </p>
        <Feedback error={error} done={done} testId="email" />
        <button type="submit" disabled={busy || offline}>
          {busy ? "Changing…" : "Change email address"}
        </button>
      </form>
    </section>
  );
}
