import { crisisResourcesFor } from "../../../shared/domain/risk";
import { CrisisResourceList } from "../ui/CrisisResourceList";
import { Link } from "../ui/Link";
import type { ScreenProps } from "./types";

/**
 * Crisis help: one tap from every screen, and fully offline (nothing here needs the network).
 * Resources follow the patient's timezone (shared/domain/risk.ts); an unknown place still gets a list.
 */

export default function Crisis({ user }: ScreenProps) {
  const resources = crisisResourcesFor(user.timezone);
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
      <p>
        Your <Link href="/safety-plan">safety plan</Link> is on this device too, with your own warning signs, coping
        steps and people to reach.
      </p>
    </section>
  );
}
