import { createHash, randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildPatientBundle,
  type FhirObservation,
  type FhirPatient,
  type FhirProvenance,
  HAVEN_FHIR_NAMESPACE,
  LOINC_SYSTEM,
  OBSERVATION_CODES,
  type PatientBundleInput,
  UCUM_SYSTEM,
  uuidV5,
  WELLBEING_CODE_SYSTEM,
} from "./bundle";

const PATIENT_ID = "5b0f3c1e-8a2d-4f6b-9c7e-1d2a3b4c5d6e";
const T0 = Date.UTC(2026, 0, 10, 8, 30);
const HOUR = 3_600_000;

function input(overrides: Partial<PatientBundleInput> = {}): PatientBundleInput {
  return {
    patient: { id: PATIENT_ID, displayName: "Sam Patient", email: "sam@example.org" },
    moods: [
      { id: "11111111-1111-4111-8111-111111111111", at: T0 + 24 * HOUR, mood: 3, sleepQuality: 4, sleepHours: null },
      { id: "22222222-2222-4222-8222-222222222222", at: T0, mood: 7, sleepQuality: 6, sleepHours: 7.5 },
    ],
    assessments: [
      { id: "33333333-3333-4333-8333-333333333333", instrument: "PHQ-9", score: 12, at: T0 + HOUR },
      { id: "44444444-4444-4444-8444-444444444444", instrument: "GAD-7", score: 5, at: T0 + 2 * HOUR },
    ],
    generatedAt: T0 + 48 * HOUR,
    author: { id: "66666666-6666-4666-8666-666666666666", role: "clinician" },
    bundleId: "77777777-7777-4777-8777-777777777777",
    ...overrides,
  };
}

const observations = (b: ReturnType<typeof buildPatientBundle>) =>
  b.entry.map((e) => e.resource).filter((r): r is FhirObservation => r.resourceType === "Observation");
const provenanceOf = (b: ReturnType<typeof buildPatientBundle>) =>
  b.entry.map((e) => e.resource).find((r): r is FhirProvenance => r.resourceType === "Provenance");
const codeOf = (o: FhirObservation) => o.code.coding?.[0];

describe("uuidV5", () => {
  it("matches the RFC 9562 / Python uuid5 vector for www.example.com in the DNS namespace", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("agrees with a SHA-1 reference for any name, including non-ASCII and multi-block names", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (name) => {
        const ns = Buffer.from(HAVEN_FHIR_NAMESPACE.replaceAll("-", ""), "hex");
        const hash = createHash("sha1")
          .update(Buffer.concat([ns, Buffer.from(name, "utf8")]))
          .digest();
        hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
        hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
        const hex = hash.subarray(0, 16).toString("hex");
        const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
        expect(uuidV5(name, HAVEN_FHIR_NAMESPACE)).toBe(expected);
      }),
    );
  });

  it("refuses a namespace that is not a UUID", () => {
    expect(() => uuidV5("x", "not-a-uuid")).toThrow(/UUID/);
  });
});

