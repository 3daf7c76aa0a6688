import { useState } from "preact/hooks";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api, endSessionHere } from "../../api/session";
import { navigate } from "../../router";
import { wipeDevice } from "../../SignedIn";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";

/**
 * DELETE /me with the password typed again (and, with two-factor sign-in on, a current code or a
 * recovery code). Then this device forgets everything, as signing out does: the session ends here
 * (the sign-in screen replaces the app, which stops the sync engine), and the local copy of the
 * data is deleted. Staff and admin accounts are not deleted by their owner: an admin deactivates
 * them (the server answers STAFF_DEACTIVATION_REQUIRED), so they see that instead of the form.
 */
export function DeleteAccountSection({ user, offline }: { user: PublicUser; offline: boolean }) {
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const { busy, error, run } = useAction();

  if (user.role !== "patient") {
    return (
      <section class="card danger-zone" aria-labelledby="delete-title">
        <h3 id="delete-title">Closing your account</h3>
        <p data-testid="staff-deactivation">
          Staff and admin accounts are not deleted from here: an admin deactivates them, so the record of your work with
          patients stays with the clinic. Ask your Haven admin to deactivate your account.
        </p>
      </section>
    );
  }

  function remove(event: Event) {
    event.preventDefault();
    void run(async () => {
      const res = await api.me.$delete({ json: user.mfaEnabled ? { password, code } : { password } });
      if (!res.ok) return refusal(res);
      // The sign-in screen confirms it: "Your account and data are deleted."
      endSessionHere("ACCOUNT_DELETED");
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
        questionnaires, safety plan, pet, rewards and companion chats, and the notes your care team keeps about you. It
        cannot be undone. You may want to export your data first.
      </p>
      <p class="muted help">
        Messages you sent stay with the people you sent them to, shown as from a deleted account. Haven keeps its
        security log of sign-ins and changes, with you in it only under a code that no longer leads to you.
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
        {user.mfaEnabled ? (
          <label>
            Code from your authenticator app, or a recovery code
            <input
              type="text"
              required
              inputMode="text"
              autoComplete="one-time-code"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </label>
        ) : null}
        <Feedback error={error} />
        <button type="submit" class="danger" disabled={busy || offline}>
          {busy ? "Deleting…" : "Delete my account"}
        </button>
      </form>
    </section>
  );
}
