import { useState } from "preact/hooks";
import { useOnline } from "../data/use-online";
import { ConsentSection } from "./settings/ConsentSection";
import { DeleteAccountSection } from "./settings/DeleteAccountSection";
import { EmailSection } from "./settings/EmailSection";
import { ExportSection } from "./settings/ExportSection";
import { PasswordSection } from "./settings/PasswordSection";
import { PinSection } from "./settings/PinSection";
import { ProfileSection } from "./settings/ProfileSection";
import { RemindersSection } from "./settings/RemindersSection";
import { SessionsSection } from "./settings/SessionsSection";
import { TwoFactorSection } from "./settings/TwoFactorSection";
import type { ScreenProps } from "./types";
import "./settings.css";

/**
 * Settings (PRODUCT.md, "Account"): profile, consent, reminders (patients), two-factor sign-in,
 * sessions, password, export and account deletion. Every one of these talks to the server, so offline they are
 * turned off and the screen says why, instead of failing quietly.
 */
export default function Settings({ user }: ScreenProps) {
  const online = useOnline();
  const offline = !online;
  // Bumped when a password or 2FA change signs the other devices out, so the session list reloads.
  const [sessionsVersion, setSessionsVersion] = useState(0);

  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Settings
      </h2>
      {offline ? (
        <p class="banner" role="status" data-testid="settings-offline">
          You're offline. Settings need a connection to Haven, so changing them is turned off until you're back online.
        </p>
      ) : null}
      <ProfileSection user={user} offline={offline} />
      <EmailSection user={user} offline={offline} />
      <ConsentSection user={user} offline={offline} />
      {user.role === "patient" ? <RemindersSection user={user} offline={offline} /> : null}
      <TwoFactorSection user={user} offline={offline} onChanged={() => setSessionsVersion((v) => v + 1)} />
      <SessionsSection user={user} offline={offline} version={sessionsVersion} />
      <PasswordSection offline={offline} onChanged={() => setSessionsVersion((v) => v + 1)} />
      <PinSection />
      <ExportSection offline={offline} />
      <DeleteAccountSection user={user} offline={offline} />
    </>
  );
}
