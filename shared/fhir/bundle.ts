/**
 * A patient's data as a FHIR R4 Bundle (type "collection"): the Patient, one Observation per
 * self-reported value (mood, sleep quality, sleep hours) and per questionnaire total (PHQ-9,
 * GAD-7), and a Provenance naming who exported it. Pure: no D1, no clock, no randomness — the
 * caller passes the time and the bundle id, and every other resource id is derived from the row
 * it describes (UUID v5), so exporting the same data twice gives the same resource ids.
 *
 * Every reference is a `urn:uuid:` fullUrl inside the same Bundle, so the Bundle stands alone.
 */

/** Base of Haven's own FHIR identifiers (code system, naming systems). */
export const HAVEN_FHIR_BASE = "https://haven.example/fhir";

/**
 * Haven's code system for the self-reported wellbeing scales that have no LOINC code of their
 * own. Codes:
 * - `mood`: self-reported mood today, an integer from 1 (worst) to 10 (best); `valueInteger`.
 * - `sleep-quality`: self-reported quality of last night's sleep, an integer from 0 (worst) to
 *   10 (best); `valueInteger`.
 *
 * Sleep duration uses LOINC 93832-4 instead (hours, UCUM `h`).
 * @example { system: WELLBEING_CODE_SYSTEM, code: "mood" }
 */
export const WELLBEING_CODE_SYSTEM = `${HAVEN_FHIR_BASE}/CodeSystem/wellbeing`;

/** Haven user ids (`users.id`), for agents that are not resources in the Bundle. */
export const USER_ID_SYSTEM = `${HAVEN_FHIR_BASE}/NamingSystem/user-id`;
/** Haven mood check-in ids (`moods.id`): the source row of a mood or sleep Observation. */
export const CHECK_IN_ID_SYSTEM = `${HAVEN_FHIR_BASE}/NamingSystem/check-in-id`;
/** Haven questionnaire ids (`assessments.id`): the source row of a PHQ-9 or GAD-7 Observation. */
export const ASSESSMENT_ID_SYSTEM = `${HAVEN_FHIR_BASE}/NamingSystem/assessment-id`;

export const LOINC_SYSTEM = "http://loinc.org";
export const UCUM_SYSTEM = "http://unitsofmeasure.org";
export const OBSERVATION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
export const PROVENANCE_PARTICIPANT_SYSTEM = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

/**
 * The codes each Observation carries.
 * - `mood` / `sleepQuality`: {@link WELLBEING_CODE_SYSTEM} (documented there), `valueInteger`.
 * - `sleepHours`: LOINC 93832-4 "Sleep duration", `valueQuantity` in hours (UCUM `h`).
 * - `phq9`: LOINC 44261-6, the PHQ-9 total score (0–27), `valueInteger`.
 * - `gad7`: LOINC 70274-6, the GAD-7 total score (0–21), `valueInteger`.
 * @example OBSERVATION_CODES.phq9.code // "44261-6"
 */
export const OBSERVATION_CODES = {
  mood: { system: WELLBEING_CODE_SYSTEM, code: "mood", display: "Self-reported mood (1–10)" },
  sleepQuality: { system: WELLBEING_CODE_SYSTEM, code: "sleep-quality", display: "Self-reported sleep quality (0–10)" },
  sleepHours: { system: LOINC_SYSTEM, code: "93832-4", display: "Sleep duration" },
  phq9: {
    system: LOINC_SYSTEM,
    code: "44261-6",
    display: "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
  },
  gad7: {
    system: LOINC_SYSTEM,
    code: "70274-6",
    display: "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
  },
} as const satisfies Record<string, Coding>;

// ---------------------------------------------------------------------------------------------
// Minimal R4 types: only the elements Haven writes.
// ---------------------------------------------------------------------------------------------

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system: string;
  value: string;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Quantity {
  value: number;
  unit: string;
  system: string;
  code: string;
}

export interface FhirPatient {
  resourceType: "Patient";
  id: string;
  identifier: Identifier[];
  active: boolean;
  name: { text: string }[];
  telecom?: { system: "email"; value: string; use: "home" }[];
}

