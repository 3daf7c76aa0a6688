/**
 * The signed FHIR export. The staff and `me` routes mount `fhirResponse`; here it is mounted on
 * a small app of its own (with the request id and IP hash the audit needs) next to the public
 * JWK Set, and every signature is checked with nothing but that published JWK Set.
 */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { base64url, compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FhirBundle, FhirObservation, FhirProvenance } from "../../shared/fhir/bundle";
import type { AppEnv } from "../../worker/app-env";
import { FHIR_SIGNATURE_HEADER, fhirResponse } from "../../worker/fhir/patient-bundle";
import { handleError } from "../../worker/lib/errors";
import { fhirRoutes } from "../../worker/routes/fhir";
import { call, errorOf, register } from "./helpers";

const STAFF = { id: "7d0c4a52-9b3e-4f1a-8c6d-2e5f7a9b1c3d", role: "clinician" };

const testApp = new Hono<AppEnv>()
  .use(async (c, next) => {
    c.set("requestId", crypto.randomUUID());
    c.set("ipHash", "test");
    await next();
  })
  .route("/api/v1/fhir", fhirRoutes)
  .get("/staff-export/:id", (c) => fhirResponse(c, c.req.param("id"), STAFF))
  .get("/own-export/:id", (c) => fhirResponse(c, c.req.param("id"), null));
testApp.onError(handleError);

const request = (path: string, bindings: Partial<Env> = {}) =>
  Promise.resolve(testApp.request(`http://localhost${path}`, {}, { ...env, ...bindings }));

async function publishedKeys(): Promise<JSONWebKeySet> {
  const res = await request("/api/v1/fhir/jwks.json");
  expect(res.status).toBe(200);
  return (await res.json()) as JSONWebKeySet;
}

/** Verifies a response's detached signature over its exact body bytes with only the published JWK Set. */
async function verify(body: Uint8Array, signature: string) {
  const jwks = createLocalJWKSet(await publishedKeys());
  return compactVerify(signature.replace("..", `.${base64url.encode(body)}.`), jwks, { algorithms: ["ES256"] });
}

/** A registered patient with two check-ins (one with sleep hours) and one PHQ-9. */
async function patientWithData() {
  const r = await register();
  for (const body of [
    { mood: 7, sleepQuality: 6, sleepHours: 7.5 },
    { mood: 4, sleepQuality: 3 },
  ]) {
    const res = await call("/api/v1/moods", { token: r.accessToken, body });
    expect(res.status).toBe(201);
  }
  const phq = await call("/api/v1/assessments", {
    token: r.accessToken,
    body: { instrument: "PHQ-9", answers: [1, 2, 1, 1, 0, 1, 2, 1, 0] },
  });
  expect(phq.status).toBe(201);
  return r;
}

const observations = (b: FhirBundle) =>
  b.entry.map((e) => e.resource).filter((r): r is FhirObservation => r.resourceType === "Observation");
const byCode = (b: FhirBundle, code: string) => observations(b).filter((o) => o.code.coding?.[0]?.code === code);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("GET /api/v1/fhir/jwks.json", () => {
  it("publishes exactly one public ES256 key with a kid, and no private part", async () => {
    const res = await request("/api/v1/fhir/jwks.json");
    expect(res.headers.get("Content-Type")).toMatch(/json/);
    const text = await res.text();
    const jwks = JSON.parse(text) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(key?.kid).toBe((JSON.parse(env.FHIR_SIGNING_KEY) as { kid: string }).kid);
    expect(key).not.toHaveProperty("d");
    expect(text).not.toContain((JSON.parse(env.FHIR_SIGNING_KEY) as { d: string }).d);
  });
});