describe("buildPatientBundle", () => {
  it("is an R4 collection Bundle with the given id and timestamp, every fullUrl a urn:uuid of its resource id", () => {
    const b = buildPatientBundle(input());
    expect(b).toMatchObject({
      resourceType: "Bundle",
      id: input().bundleId,
      type: "collection",
      timestamp: new Date(T0 + 48 * HOUR).toISOString(),
      identifier: { system: "urn:ietf:rfc:3986", value: `urn:uuid:${input().bundleId}` },
    });
    for (const e of b.entry) {
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
      expect(e.resource.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(new Set(b.entry.map((e) => e.fullUrl)).size).toBe(b.entry.length);
  });

  it("has one Patient (first), mood + sleep quality per check-in, sleep hours when given, each total, one Provenance (last)", () => {
    const b = buildPatientBundle(input());
    // 1 Patient + (2 + 1) + (2 + 0) check-in Observations + 2 totals + 1 Provenance
    expect(b.entry).toHaveLength(9);
    expect(b.entry[0]?.resource.resourceType).toBe("Patient");
    expect(b.entry.at(-1)?.resource.resourceType).toBe("Provenance");
    expect(observations(b)).toHaveLength(7);
    const counts = new Map<string, number>();
    for (const o of observations(b)) counts.set(codeOf(o)?.code ?? "", (counts.get(codeOf(o)?.code ?? "") ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      mood: 2,
      "sleep-quality": 2,
      "93832-4": 1,
      "44261-6": 1,
      "70274-6": 1,
    });
  });

  it("describes the Patient by id, name and email (email left out when not given)", () => {
    const patient = buildPatientBundle(input()).entry[0]?.resource as FhirPatient;
    expect(patient).toMatchObject({
      id: PATIENT_ID,
      name: [{ text: "Sam Patient" }],
      telecom: [{ system: "email", value: "sam@example.org" }],
    });
    const noEmail = buildPatientBundle(input({ patient: { id: PATIENT_ID, displayName: "Sam" } })).entry[0]
      ?.resource as FhirPatient;
    expect(noEmail.telecom).toBeUndefined();
  });

  it("codes mood and sleep quality in Haven's code system as integers, sleep hours as LOINC 93832-4 in UCUM hours", () => {
    const obs = observations(buildPatientBundle(input()));
    const first = obs.filter((o) => o.identifier[0]?.value === "22222222-2222-4222-8222-222222222222");
    expect(first.map((o) => [codeOf(o)?.system, codeOf(o)?.code])).toEqual([
      [WELLBEING_CODE_SYSTEM, "mood"],
      [WELLBEING_CODE_SYSTEM, "sleep-quality"],
      [LOINC_SYSTEM, "93832-4"],
    ]);
    expect(first[0]?.valueInteger).toBe(7);
    expect(first[1]?.valueInteger).toBe(6);
    expect(first[2]?.valueQuantity).toEqual({ value: 7.5, unit: "h", system: UCUM_SYSTEM, code: "h" });
    expect(first[2]?.valueInteger).toBeUndefined();
    expect(WELLBEING_CODE_SYSTEM).toBe("https://haven.example/fhir/CodeSystem/wellbeing");
  });

  it("codes PHQ-9 and GAD-7 totals with their LOINC codes, as integers in the survey category", () => {
    const obs = observations(buildPatientBundle(input()));
    const phq = obs.find((o) => codeOf(o)?.code === "44261-6");
    const gad = obs.find((o) => codeOf(o)?.code === "70274-6");
    expect(codeOf(phq as FhirObservation)).toEqual(OBSERVATION_CODES.phq9);
    expect(phq?.code.coding?.[0]?.system).toBe(LOINC_SYSTEM);
    expect(phq?.valueInteger).toBe(12);
    expect(gad?.code.coding?.[0]?.system).toBe(LOINC_SYSTEM);
    expect(gad?.valueInteger).toBe(5);
    for (const o of [phq, gad]) {
      expect(o?.category[0]?.coding?.[0]).toMatchObject({
        system: "http://terminology.hl7.org/CodeSystem/observation-category",
        code: "survey",
      });
    }
  });

  it("gives every Observation status final, a code, the patient as subject, an ISO effectiveDateTime and one value", () => {
    const b = buildPatientBundle(input());
    for (const o of observations(b)) {
      expect(o.status).toBe("final");
      expect(o.code.coding?.length).toBe(1);
      expect(o.subject.reference).toBe(`urn:uuid:${PATIENT_ID}`);
      expect(o.effectiveDateTime).toBe(new Date(Date.parse(o.effectiveDateTime)).toISOString());
      expect([o.valueInteger, o.valueQuantity].filter((v) => v !== undefined)).toHaveLength(1);
    }
    const times = observations(b)
      .filter((o) => codeOf(o)?.code === "mood")
      .map((o) => o.effectiveDateTime);
    expect(times).toEqual([new Date(T0).toISOString(), new Date(T0 + 24 * HOUR).toISOString()]);
  });

  it("resolves every reference (subjects, Provenance targets and agents) to an entry of the Bundle", () => {
    const b = buildPatientBundle(input());
    const fullUrls = new Set(b.entry.map((e) => e.fullUrl));
    const json = JSON.stringify(b);
    const references = [...json.matchAll(/"reference":"([^"]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(7);
    for (const ref of references) expect(fullUrls.has(ref ?? "")).toBe(true);
  });

  it("has a Provenance that targets every other entry, recorded at generatedAt, activity export", () => {
    const b = buildPatientBundle(input());
    const provenance = provenanceOf(b);
    expect(provenance?.recorded).toBe(new Date(T0 + 48 * HOUR).toISOString());
    expect(provenance?.activity.text).toBe("export");
    expect(provenance?.target.map((t) => t.reference)).toEqual(b.entry.slice(0, -1).map((e) => e.fullUrl));
  });

  it("names the staff member as the performer of a staff export and the patient as author", () => {
    const agents = provenanceOf(buildPatientBundle(input()))?.agent ?? [];
    const performer = agents.find((a) => a.type.coding?.[0]?.code === "performer");
    const author = agents.find((a) => a.type.coding?.[0]?.code === "author");
    expect(performer?.who).toMatchObject({
      type: "Practitioner",
      identifier: { value: "66666666-6666-4666-8666-666666666666" },
    });
    expect(performer?.role?.[0]?.text).toBe("clinician");
    expect(author?.who.reference).toBe(`urn:uuid:${PATIENT_ID}`);
  });

  it("names the patient as the performer of their own export", () => {
    const agents = provenanceOf(buildPatientBundle(input({ author: null })))?.agent ?? [];
    expect(agents.map((a) => a.who.reference)).toEqual([`urn:uuid:${PATIENT_ID}`, `urn:uuid:${PATIENT_ID}`]);
  });

  it("gives a patient with no data a Patient and a Provenance only", () => {
    const b = buildPatientBundle(input({ moods: [], assessments: [] }));
    expect(b.entry.map((e) => e.resource.resourceType)).toEqual(["Patient", "Provenance"]);
    expect(provenanceOf(b)?.target).toEqual([{ reference: `urn:uuid:${PATIENT_ID}` }]);
  });

  it("is deterministic: same input, same bytes; a new bundle id changes only the Bundle and Provenance ids", () => {
    expect(JSON.stringify(buildPatientBundle(input()))).toBe(JSON.stringify(buildPatientBundle(input())));
    const a = buildPatientBundle(input());
    const b = buildPatientBundle(input({ bundleId: randomUUID() }));
    expect(observations(a).map((o) => o.id)).toEqual(observations(b).map((o) => o.id));
    expect(provenanceOf(a)?.id).not.toBe(provenanceOf(b)?.id);
  });

  it("for any check-ins and totals: counts add up, ids are unique, no Observation lacks its subject", () => {
    const mood = fc.record({
      id: fc.uuid(),
      at: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      mood: fc.integer({ min: 1, max: 10 }),
      sleepQuality: fc.integer({ min: 0, max: 10 }),
      sleepHours: fc.option(fc.double({ min: 0, max: 24, noNaN: true }), { nil: null }),
    });
    const assessment = fc.record({
      id: fc.uuid(),
      instrument: fc.constantFrom("PHQ-9" as const, "GAD-7" as const),
      score: fc.integer({ min: 0, max: 27 }),
      at: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(mood, { selector: (m) => m.id, maxLength: 20 }),
        fc.uniqueArray(assessment, { selector: (a) => a.id, maxLength: 8 }),
        (moods, assessments) => {
          const b = buildPatientBundle(input({ moods, assessments }));
          const withHours = moods.filter((m) => m.sleepHours !== null).length;
          expect(observations(b)).toHaveLength(2 * moods.length + withHours + assessments.length);
          expect(new Set(b.entry.map((e) => e.fullUrl)).size).toBe(b.entry.length);
          for (const o of observations(b)) expect(o.subject.reference).toBe(`urn:uuid:${PATIENT_ID}`);
          expect(provenanceOf(b)?.target).toHaveLength(b.entry.length - 1);
        },
      ),
      { numRuns: 50 },
    );
  });
});
