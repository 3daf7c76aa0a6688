/**
 * Whether `zone` is an IANA time-zone name the runtime knows ("Europe/London", "UTC").
 * Offset strings such as "+01:00", which newer engines also accept, are refused: a user's
 * local day must follow daylight-saving changes, which only a named zone carries.
 */
export function isIanaTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
