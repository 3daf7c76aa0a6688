import { useState } from "preact/hooks";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../../shared/limits";
import { passwordLengthOk } from "../../../../shared/password-policy";
import { api } from "../../api/session";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";

/** POST /auth/password: this device stays signed in, every other one signs in again. */
export function PasswordSection({ offline, onChanged }: { offline: boolean; onChanged: () => void }) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  function change(event: Event) {
    event.preventDefault();
    setDone(null);
    setMismatch(null);
    if (!passwordLengthOk(newPassword)) {
      return setMismatch(`Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters for the new password.`);
    }
    if (newPassword !== repeat) return setMismatch("The two new passwords are not the same.");
    void run(async () => {
      const res = await api.auth.password.$post({ json: { currentPassword, newPassword } });
      if (!res.ok) return refusal(res);
      setCurrentPassword("");
      setNewPassword("");
      setRepeat("");
      setDone("Your password is changed. Your other devices are signed out and will ask for the new one.");
      onChanged();
    });
  }

  return (
    <section class="card" aria-labelledby="password-title">
      <h3 id="password-title">Change password</h3>
      <form onSubmit={change}>
        <label>
          Current password
          <input
            type="password"
            required
            autoComplete="current-password"
            value={currentPassword}
            onInput={(e) => setCurrentPassword(e.currentTarget.value)}
          />
        </label>
        <label>
          New password
          <input
            type="password"
            required
            autoComplete="new-password"
            aria-describedby="new-password-help"
            value={newPassword}
            onInput={(e) => setNewPassword(e.currentTarget.value)}
          />
        </label>
        <p id="new-password-help" class="muted help">
          {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters. A few unrelated words make a strong one.
        </p>
        <label>
          New password again
          <input
            type="password"
            required
            autoComplete="new-password"
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
        </label>
        <Feedback error={mismatch ?? error} done={done} testId="password" />
        <button type="submit" disabled={busy || offline}>
          Change password
        </button>
      </form>
    </section>
  );
}
