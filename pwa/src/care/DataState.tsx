import { ageOf, type CareData } from "./care-data";

/**
 * Says where the data on screen came from: loading, the copy saved on this device (with its age,
 * when the service cannot be reached), or why the service refused.
 */
export function DataState({ data, what }: { data: CareData<unknown>; what: string }) {
  if (data.source === "loading") return <p role="status">Loading {what}…</p>;
  if (data.source === "saved" && data.fetchedAt !== null)
    return (
      <p class="saved-copy" role="status" data-testid="saved-copy">
        Showing {what} saved on this device {ageOf(data.fetchedAt)} (
        {new Date(data.fetchedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}). It will
        update when Haven can be reached.
      </p>
    );
  if (data.source === "none" && data.errorCode === null)
    return (
      <p class="saved-copy" role="status" data-testid="saved-copy">
        Haven cannot be reached, and this device has no saved copy of {what} yet.{" "}
        <button type="button" class="secondary" onClick={data.reload}>
          Try again
        </button>
      </p>
    );
  if (data.source === "none")
    return (
      <p role="alert" data-testid="data-error">
        {data.error}
      </p>
    );
  return null;
}
