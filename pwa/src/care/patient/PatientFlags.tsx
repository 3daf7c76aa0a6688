import type { FlagView } from "../../../../shared/schemas/staff";
import { api } from "../../api/session";
import { bodyOf, type CareData, useCareData } from "../care-data";
import { DataState } from "../DataState";
import { FlagActions, FlagHistory } from "../FlagActions";
import { FlagLevelBadge } from "../FlagBadges";
import { CATEGORY_NAMES, dateTime, FLAG_SOURCE_NAMES, FLAG_STATUS_NAMES, sinceText } from "../labels";

/** A patient's flags (clinicians only: the API refuses therapists), under the key FlagActions refreshes. */
export function usePatientFlags(patientId: string): CareData<{ items: FlagView[] }> {
  return useCareData(`flags:${patientId}`, () =>
    api.staff.patients[":id"].flags
      .$get({ param: { id: patientId } })
      .then((res) => bodyOf<{ items: FlagView[] }>(res)),
  );
}

function FlagItem({ flag, patientId, live }: { flag: FlagView; patientId: string; live: boolean }) {
  return (
    <li class={`inbox-item ${flag.level}`} data-flag={flag.id} data-status={flag.status}>
      <div class="inbox-head">
        <FlagLevelBadge level={flag.level} />
        <span>{FLAG_SOURCE_NAMES[flag.source]}</span>
        <span class="status">{FLAG_STATUS_NAMES[flag.status]}</span>
      </div>
      <p>
        {flag.category ? `${CATEGORY_NAMES[flag.category]} · ` : ""}raised {dateTime(flag.createdAt)} (
        {sinceText(flag.createdAt).toLowerCase()})
      </p>
      <FlagHistory flag={flag} />
      {live ? <FlagActions flag={flag} patientId={patientId} /> : null}
    </li>
  );
}

/**
 * The patient's unresolved flags, most severe first (the server's triage order), each with its
 * handling and, while the data is live, acknowledge and resolve; resolved ones folded away below.
 */
export function PatientFlags({ patientId, data }: { patientId: string; data: CareData<{ items: FlagView[] }> }) {
  const items = data.data?.items ?? [];
  const open = items.filter((f) => f.status !== "resolved");
  const resolved = items.filter((f) => f.status === "resolved");
  const live = data.source === "live";
  return (
    <section class="card care-section" aria-labelledby="flags-title" data-testid="patient-flags">
      <h3 id="flags-title">Risk flags</h3>
      <DataState data={data} what="this patient's flags" />
      {data.data ? (
        <>
          {open.length === 0 ? (
            <p data-testid="no-open-flags">No open flags.</p>
          ) : (
            <ul class="inbox" aria-label="Open flags">
              {open.map((flag) => (
                <FlagItem key={flag.id} flag={flag} patientId={patientId} live={live} />
              ))}
            </ul>
          )}
          {resolved.length > 0 ? (
            <details class="resolved-flags">
              <summary>
                {resolved.length} resolved flag{resolved.length === 1 ? "" : "s"}
              </summary>
              <ul class="inbox" aria-label="Resolved flags">
                {resolved.map((flag) => (
                  <FlagItem key={flag.id} flag={flag} patientId={patientId} live={false} />
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