export interface FhirObservation {
  resourceType: "Observation";
  id: string;
  identifier: Identifier[];
  status: "final";
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  effectiveDateTime: string;
  valueInteger?: number;
  valueQuantity?: Quantity;
}

export interface FhirProvenanceAgent {
  type: CodeableConcept;
  role?: CodeableConcept[];
  who: Reference;
}

export interface FhirProvenance {
  resourceType: "Provenance";
  id: string;
  target: Reference[];
  recorded: string;
  activity: CodeableConcept;
  agent: FhirProvenanceAgent[];
}

export type FhirResource = FhirPatient | FhirObservation | FhirProvenance;

export interface FhirBundleEntry {
  fullUrl: string;
  resource: FhirResource;
}

export interface FhirBundle {
  resourceType: "Bundle";
  id: string;
  identifier: Identifier;
  type: "collection";
  timestamp: string;
  entry: FhirBundleEntry[];
}

export interface PatientBundleInput {
  /** `id` is the user's UUID; it becomes the Patient's id and `urn:uuid:` fullUrl. */
  patient: { id: string; displayName: string; email?: string };
  moods: { id: string; at: number; mood: number; sleepQuality: number; sleepHours: number | null }[];
  assessments: { id: string; instrument: "PHQ-9" | "GAD-7"; score: number; at: number }[];
  /** When the export was made (ms since the epoch): Bundle.timestamp and Provenance.recorded. */
  generatedAt: number;
  /** The staff member who exported it, or null when the patient exports their own data. */
  author: { id: string; role: string } | null;
  /** A fresh UUID per export. */
  bundleId: string;
}

// ---------------------------------------------------------------------------------------------
// Deterministic resource ids: UUID v5 (RFC 9562 §5.5, SHA-1) of "<kind>/<source id>" in Haven's
// namespace. Pure TypeScript because shared/ has no Web Crypto (and hashing here is not security).
// ---------------------------------------------------------------------------------------------

/** Haven's UUID v5 namespace for FHIR resource ids: uuidV5("https://haven.example/fhir", the RFC URL namespace). */
export const HAVEN_FHIR_NAMESPACE = "0e069219-0561-5d1a-901f-2045ffd92eb5";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

function sha1(message: number[]): Uint8Array {
  const length = Math.ceil((message.length + 9) / 64) * 64;
  const buf = new Uint8Array(length);
  buf.set(message);
  buf[message.length] = 0x80;
  const view = new DataView(buf.buffer);
  const bits = message.length * 8;
  view.setUint32(length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(length - 4, bits >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let block = 0; block < length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 80; i++) {
      w[i] = rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1);
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + (w[i] ?? 0)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = t;
    }
    h[0] = ((h[0] ?? 0) + a) >>> 0;
    h[1] = ((h[1] ?? 0) + b) >>> 0;
    h[2] = ((h[2] ?? 0) + c) >>> 0;
    h[3] = ((h[3] ?? 0) + d) >>> 0;
    h[4] = ((h[4] ?? 0) + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  h.forEach((word, i) => {
    outView.setUint32(i * 4, word);
  });
  return out;
}

/**
 * A name-based UUID (version 5, SHA-1) as RFC 9562 defines it.
 * @example uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8") // "2ed6657d-e927-568b-95e1-2665a8aea6a2"
 */
export function uuidV5(name: string, namespace: string): string {
  if (!UUID.test(namespace)) throw new Error("namespace must be a UUID");
  const ns = namespace
    .replaceAll("-", "")
    .match(/../g)
    ?.map((byte) => Number.parseInt(byte, 16)) as number[];
  const hash = sha1([...ns, ...utf8(name)]).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...hash].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `kind` resource made from source row `sourceId`: stable across exports. */
function resourceId(kind: string, sourceId: string): string {
  return uuidV5(`${kind}/${sourceId}`, HAVEN_FHIR_NAMESPACE);
}

// ---------------------------------------------------------------------------------------------
// The builder.
// ---------------------------------------------------------------------------------------------

const urn = (id: string) => `urn:uuid:${id}`;
const iso = (ms: number) => new Date(ms).toISOString();
const SURVEY: CodeableConcept[] = [
  { coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: "survey", display: "Survey" }] },
];
const byTime = <T extends { at: number; id: string }>(a: T, b: T) =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function observation(
  id: string,
  source: Identifier,
  code: Coding,
  patientId: string,
  at: number,
  value: Pick<FhirObservation, "valueInteger" | "valueQuantity">,
): FhirObservation {
  return {
    resourceType: "Observation",
    id,
    identifier: [source],
    status: "final",
    category: SURVEY,
    code: { coding: [code], text: code.display },
    subject: { reference: urn(patientId), type: "Patient" },
    effectiveDateTime: iso(at),
    ...value,
  };
}

