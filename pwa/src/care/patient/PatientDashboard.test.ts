import { describe, expect, it } from "vitest";
import { sectionsFor } from "./PatientDashboard";

describe("the patient dashboard's sections", () => {
  it("gives therapists only what their API access reads: quests to assign and messages", () => {
    expect(sectionsFor("therapist")).toEqual(["quests", "messages"]);
  });

  it("gives clinicians the whole record", () => {
    expect(sectionsFor("clinician")).toEqual([
      "overview",
      "timeline",
      "quests",
      "messages",
      "safetyPlan",
      "notes",
      "fhir",
    ]);
  });

  it("gives admins and patients nothing", () => {
    expect(sectionsFor("admin")).toEqual([]);
    expect(sectionsFor("patient")).toEqual([]);
  });
});
