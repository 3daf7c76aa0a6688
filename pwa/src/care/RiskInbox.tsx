import type { FlagInboxItem } from "../../../shared/schemas/staff";
import { Link } from "../ui/Link";
import { useCareData } from "./care-data";
import { DataState } from "./DataState";
import { FlagActions, FlagHistory } from "./FlagActions";
import { FlagLevelBadge } from "./FlagBadges";
import { loadInbox } from "./InboxCount";
import { CATEGORY_NAMES, dateTime, FLAG_SOURCE_NAMES, FLAG_STATUS_NAMES, sinceText } from "./labels";
import type { CareScreenProps } from "./screens";

/**
 * The risk inbox: every unresolved flag across the caseload, most severe first, then open before
 * acknowledged, newest first (the server's triage order, shared/domain/risk-flags.ts). Clinicians
 * acknowledge and resolve here; therapists see the same list and who is handling each.
 */
export default function RiskInbox({ user }: CareScreenProps) {
  const data = useCareData("inbox", loadInbox);
  const items = data.data?.items ?? [];
  const clinician = user.role === "clinician";
  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Risk inbox
      </h2>
      <DataState data={data} what="the risk inbox" />
      {data.data ? (
        items.length === 0 ? (
          <p data-testid="inbox-empty">No open flags across your caseload.</p>
        ) : (
          <>
            <p class="muted">
              {items.length} unresolved flag{items.length === 1 ? "" : "s"}, most severe first.
              {clinician ? "" : " Clinicians acknowledge and resolve flags."}
            </p>
            <ul class="inbox" data-testid="inbox">
              {items.map((flag: FlagInboxItem) => (
                <li key={flag.id} class={`inbox-item ${flag.level}`} data-flag={flag.id} data-status={flag.status}>
                  <div class="inbox-head">
                    <FlagLevelBadge level={flag.level} />
                    <Link href={`/patients/${flag.patient.id}`}>{flag.patient.displayName}</Link>
                    <span class="status">{FLAG_STATUS_NAMES[flag.status]}</span>
                  </div>
                  <p>
                    {FLAG_SOURCE_NAMES[flag.source]}
                    {flag.category ? ` · ${CATEGORY_NAMES[flag.category]}` : ""} · raised {dateTime(flag.createdAt)} (
                    {sinceText(flag.createdAt).toLowerCase()})
                  </p>
                  <FlagHistory flag={flag} />
                  {clinician && data.source === "live" ? <FlagActions flag={flag} patientId={flag.patient.id} /> : null}
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
    </>
  );
}