/**
 * The patient's export as a FHIR R4 collection Bundle: Patient first, then the check-in
 * Observations (oldest first), then the questionnaire totals (oldest first), then the Provenance
 * that targets every other entry. Serialise it once and sign those bytes (worker/fhir/signing.ts).
 *
 * @example
 * buildPatientBundle({ patient: { id, displayName: "Sam" }, moods: [], assessments: [],
 *   generatedAt: Date.now(), author: null, bundleId: crypto.randomUUID() }).entry.length // 2
 */
export function buildPatientBundle(input: PatientBundleInput): FhirBundle {
  const { patient } = input;
  const patientResource: FhirPatient = {
    resourceType: "Patient",
    id: patient.id,
    identifier: [{ system: USER_ID_SYSTEM, value: patient.id }],
    active: true,
    name: [{ text: patient.displayName }],
    ...(patient.email ? { telecom: [{ system: "email" as const, value: patient.email, use: "home" as const }] } : {}),
  };

  const observations: FhirObservation[] = [];
  for (const m of [...input.moods].sort(byTime)) {
    const source = { system: CHECK_IN_ID_SYSTEM, value: m.id };
    observations.push(
      observation(resourceId("mood", m.id), source, OBSERVATION_CODES.mood, patient.id, m.at, {
        valueInteger: m.mood,
      }),
      observation(resourceId("sleep-quality", m.id), source, OBSERVATION_CODES.sleepQuality, patient.id, m.at, {
        valueInteger: m.sleepQuality,
      }),
    );
    if (m.sleepHours !== null) {
      observations.push(
        observation(resourceId("sleep-hours", m.id), source, OBSERVATION_CODES.sleepHours, patient.id, m.at, {
          valueQuantity: { value: m.sleepHours, unit: "h", system: UCUM_SYSTEM, code: "h" },
        }),
      );
    }
  }
  for (const a of [...input.assessments].sort(byTime)) {
    const code = a.instrument === "PHQ-9" ? OBSERVATION_CODES.phq9 : OBSERVATION_CODES.gad7;
    observations.push(
      observation(
        resourceId(a.instrument, a.id),
        { system: ASSESSMENT_ID_SYSTEM, value: a.id },
        code,
        patient.id,
        a.at,
        { valueInteger: a.score },
      ),
    );
  }

  const targets = [patientResource, ...observations];
  const participant = (code: "author" | "performer", display: string): CodeableConcept => ({
    coding: [{ system: PROVENANCE_PARTICIPANT_SYSTEM, code, display }],
  });
  const patientRef: Reference = { reference: urn(patient.id), type: "Patient" };
  const provenance: FhirProvenance = {
    resourceType: "Provenance",
    id: resourceId("provenance", input.bundleId),
    target: targets.map((r) => ({ reference: urn(r.id) })),
    recorded: iso(input.generatedAt),
    activity: { text: "export" },
    agent: [
      // The patient reported every value in the Bundle.
      { type: participant("author", "Author"), who: patientRef },
      // Who asked for this export: a staff member (not a resource here: identified by user id) or the patient.
      input.author
        ? {
            type: participant("performer", "Performer"),
            role: [{ text: input.author.role }],
            who: { type: "Practitioner", identifier: { system: USER_ID_SYSTEM, value: input.author.id } },
          }
        : { type: participant("performer", "Performer"), role: [{ text: "patient" }], who: patientRef },
    ],
  };

  return {
    resourceType: "Bundle",
    id: input.bundleId,
    identifier: { system: "urn:ietf:rfc:3986", value: urn(input.bundleId) },
    type: "collection",
    timestamp: iso(input.generatedAt),
    entry: [...targets, provenance].map((resource) => ({ fullUrl: urn(resource.id), resource })),
  };
}
