/** A message's time in the patient's own timezone (the one Haven counts their days in). */
export function formatTime(iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  try {
    return new Date(iso).toLocaleString(undefined, { ...options, timeZone });
  } catch {
    // An unknown zone name on this device: its own zone is better than nothing.
    return new Date(iso).toLocaleString(undefined, options);
  }
}
