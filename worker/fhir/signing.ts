/**
 * Signing of FHIR exports: ES256 (ECDSA P-256, SHA-256) JWS through jose, with the private key
 * from the FHIR_SIGNING_KEY secret (a private EC P-256 JWK as JSON, with a `kid`; rules in
 * shared/config-guard.ts). The signature is a detached compact JWS (RFC 7515 Appendix F): the
 * standard `header.payload.signature` with the payload part left empty, `header..signature`.
 * To verify, put the base64url of the exact response bytes back in the middle and verify with
 * the public key published at GET /api/v1/fhir/jwks.json (matched by `kid`).
 */
import { CompactSign, compactVerify, importJWK, type JWK } from "jose";
import { z } from "zod";
import { parseSigningJwk } from "../../shared/config-guard";
import { ApiError } from "../../shared/errors";

export const FHIR_SIGNING_ALG = "ES256";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half only: kty, crv, x, y, kid, alg, use. */
  publicJwk: JWK;
}

/** The imported key of this isolate, keyed by the secret's text so a rotated secret is picked up. */
let cache: { secret: string; key: Promise<SigningKey> } | undefined;

async function importSigningKey(secret: string): Promise<SigningKey> {
  const parsed = parseSigningJwk(secret);
  if ("problem" in parsed) throw new Error(`FHIR_SIGNING_KEY ${parsed.problem}`);
  const { kty, crv, x, y, d, kid } = parsed.jwk;
  const privateKey = (await importJWK({ kty, crv, x, y, d }, FHIR_SIGNING_ALG)) as CryptoKey;
  const publicJwk: JWK = { kty, crv, x, y, kid, alg: FHIR_SIGNING_ALG, use: "sig" };
  // x and y are published; d signs. A key whose halves do not belong together would publish a
  // key that verifies nothing, so prove the pair once per import.
  const probe = await new CompactSign(new TextEncoder().encode("haven-fhir-key-check"))
    .setProtectedHeader({ alg: FHIR_SIGNING_ALG })
    .sign(privateKey);
  try {
    await compactVerify(probe, await importJWK({ kty, crv, x, y }, FHIR_SIGNING_ALG));
  } catch {
    throw new Error("FHIR_SIGNING_KEY has public coordinates (x, y) that do not match its private key (d)");
  }
  return { kid, privateKey, publicJwk };
}

/**
 * The signing key from env.FHIR_SIGNING_KEY, imported once per isolate. A missing or malformed
 * key is logged (the setting's name and the problem, never its value) and answered with 503
 * SERVICE_MISCONFIGURED: exports cannot be signed, so none are served.
 */
export async function loadSigningKey(env: Pick<Env, "FHIR_SIGNING_KEY">): Promise<SigningKey> {
  const secret = env.FHIR_SIGNING_KEY ?? "";
  if (cache?.secret !== secret) {
    const key = importSigningKey(secret);
    // A failed import is not cached: the next request tries again (and fails the same way).
    key.catch(() => {
      if (cache?.key === key) cache = undefined;
    });
    cache = { secret, key };
  }
  try {
    return await cache.key;
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", event: "fhir_signing_key_unusable", problem: String((err as Error).message) }),
    );
    throw new ApiError("SERVICE_MISCONFIGURED");
  }
}

/**
 * A detached compact JWS over `payload`: `<protected header>..<signature>`, header
 * `{"alg":"ES256","kid":…,"cty":"fhir+json"}`.
 *
 * @example
 * const jws = await signDetached(new TextEncoder().encode(body), await loadSigningKey(env));
 * // verify: compactVerify(jws.replace("..", `.${base64url(body)}.`), createLocalJWKSet(jwks))
 */
export async function signDetached(payload: Uint8Array, key: SigningKey): Promise<string> {
  const compact = await new CompactSign(payload)
    .setProtectedHeader({ alg: FHIR_SIGNING_ALG, kid: key.kid, cty: "fhir+json" })
    .sign(key.privateKey);
  const [header, , signature] = compact.split(".");
  return `${header}..${signature}`;
}

/**
 * The JWK Set (RFC 7517) of the key that signs FHIR exports: one public ES256 key (P-256), its
 * `kid`, `alg` and `use`, and nothing else (never the private `d`).
 */
export const jwkSetSchema = z.strictObject({
  keys: z.array(
    z.strictObject({
      kty: z.literal("EC"),
      crv: z.literal("P-256"),
      x: z.string(),
      y: z.string(),
      kid: z.string(),
      alg: z.literal(FHIR_SIGNING_ALG),
      use: z.literal("sig"),
    }),
  ),
});

/** The JWK Set published at /api/v1/fhir/jwks.json: the public half of the signing key, never `d`. */
export async function publicJwks(env: Pick<Env, "FHIR_SIGNING_KEY">): Promise<{ keys: JWK[] }> {
  const key = await loadSigningKey(env);
  return { keys: [key.publicJwk] };
}
