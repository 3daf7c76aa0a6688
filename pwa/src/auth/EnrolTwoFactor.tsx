import { useEffect, useRef } from "preact/hooks";
import type { PublicUser } from "../../../shared/schemas/auth";
import { signOut } from "../api/session";
import { useOnline } from "../data/use-online";
import { wipeDevice } from "../SignedIn";
import { TwoFactorSection } from "../screens/settings/TwoFactorSection";

/**
 * The first screen of a staff account without two-factor sign-in (issue 13, item 5): staff must
 * use it, and the server answers nothing else until it is on (403 MFA_ENROLMENT_REQUIRED). Set-up
 * is the same as in Settings; the app opens once the recovery codes are saved.
 */
export default function EnrolTwoFactor({ user, onDone }: { user: PublicUser; onDone: () => void }) {
  const online = useOnline();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="enrol-2fa" aria-labelledby="enrol-2fa-title">
      <h2 id="enrol-2fa-title" ref={heading} tabIndex={-1}>
        Set up two-factor sign-in
      </h2>
      <p>
        Welcome, {user.displayName}. Staff accounts see other people's health information, so Haven asks for a code from
        an authenticator app as well as your password. Set it up now to continue; it takes a minute.
      </p>
      {online ? null : (
        <p class="banner" role="status">
          You are offline. Set-up needs a connection.
        </p>
      )}
      <TwoFactorSection user={user} offline={!online} onFinished={onDone} />
      <p>
        <button type="button" class="secondary" onClick={() => void signOut(wipeDevice).catch(() => undefined)}>
          Sign out
        </button>
      </p>
    </section>
  );
}
