import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { jwkSetSchema, publicJwks } from "../fhir/signing";
import { json, operation } from "../lib/openapi";

/**
 * /api/v1/fhir: public, no sign-in. `GET /jwks.json` is the JWK Set (RFC 7517) of the key that
 * signs FHIR exports: one public ES256 key with its `kid`, `alg` and `use`, never the private
 * part. The exports themselves are served by the staff and `me` routes through `fhirResponse`
 * (worker/fhir/patient-bundle.ts), signature in the `X-Haven-Signature` header.
 */
export const fhirRoutes = new Hono<AppEnv>().get(
  "/jwks.json",
  operation({
    summary: "The public key (JWK Set) that verifies the signature of FHIR exports",
    responses: { 200: json(jwkSetSchema, "The JWK Set: one public ES256 key", "application/jwk-set+json") },
  }),
  async (c) => c.json(await publicJwks(c.env), 200, { "Content-Type": "application/jwk-set+json" }),
);
