import { describe, expect, it } from "vitest";
import {
  CRISIS_RESOURCES,
  crisisResourcesFor,
  crisisResourcesForDevice,
  MOOD_RISK_THRESHOLD,
  moodRaisesFlag,
} from "./risk";

const contacts = (list: readonly { contact: string }[]) => list.map((resource) => resource.contact);

describe("moodRaisesFlag", () => {
  it("raises a flag for a mood of 3 or less and not for 4 or more", () => {
    expect(MOOD_RISK_THRESHOLD).toBe(3);
    for (const mood of [1, 2, 3]) expect(moodRaisesFlag(mood), String(mood)).toBe(true);
    for (const mood of [4, 5, 10]) expect(moodRaisesFlag(mood), String(mood)).toBe(false);
  });

  it("errs towards a flag for an out-of-range low mood, and none for a non-number", () => {
    expect(moodRaisesFlag(0)).toBe(true);
    expect(moodRaisesFlag(-1)).toBe(true);
    expect(moodRaisesFlag(Number.NaN)).toBe(false);
  });
});

describe("CRISIS_RESOURCES", () => {
  it("lists Samaritans 116 123, NHS 111 and 999 for the UK", () => {
    expect(contacts(CRISIS_RESOURCES.GB)).toEqual(["116 123", "111", "999"]);
    expect(CRISIS_RESOURCES.GB[0]?.name).toBe("Samaritans");
  });

  it("lists 988 to call and to text, and 911, for the US", () => {
    expect(CRISIS_RESOURCES.US.map(({ contact, kind }) => [contact, kind])).toEqual([
      ["988", "phone"],
      ["988", "text"],
      ["911", "emergency"],
    ]);
  });

  it("lists Samaritans 116 123 and 112 for Ireland", () => {
    expect(contacts(CRISIS_RESOURCES.IE)).toEqual(["116 123", "112"]);
  });

  it("ends every list with the emergency number", () => {
    for (const list of Object.values(CRISIS_RESOURCES)) expect(list.at(-1)?.kind).toBe("emergency");
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(CRISIS_RESOURCES)).toBe(true);
    expect(Object.isFrozen(CRISIS_RESOURCES.GB)).toBe(true);
    expect(Object.isFrozen(CRISIS_RESOURCES.GB[0])).toBe(true);
  });
});

describe("crisisResourcesFor", () => {
  it.each(["Europe/London", "en-GB", "en_GB", "cy-GB", "en-UK", "Europe/Belfast", "GB"])(
    "gives UK resources for %s",
    (v) => {
      expect(crisisResourcesFor(v)).toBe(CRISIS_RESOURCES.GB);
    },
  );

  it.each(["Europe/Dublin", "en-IE", "ga-IE", "Eire"])("gives Irish resources for %s", (value) => {
    expect(crisisResourcesFor(value)).toBe(CRISIS_RESOURCES.IE);
  });

  it.each([
    "America/New_York",
    "America/Los_Angeles",
    "America/Anchorage",
    "US/Eastern",
    "Pacific/Honolulu",
    "en-US",
    "es-US",
    "en-Latn-US",
  ])("gives US resources for %s", (value) => {
    expect(crisisResourcesFor(value)).toBe(CRISIS_RESOURCES.US);
  });

  it("ignores case and surrounding whitespace", () => {
    expect(crisisResourcesFor("  europe/dublin ")).toBe(CRISIS_RESOURCES.IE);
    expect(crisisResourcesFor("EN-us")).toBe(CRISIS_RESOURCES.US);
  });

  it.each([
    "",
    "   ",
    "Asia/Tokyo",
    "Europe/Paris",
    "UTC",
    "en",
    "fr-FR",
    "de-DE",
    "nonsense",
    "toString",
    "__proto__",
  ])("falls back to the UK list rather than nothing for %j", (value) => {
    expect(crisisResourcesFor(value)).toBe(CRISIS_RESOURCES.GB);
  });

  it("falls back to the UK list when handed something that is not a string at run time", () => {
    expect(crisisResourcesFor(undefined as unknown as string)).toBe(CRISIS_RESOURCES.GB);
  });

  it("never returns an empty list", () => {
    for (const value of ["Europe/London", "Europe/Dublin", "America/Chicago", "Asia/Tokyo", ""]) {
      expect(crisisResourcesFor(value).length).toBeGreaterThan(0);
    }
  });
});

describe("crisisResourcesForDevice", () => {
  it("goes by the time zone first: where the person is decides what an emergency number reaches", () => {
    expect(crisisResourcesForDevice("America/Chicago", ["en-GB"])).toBe(CRISIS_RESOURCES.US);
    expect(crisisResourcesForDevice("Europe/Dublin", ["en-US"])).toBe(CRISIS_RESOURCES.IE);
    expect(crisisResourcesForDevice("Europe/London", ["en-US"])).toBe(CRISIS_RESOURCES.GB);
  });

  it("falls back to the first preferred language that names one of our regions", () => {
    expect(crisisResourcesForDevice("Asia/Tokyo", ["ja", "ga-IE", "en-US"])).toBe(CRISIS_RESOURCES.IE);
    expect(crisisResourcesForDevice("UTC", ["en-US"])).toBe(CRISIS_RESOURCES.US);
  });

  it("gives the UK list rather than nothing when neither says where", () => {
    expect(crisisResourcesForDevice("", [])).toBe(CRISIS_RESOURCES.GB);
    expect(crisisResourcesForDevice("Asia/Tokyo", ["ja-JP", "fr"])).toBe(CRISIS_RESOURCES.GB);
  });
});
