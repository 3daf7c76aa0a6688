import { useState } from "preact/hooks";
import { useOnline } from "../data/use-online";
import { PushToggle } from "../notify/PushToggle";
import { EmailSection } from "../screens/settings/EmailSection";
import { PasswordSection } from "../screens/settings/PasswordSection";
import { ProfileSection } from "../screens/settings/ProfileSection";
import { SessionsSection } from "../screens/settings/SessionsSection";
import { TwoFactorSection } from "../screens/settings/TwoFactorSection";
import "../screens/settings.css";
import type { CareScreenProps } from "./screens";

/** A staff member's or admin's own account: name, two-factor sign-in, notifications on this device, sessions and password. */
export default function Account({ user }: CareScreenProps) {
  const offline = !useOnline();
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Account
      </h2>
      {offline ? (
        <p class="banner" role="status">
          You're offline. Account settings need a connection to Haven.
        </p>
      ) : null}
      <ProfileSection user={user} offline={offline} />
      <EmailSection user={user} offline={offline} />
      <TwoFactorSection user={user} offline={offline} onChanged={() => setSessionsVersion((v) => v + 1)} />
      <PushToggle />
      <SessionsSection user={user} offline={offline} version={sessionsVersion} />
      <PasswordSection offline={offline} onChanged={() => setSessionsVersion((v) => v + 1)} />
    </>
  );
}
