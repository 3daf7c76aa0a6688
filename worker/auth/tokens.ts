import { errors, type JWTPayload, jwtVerify, SignJWT } from "jose";
import { boundedCache } from "../../shared/bounded-cache";
import { ApiError } from "../../shared/errors";
import { ACCESS_TOKEN_TTL_SECONDS, MFA_TOKEN_TTL_SECONDS } from "../../shared/limits";
import type { Role } from "../../shared/roles";

/**
 * Access and MFA-step tokens: HS256 JWTs whose algorithm, issuer, audience and `typ` are all
 * pinned on verification and whose `exp` is required (jose accepts a token without `exp`
 * unless told otherwise). The two kinds use different audiences and types, so one can never be
 * replayed as the other.
 */
export const TOKEN_ISSUER = "haven";
const ALG = "HS256";
const KINDS = {
  access: { typ: "at+jwt", audience: "haven-api", ttl: ACCESS_TOKEN_TTL_SECONDS, claims: ["sid", "role"] },
  // The jti names the token's attempt counter (worker/durable/attempt-counter.ts): locked after
  // MFA_TOKEN_MAX_ATTEMPTS codes, spent by the first correct one.
  mfa: { typ: "mfa+jwt", audience: "haven-mfa", ttl: MFA_TOKEN_TTL_SECONDS, claims: ["jti"] },
} as const;
type Kind = keyof typeof KINDS;

const encoder = new TextEncoder();

// The HMAC key, imported once per secret for the isolate's life: given the secret's bytes, jose
// imports a key on every call (issue 15: 2% of a hot read). A few secrets at most (tests switch them).
const keys = boundedCache<Promise<CryptoKey>>(32);
function keyFor(secret: string): Promise<CryptoKey> {
  return keys(secret, () =>
    crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]),
  );
}

async function sign(kind: Kind, secret: string, subject: string, claims: JWTPayload, nowMs: number): Promise<string> {
  const { typ, audience, ttl } = KINDS[kind];
  const now = Math.floor(nowMs / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, typ })
    .setSubject(subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .setJti(crypto.randomUUID())
    .sign(await keyFor(secret));
}

/** The verified payload, or the jose error (callers map it to their own code). */
async function verify(kind: Kind, secret: string, token: string): Promise<JWTPayload & { sub: string }> {
  const { typ, audience, ttl, claims } = KINDS[kind];
  const { payload } = await jwtVerify(token, await keyFor(secret), {
    algorithms: [ALG],
    issuer: TOKEN_ISSUER,
    audience,
    typ,
    requiredClaims: ["exp", "iat", "sub", ...claims],
    maxTokenAge: ttl,
  });
  if (typeof payload.sub !== "string" || claims.some((name) => typeof payload[name] !== "string")) {
    throw new Error("claim of the wrong type");
  }
  return payload as JWTPayload & { sub: string };
}

export interface AccessClaims {
  userId: string;
  role: Role;
  sessionId: string;
}

export function signAccessToken(secret: string, claims: AccessClaims, nowMs = Date.now()): Promise<string> {
  return sign("access", secret, claims.userId, { role: claims.role, sid: claims.sessionId }, nowMs);
}

/** Verifies an access token; 401 TOKEN_EXPIRED when only its age is wrong, UNAUTHENTICATED otherwise. */
export async function verifyAccessToken(secret: string, token: string): Promise<AccessClaims> {
  try {
    const payload = await verify("access", secret, token);
    return { userId: payload.sub, sessionId: payload.sid as string, role: payload.role as Role };
  } catch (err) {
    throw new ApiError(err instanceof errors.JWTExpired ? "TOKEN_EXPIRED" : "UNAUTHENTICATED");
  }
}

export function signMfaToken(secret: string, userId: string, nowMs = Date.now()): Promise<string> {
  return sign("mfa", secret, userId, {}, nowMs);
}

export interface MfaClaims {
  /** The user the token was issued for. */
  userId: string;
  /** The token's own id (jti): keys its attempt counter. */
  tokenId: string;
}

/**
 * The user an MFA-step token was issued for and the token's id; 401 MFA_TOKEN_INVALID for
 * anything wrong with its signature or claims (whether it is spent or locked is the route's
 * check).
 */
export async function verifyMfaToken(secret: string, token: string): Promise<MfaClaims> {
  try {
    const payload = await verify("mfa", secret, token);
    return { userId: payload.sub, tokenId: payload.jti as string };
  } catch {
    throw new ApiError("MFA_TOKEN_INVALID");
  }
}