describe("fhirResponse: the signed FHIR export", () => {
  it("answers a Bundle of the patient's data that verifies against only the published JWK Set", async () => {
    const r = await patientWithData();
    const res = await request(`/staff-export/${r.user.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/fhir+json");
    const signature = res.headers.get(FHIR_SIGNATURE_HEADER) ?? "";
    expect(signature).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
    const body = new Uint8Array(await res.arrayBuffer());

    const verified = await verify(body, signature);
    expect(verified.protectedHeader).toMatchObject({ alg: "ES256", kid: (await publishedKeys()).keys[0]?.kid });
    expect(verified.payload).toEqual(body);

    const bundle = JSON.parse(new TextDecoder().decode(body)) as FhirBundle;
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
    expect(bundle.entry[0]?.resource).toMatchObject({ resourceType: "Patient", id: r.user.id });
    expect(byCode(bundle, "mood").map((o) => o.valueInteger)).toEqual([7, 4]);
    expect(byCode(bundle, "sleep-quality").map((o) => o.valueInteger)).toEqual([6, 3]);
    expect(byCode(bundle, "93832-4").map((o) => o.valueQuantity?.value)).toEqual([7.5]);
    expect(byCode(bundle, "44261-6").map((o) => [o.code.coding?.[0]?.system, o.valueInteger])).toEqual([
      ["http://loinc.org", 9],
    ]);
    expect(byCode(bundle, "70274-6")).toEqual([]);
    for (const o of observations(bundle)) {
      expect(o).toMatchObject({ status: "final", subject: { reference: `urn:uuid:${r.user.id}` } });
      expect(Date.parse(o.effectiveDateTime)).not.toBeNaN();
    }
    const provenance = bundle.entry.at(-1)?.resource as FhirProvenance;
    expect(provenance.resourceType).toBe("Provenance");
    expect(provenance.target).toHaveLength(bundle.entry.length - 1);
    expect(provenance.agent.find((a) => a.type.coding?.[0]?.code === "performer")?.who.identifier?.value).toBe(
      STAFF.id,
    );
  });

  it("fails verification when one byte of the body is changed", async () => {
    const r = await patientWithData();
    const res = await request(`/staff-export/${r.user.id}`);
    const signature = res.headers.get(FHIR_SIGNATURE_HEADER) ?? "";
    const body = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(body);
    const at = text.indexOf('"valueInteger":9') + '"valueInteger":'.length;
    expect(at).toBeGreaterThan(20);
    const tampered = body.slice();
    tampered[at] = "8".charCodeAt(0);
    await expect(verify(tampered, signature)).rejects.toThrow();
    await expect(verify(body, signature)).resolves.toBeDefined();
  });

  it("holds only that patient's data, not another patient's", async () => {
    const mine = await patientWithData();
    const other = await register();
    await call("/api/v1/moods", { token: other.accessToken, body: { mood: 10, sleepQuality: 10 } });
    const res = await request(`/own-export/${mine.user.id}`);
    const text = await res.text();
    expect(text).not.toContain(other.user.id);
    const bundle = JSON.parse(text) as FhirBundle;
    expect(byCode(bundle, "mood").map((o) => o.valueInteger)).toEqual([7, 4]);
  });

  it("names the patient as performer of their own export and audits fhir.export with no content", async () => {
    const r = await patientWithData();
    const res = await request(`/own-export/${r.user.id}`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as FhirBundle;
    const provenance = bundle.entry.at(-1)?.resource as FhirProvenance;
    expect(provenance.agent.map((a) => a.who.reference)).toEqual([`urn:uuid:${r.user.id}`, `urn:uuid:${r.user.id}`]);

    await request(`/staff-export/${r.user.id}`);
    const rows = await env.DB.prepare(
      "SELECT user_id, role, target, outcome, error_code FROM audit_events WHERE action = 'fhir.export' AND target = ? ORDER BY id",
    )
      .bind(r.user.id)
      .all();
    expect(rows.results).toEqual([
      { user_id: r.user.id, role: "patient", target: r.user.id, outcome: "success", error_code: null },
      { user_id: STAFF.id, role: "clinician", target: r.user.id, outcome: "success", error_code: null },
    ]);
  });

  it("answers 404 for an id that is not a patient", async () => {
    const res = await request(`/staff-export/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("NOT_FOUND");
  });

  it("answers 503 SERVICE_MISCONFIGURED, without reading any data, when the signing key is unusable", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await register();
    const res = await request(`/staff-export/${r.user.id}`, { FHIR_SIGNING_KEY: "" });
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe("SERVICE_MISCONFIGURED");
    expect((await request("/api/v1/fhir/jwks.json", { FHIR_SIGNING_KEY: "{}" })).status).toBe(503);
  });
});

describe("the FHIR routes as mounted", () => {
  it("give an assigned clinician the patient's signed Bundle, and the patient their own", async () => {
    const { assign, createUserAndLogin, patientWithHabit } = await import("./helpers");
    const patient = await patientWithHabit();
    const clinician = await createUserAndLogin("clinician");
    await assign(clinician.user.id, patient.user.id);
    await call("/api/v1/moods", { token: patient.accessToken, body: { mood: 7, sleepQuality: 6, sleepHours: 7.5 } });
    for (const [path, token] of [
      [`/api/v1/staff/patients/${patient.user.id}/fhir`, clinician.accessToken],
      ["/api/v1/me/export/fhir", patient.accessToken],
    ] as const) {
      const res = await call(path, { token });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type")).toContain("application/fhir+json");
      const body = new Uint8Array(await res.arrayBuffer());
      const { payload } = await verify(body, res.headers.get("X-Haven-Signature") ?? "");
      const bundle = JSON.parse(new TextDecoder().decode(payload)) as { resourceType: string; entry: unknown[] };
      expect(bundle.resourceType).toBe("Bundle");
      expect(bundle.entry.length).toBeGreaterThanOrEqual(4);
    }
  });
});
