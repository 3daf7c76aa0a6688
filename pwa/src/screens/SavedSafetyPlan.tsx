import type { CrisisResource } from "../../../shared/domain/risk";
import { planFromView } from "../../../shared/domain/safety-plan-merge";
import type { PublicUser } from "../../../shared/schemas/auth";
import { useEntity } from "../data/entities";
import type { SafetyPlanView } from "../data/types";
import { CrisisResourceList } from "../ui/CrisisResourceList";
import { friendlyDateTime } from "../ui/dates";
import { PlanView, useNameOf } from "./SafetyPlan";
import "./safety-plan.css";

/**
 * The safety plan this device holds, read-only, for when no one is signed in: the session
 * ended (an explicit sign-out deletes it), and a plan for a hard moment must not wait for a
 * password or a connection. Changing it needs signing in.
 */
export default function SavedSafetyPlan({
  owner,
  resources,
}: {
  owner: PublicUser;
  resources: readonly CrisisResource[];
}) {
  const stored = useEntity<SafetyPlanView>("safetyPlan", "me");
  const nameOf = useNameOf(owner.id);
  const plan = planFromView(stored);
  const empty = Object.values(plan.sections).every((items) => items.length === 0);
  return (
    <>
      <section class="card" aria-labelledby="screen-title">
        <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
          Your safety plan
        </h2>
        <p data-testid="saved-plan-owner">
          Saved on this device for {owner.displayName}
          {stored?.updatedAt ? `, last changed ${friendlyDateTime(stored.updatedAt, owner.timezone)}` : ""}. You can
          read it without signing in; sign in to change it.
        </p>
        {empty ? <p>This plan is empty so far.</p> : null}
        <p>If you are in danger or might act on thoughts of harming yourself, contact one of these now:</p>
        <CrisisResourceList resources={resources} />
      </section>
      {empty ? null : <PlanView plan={plan} nameOf={nameOf} timeZone={owner.timezone} />}
    </>
  );
}
