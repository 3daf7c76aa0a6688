import { useState } from "preact/hooks";
import { api, endSessionHere } from "../../api/session";
import { navigate } from "../../router";
import { wipeDevice } from "../../SignedIn";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";

/**
 * DELETE /me with the password typed again. Then this device forgets everything, as signing out
 * does: the session ends here (the sign-in screen replaces the app, which stops the sync engine),
 * and the local copy of the data is deleted.
 */
export function DeleteAccountSection({ offline }: { offline: boolean }) {
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();

  function remove(event: Event) {
    event.preventDefault();
    void run(async () => {
      const res = await api.me.$delete({ json: { password } });
      if (!res.ok) return refusal(res);
      endSessionHere();
      navigate("/");
      // Let the app leave the signed-in screens (and stop syncing) before the data goes.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await wipeDevice();
    });
  }

  return (
    <section class="card danger-zone" aria-labelledby="delete-title">
      <h3 id="delete-title">Delete my account</h3>
      <p>
        This deletes your account and everything in it, for good, including your profile, check-ins, habits, quests,
        questionnaires, safety plan, pet, rewards and messages, and the notes your care team keeps about you. It cannot
        be undone. You may want to export your data first.
      </p>
      <p class="muted help">
        Haven keeps its security log of sign-ins and changes, with nothing in it that says who you were.
      </p>
      <form onSubmit={remove}>
        <label>
          Type your password to confirm
          <input
            type="password"
            required
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <Feedback error={error} />
        <button type="submit" class="danger" disabled={busy || offline}>
          {busy ? "Deleting…" : "Delete my account"}
        </button>
      </form>
    </section>
  );
}
