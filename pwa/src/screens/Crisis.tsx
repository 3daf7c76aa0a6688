import type { ComponentChildren } from "preact";
import { type CrisisResource, crisisResourcesFor } from "../../../shared/domain/risk";
import { CrisisResourceList } from "../ui/CrisisResourceList";
import { Link } from "../ui/Link";
import { AlertCareTeam } from "./AlertCareTeam";
import type { ScreenProps } from "./types";

/**
 * Crisis help as every version of it starts: what to do, and the services to call or text in one
 * tap, emergency last. Nothing here needs the network; `children` follow the list (the SOS, the
 * safety plan).
 */
export function CrisisHelp({
  resources,
  children,
}: {
  resources: readonly CrisisResource[];
  children?: ComponentChildren;
}) {
  return (
    <section class="card crisis" aria-labelledby="crisis-title">
      <h2 id="crisis-title" tabIndex={-1}>
        Help right now
      </h2>
      <p>
        If you might act on thoughts of harming yourself, or you are in danger, contact one of these now. You do not
        have to be sure it is an emergency.
      </p>
      <CrisisResourceList resources={resources} />
      {children}
    </section>
  );
}

/**
 * Crisis help: one tap from every screen, and fully offline (nothing here needs the network).
 * Resources follow the patient's timezone (shared/domain/risk.ts); an unknown place still gets a
 * list. A patient can also alert their care team from here (queued offline); staff cannot.
 */
export default function Crisis({ user, onWrite }: ScreenProps) {
  const resources = crisisResourcesFor(user.timezone);
  return (
    <CrisisHelp resources={resources}>
      {user.role === "patient" ? (
        <AlertCareTeam resources={resources} timeZone={user.timezone} onWrite={onWrite} />
      ) : null}
      <p>
        Your <Link href="/safety-plan">safety plan</Link> is on this device too, with your own warning signs, coping
        steps and people to reach.
      </p>
    </CrisisHelp>
  );
}
