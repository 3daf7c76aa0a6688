import type { PublicUser } from "../../../shared/schemas/auth";
import type { SessionEnd } from "../api/session";
import { db } from "../data/db";
import { useLive } from "../data/use-live";
import { REVOCATIONS } from "../lock/device";
import { Link } from "../ui/Link";
import { useSavedPlan } from "./HelpWithoutSignIn";

const WHY: Record<SessionEnd, string> = {
  REFRESH_INVALID: "Your session expired. Sign in again to carry on.",
  DEVICE_SIGNED_OUT:
    "This device was signed out from elsewhere: from another device or the sessions list, or because the password or two-factor sign-in changed. Haven removed your data from this device. Sign in again to carry on.",
  PIN_LOCKOUT:
    "This device was signed out after too many wrong PINs, and Haven removed your data from it. Sign in with your password to carry on.",
  OFFLINE_TOO_LONG:
    "This device has not reached Haven for over a week, so your data stays hidden until it connects again. Sign in, or open Haven when you are back online.",
  REFRESH_REUSED:
    "Your session ended to keep your account safe: an old sign-in was used again, so Haven signed this account out everywhere and removed your data from this device. Sign in again to carry on.",
  ACCOUNT_DELETED:
    "Your account and data are deleted, from Haven and from this device. Thank you for the time you spent here. Crisis help above still opens without an account.",
  ACCOUNT_DISABLED:
    "Your session ended because this account is disabled, and Haven removed its data from this device. Your clinic can tell you more.",
};

/** The changes waiting on this device, and whose they are (the last user, kept with the data). */
async function waiting(): Promise<{ count: number; email: string | null }> {
  const [count, row] = await Promise.all([db.outbox.count(), db.meta.get("user")]);
  return { count, email: row ? (JSON.parse(row.value) as PublicUser).email : null };
}

/**
 * On the sign-in screen: why the session ended, when the server ended it, and that the changes
 * still waiting on this device are kept (a session that ends never discards the outbox) and will
 * sync once their owner signs in again; and that the safety plan this device still holds opens
 * without signing in (an explicit sign-out deletes it with everything else).
 */
export function SessionEnded({ reason }: { reason: SessionEnd | null }) {
  const { count: waitingCount, email } = useLive(waiting, { count: 0, email: null });
  const { held } = useSavedPlan();
  // After a revocation the changes kept on the device are not shown (nor whose they are): they
  // sync only if the same person signs in again.
  const revoked = reason !== null && REVOCATIONS.includes(reason);
  // Deleted: nothing of the account is kept (the outbox went with the rest).
  const deleted = reason === "ACCOUNT_DELETED";
  const count = revoked || deleted ? 0 : waitingCount;
  if (!reason && count === 0 && !held) return null;
  if (deleted) {
    return (
      <section class="banner" role="status" aria-label="Your account">
        <p data-testid="session-ended" data-reason={reason}>
          {WHY[reason]}
        </p>
      </section>
    );
  }
  const changes = count === 1 ? "1 unsynced change is" : `${count} unsynced changes are`;
  return (
    <section class="banner" role="status" aria-label="Your session">
      {reason ? (
        <p data-testid="session-ended" data-reason={reason}>
          {WHY[reason]}
        </p>
      ) : null}
      {revoked ? (
        <p data-testid="crisis-still-here">
          Crisis help still works here without signing in: <Link href="/crisis">open crisis help</Link>.
        </p>
      ) : null}
      {count > 0 ? (
        <p data-testid="unsynced-safe">
          Your {changes} safe on this device and will sync after you sign in
          {email ? (
            <>
              {" "}
              as <strong>{email}</strong>. Signing in as someone else removes them from this device.
            </>
          ) : (
            "."
          )}
        </p>
      ) : null}
      {held ? (
        <p data-testid="saved-plan-link">
          The safety plan is still on this device: <Link href="/safety-plan">open the safety plan</Link>, no sign-in
          needed.
        </p>
      ) : null}
    </section>
  );
}
