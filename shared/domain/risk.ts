/**
 * Risk rules that raise a flag for the patient's care team, and the crisis resources shown to the patient
 * at once, offline too. Safety errs on the side of showing help: an unknown locale still gets a list.
 */

/**
 * A mood check-in at or below this raises a flag (the seed escalated `mood <= 3`).
 * @example moodRaisesFlag(MOOD_RISK_THRESHOLD) // true
 */
export const MOOD_RISK_THRESHOLD = 3;

/**
 * What raised a risk flag (shared/domain/risk-flags.ts has the levels, categories and statuses).
 * @example const source: RiskSource = "low_mood";
 */
export type { FlagSource as RiskSource } from "./risk-flags";

/**
 * Whether a mood check-in raises a flag: a mood of 3 or less. Out-of-range moods are the schema's
 * concern; anything at or below 3 still flags, because a missed flag costs more than an extra one.
 * @example moodRaisesFlag(3) // true
 * @example moodRaisesFlag(4) // false
 */
export function moodRaisesFlag(mood: number): boolean {
  return mood <= MOOD_RISK_THRESHOLD;
}

/**
 * A service to contact in a crisis. `contact` is what to dial or text.
 * @example const line: CrisisResource = { name: "Samaritans", contact: "116 123", kind: "phone" };
 */
export interface CrisisResource {
  name: string;
  contact: string;
  kind: "phone" | "text" | "emergency";
}

type CrisisRegion = "GB" | "US" | "IE";

const resources = (list: CrisisResource[]): readonly CrisisResource[] =>
  Object.freeze(list.map((resource) => Object.freeze(resource)));

/**
 * Crisis resources by country, most specific first and emergency services last.
 * @example CRISIS_RESOURCES.US[0].contact // "988"
 */
export const CRISIS_RESOURCES: Readonly<Record<CrisisRegion, readonly CrisisResource[]>> = Object.freeze({
  GB: resources([
    { name: "Samaritans", contact: "116 123", kind: "phone" },
    { name: "NHS 111", contact: "111", kind: "phone" },
    { name: "Emergency services", contact: "999", kind: "emergency" },
  ]),
  US: resources([
    { name: "988 Suicide & Crisis Lifeline", contact: "988", kind: "phone" },
    { name: "988 Suicide & Crisis Lifeline (text)", contact: "988", kind: "text" },
    { name: "Emergency services", contact: "911", kind: "emergency" },
  ]),
  IE: resources([
    { name: "Samaritans", contact: "116 123", kind: "phone" },
    { name: "Emergency services", contact: "112", kind: "emergency" },
  ]),
});

/** IANA zones (and their legacy links) that name one of our regions; matched case-insensitively. */
const ZONES: Readonly<Record<string, CrisisRegion>> = {
  "europe/london": "GB",
  "europe/belfast": "GB",
  gb: "GB",
  "gb-eire": "GB",
  "europe/dublin": "IE",
  eire: "IE",
  "pacific/honolulu": "US",
};

/** Region subtags of a BCP 47 tag ("en-GB", "ga-IE", "es-US"); "UK" is not a region code but people write it. */
const REGIONS: Readonly<Record<string, CrisisRegion>> = { gb: "GB", uk: "GB", ie: "IE", us: "US" };

function regionOf(value: string): CrisisRegion | undefined {
  if (typeof value !== "string") return undefined;
  const key = value.trim().toLowerCase();
  if (Object.hasOwn(ZONES, key)) return ZONES[key];
  if (key.startsWith("america/") || key.startsWith("us/")) return "US";
  if (key.includes("/")) return undefined;
  // A locale: language, then optional script (4 letters), then a 2-letter region; "_" as some systems write.
  const region = key.split(/[-_]/).find((part, i) => i > 0 && /^[a-z]{2}$/.test(part));
  return region !== undefined && Object.hasOwn(REGIONS, region) ? REGIONS[region] : undefined;
}

/**
 * Crisis resources for a user's IANA time zone or BCP 47 locale: Europe/London or en-GB → GB,
 * Europe/Dublin or en-IE → IE, America/* or en-US → US. Anything else, including an empty or unknown
 * value, gets the GB list rather than nothing.
 * @example crisisResourcesFor("Europe/Dublin") // CRISIS_RESOURCES.IE
 * @example crisisResourcesFor("en-US") // CRISIS_RESOURCES.US
 * @example crisisResourcesFor("Asia/Tokyo") // CRISIS_RESOURCES.GB
 */
export function crisisResourcesFor(timeZoneOrLocale: string): readonly CrisisResource[] {
  return CRISIS_RESOURCES[regionOf(timeZoneOrLocale) ?? "GB"];
}

/**
 * Crisis resources for someone not signed in, from the device alone: its time zone first (where
 * the person is, which decides what an emergency number reaches), then each preferred language's
 * region ("en-IE"), then the GB list rather than nothing.
 * @example crisisResourcesForDevice("America/Chicago", ["en-GB"]) // CRISIS_RESOURCES.US
 * @example crisisResourcesForDevice("Asia/Tokyo", ["ga-IE", "en"]) // CRISIS_RESOURCES.IE
 * @example crisisResourcesForDevice("", []) // CRISIS_RESOURCES.GB
 */
export function crisisResourcesForDevice(timeZone: string, languages: readonly string[]): readonly CrisisResource[] {
  const region = [timeZone, ...languages].map(regionOf).find((r) => r !== undefined);
  return CRISIS_RESOURCES[region ?? "GB"];
}
