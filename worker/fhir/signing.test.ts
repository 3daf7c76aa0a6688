import { env } from "cloudflare:workers";
import {
  base64url,
  type CompactJWSHeaderParameters,
  compactVerify,
  createLocalJWKSet,
  exportJWK,
  flattenedVerify,
  generateKeyPair,
} from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../shared/errors";
import { loadSigningKey, publicJwks, signDetached } from "./signing";

async function privateJwk(kid = `fhir-${crypto.randomUUID().slice(0, 8)}`): Promise<string> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  return JSON.stringify({ ...(await exportJWK(privateKey)), kid });
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** Puts the payload back into a detached compact JWS (RFC 7515 Appendix F). */
const attach = (jws: string, payload: Uint8Array) => jws.replace("..", `.${base64url.encode(payload)}.`);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("FHIR signing", () => {
  it("publishes one public P-256 key with kid, alg ES256 and use sig, never the private d", async () => {
    const secret = await privateJwk("fhir-2026-01");
    const jwks = await publicJwks({ FHIR_SIGNING_KEY: secret });
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    const { x, y } = JSON.parse(secret) as { x: string; y: string };
    expect(key).toEqual({ kty: "EC", crv: "P-256", x, y, kid: "fhir-2026-01", alg: "ES256", use: "sig" });
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });

  it("signs a detached compact JWS that verifies with only the published JWK Set", async () => {
    const keyEnv = { FHIR_SIGNING_KEY: await privateJwk() };
    const payload = bytes(JSON.stringify({ resourceType: "Bundle", note: "é ✓" }));
    const jws = await signDetached(payload, await loadSigningKey(keyEnv));
    const [header, middle, signature] = jws.split(".");
    expect(middle).toBe("");
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/); // 64-byte r||s

    const jwks = createLocalJWKSet(await publicJwks(keyEnv));
    const verified = await compactVerify(attach(jws, payload), jwks, { algorithms: ["ES256"] });
    expect(verified.payload).toEqual(payload);
    const protectedHeader: CompactJWSHeaderParameters = verified.protectedHeader;
    expect(protectedHeader).toEqual({ alg: "ES256", kid: JSON.parse(keyEnv.FHIR_SIGNING_KEY).kid, cty: "fhir+json" });

    // The same signature as a flattened JWS with a detached payload.
    const flat = await flattenedVerify(
      { protected: header ?? "", signature: signature ?? "", payload: base64url.encode(payload) },
      jwks,
    );
    expect(flat.payload).toEqual(payload);
  });

  it("fails verification when one byte of the payload changes, or against another key", async () => {
    const keyEnv = { FHIR_SIGNING_KEY: await privateJwk() };
    const payload = bytes('{"resourceType":"Bundle","total":12}');
    const jws = await signDetached(payload, await loadSigningKey(keyEnv));
    const tampered = payload.slice();
    tampered[tampered.length - 3] = "3".charCodeAt(0);
    const jwks = createLocalJWKSet(await publicJwks(keyEnv));
    await expect(compactVerify(attach(jws, tampered), jwks)).rejects.toThrow();

    const other = createLocalJWKSet(await publicJwks({ FHIR_SIGNING_KEY: await privateJwk() }));
    await expect(compactVerify(attach(jws, payload), other)).rejects.toThrow();
  });

  it("imports the key once per secret and picks up a rotated secret", async () => {
    const a = { FHIR_SIGNING_KEY: await privateJwk() };
    const b = { FHIR_SIGNING_KEY: await privateJwk() };
    const first = await loadSigningKey(a);
    expect(await loadSigningKey(a)).toBe(first);
    const rotated = await loadSigningKey(b);
    expect(rotated).not.toBe(first);
    expect(rotated.kid).toBe(JSON.parse(b.FHIR_SIGNING_KEY).kid);
  });

  it.each([
    ["missing", ""],
    ["not JSON", "not json"],
    ["a public key", JSON.stringify({ kty: "EC", crv: "P-256", x: "a".repeat(43), y: "b".repeat(43), kid: "k" })],
  ])("answers 503 SERVICE_MISCONFIGURED for a %s key, logging the problem but not the value", async (_name, value) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const err = await loadSigningKey({ FHIR_SIGNING_KEY: value }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("SERVICE_MISCONFIGURED");
    const line = String(logged.mock.calls[0]?.[0]);
    expect(line).toContain("FHIR_SIGNING_KEY");
    if (value) expect(line).not.toContain(value);
  });

  it("refuses a key whose public coordinates belong to another private key", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const mine = JSON.parse(await privateJwk()) as Record<string, string>;
    const theirs = JSON.parse(await privateJwk()) as Record<string, string>;
    const mixed = JSON.stringify({ ...mine, x: theirs.x, y: theirs.y });
    await expect(loadSigningKey({ FHIR_SIGNING_KEY: mixed })).rejects.toMatchObject({ code: "SERVICE_MISCONFIGURED" });
  });

  it("works with the key the test run configures", async () => {
    const key = await loadSigningKey(env);
    expect(key.kid).toMatch(/^test-/);
  });
});
