import { crisisResourcesForDevice } from "../../../shared/domain/risk";
import type { PublicUser } from "../../../shared/schemas/auth";
import { db } from "../data/db";
import { useLive } from "../data/use-live";
import { CrisisHelp } from "../screens/Crisis";
import { CrisisResourceList } from "../ui/CrisisResourceList";
import { Link } from "../ui/Link";
import { lazyScreen } from "../ui/lazy";

/** Where help without an account looks: the device's time zone, then its languages (shared/domain/risk.ts). */
function deviceResources() {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    // No time zone on this device: the languages decide.
  }
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return crisisResourcesForDevice(zone, languages);
}

/** The safety plan this device still holds (a session ended; signing out deletes it), and whose it is. */
export function useSavedPlan(): { held: boolean; owner: PublicUser | null } {
  return useLive(
    async () => {
      const [plan, user] = await Promise.all([db.entities.get("safetyPlan:me"), db.meta.get("user")]);
      return {
        held: !!plan && plan.data !== null,
        owner: user ? (JSON.parse(user.value) as PublicUser) : null,
      };
    },
    { held: false, owner: null },
  );
}

// The read-only plan shares the safety plan screen's chunk (precached, so it opens offline).
const SavedSafetyPlan = lazyScreen(() => import("../screens/SavedSafetyPlan"));

/**
 * Help that needs nothing, on the signed-out screens: crisis help (`/crisis`) and the safety
 * plan this device holds (`/safety-plan`, read-only), with no account, no token and no network.
 * The service worker answers both paths with the precached app; resources come from the device.
 */
export function HelpWithoutSignIn({ path, backLabel }: { path: "/crisis" | "/safety-plan"; backLabel?: string }) {
  const resources = deviceResources();
  const { held, owner } = useSavedPlan();
  const back = (
    <p>
      <Link href="/">{backLabel ?? "Back to sign in"}</Link>
    </p>
  );
  if (path === "/safety-plan") {
    return (
      <>
        {held && owner ? (
          <SavedSafetyPlan owner={owner} resources={resources} />
        ) : (
          <section class="card" aria-labelledby="screen-title">
            <h2 id="screen-title" tabIndex={-1}>
              Safety plan
            </h2>
            <p data-testid="no-saved-plan">
              There is no safety plan saved on this device. If you made one in Haven, it shows here after you sign in on
              this device.
            </p>
            <p>If you are in danger or might act on thoughts of harming yourself, contact one of these now:</p>
            <CrisisResourceList resources={resources} />
          </section>
        )}
        <p>
          <Link href="/crisis">Crisis help</Link>
        </p>
        {back}
      </>
    );
  }
  return (
    <>
      <CrisisHelp resources={resources}>
        <p data-testid="saved-plan-note">
          {held ? (
            <>
              Your safety plan is saved on this device. <Link href="/safety-plan">Open your safety plan</Link> — no
              sign-in needed.
            </>
          ) : (
            "There is no safety plan saved on this device. Signing in is not needed for the numbers above."
          )}
        </p>
      </CrisisHelp>
      {back}
    </>
  );
}
