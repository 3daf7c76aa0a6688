import type { FlagInboxItem } from "../../../shared/schemas/staff";
import { api } from "../api/session";
import { bodyOf, useCareData } from "./care-data";

/** The risk inbox's loader, shared by the screen and the navigation's count (one cache key). */
export function loadInbox(): Promise<{ items: FlagInboxItem[] }> {
  return api.staff.flags.$get().then((res) => bodyOf<{ items: FlagInboxItem[] }>(res));
}

/** The navigation's count of unresolved flags across the caseload (high ones said so). */
export function InboxCount() {
  const { data } = useCareData("inbox", loadInbox);
  if (!data || data.items.length === 0) return null;
  const high = data.items.filter((f) => f.level === "high").length;
  return (
    <span class={`count${high > 0 ? " high" : ""}`} data-testid="inbox-count">
      {" "}
      <span aria-hidden="true">{data.items.length}</span>
      <span class="visually-hidden">
        : {data.items.length} open flag{data.items.length === 1 ? "" : "s"}
        {high > 0 ? `, ${high} high` : ""}
      </span>
    </span>
  );
}
