import { useEffect } from "preact/hooks";
import type { FlagInboxItem } from "../../../shared/schemas/staff";
import { api } from "../api/session";
import { bodyOf, invalidate, useCareData } from "./care-data";

/** The risk inbox's loader, shared by the screen and the navigation's count (one cache key). */
export function loadInbox(): Promise<{ items: FlagInboxItem[] }> {
  return api.staff.flags.$get().then((res) => bodyOf<{ items: FlagInboxItem[] }>(res));
}

/** How often the navigation's count asks again while the care app is open (issue 17: live within 30 s). */
export const INBOX_COUNT_REFRESH_MS = 30_000;

/**
 * The navigation's count of unresolved flags across the caseload (high ones said so): fetched
 * every 30 s, and at once when the service worker says a push arrived (a new flag's alert).
 */
export function InboxCount() {
  const { data } = useCareData("inbox", loadInbox, { refreshMs: INBOX_COUNT_REFRESH_MS });
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const type: unknown = (event.data as { type?: unknown } | null)?.type;
      if (type === "haven:push") invalidate("inbox");
    };
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => navigator.serviceWorker?.removeEventListener("message", onMessage);
  }, []);
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
