import { errors, jwtVerify, SignJWT } from "jose";
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
  access: { typ: "at+jwt", audience: "haven-api", ttl: ACCESS_TOKEN_TTL_SECONDS },
  mfa: { typ: "mfa+jwt", audience: "haven-mfa", ttl: MFA_TOKEN_TTL_SECONDS },
} as const;

const encoder = new TextEncoder();

export interface AccessClaims {
  userId: string;
  role: Role;
  sessionId: string;
}

export async function signAccessToken(secret: string, claims: AccessClaims, nowMs = Date.now()): Promise<string> {
  const kind = KINDS.access;
  return new SignJWT({ role: claims.role, sid: claims.sessionId })
    .setProtectedHeader({ alg: ALG, typ: kind.typ })
    .setSubject(claims.userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(kind.audience)
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(nowMs / 1000) + kind.ttl)
    .setJti(crypto.randomUUID())
    .sign(encoder.encode(secret));
}

/** Verifies an access token; 401 TOKEN_EXPIRED when only its age is wrong, UNAUTHENTICATED otherwise. */
export async function verifyAccessToken(secret: string, token: string): Promise<AccessClaims> {
  const kind = KINDS.access;
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: [ALG],
      issuer: TOKEN_ISSUER,
      audience: kind.audience,
      typ: kind.typ,
      requiredClaims: ["exp", "iat", "sub", "sid", "role"],
      maxTokenAge: kind.ttl,
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string" || typeof payload.role !== "string") {
      throw new ApiError("UNAUTHENTICATED");
    }
    return { userId: payload.sub, sessionId: payload.sid, role: payload.role as Role };
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new ApiError("TOKEN_EXPIRED");
    throw new ApiError("UNAUTHENTICATED");
  }
}

export async function signMfaToken(secret: string, userId: string, nowMs = Date.now()): Promise<string> {
  const kind = KINDS.mfa;
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG, typ: kind.typ })
    .setSubject(userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(kind.audience)
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(nowMs / 1000) + kind.ttl)
    .sign(encoder.encode(secret));
}

/** The user id an MFA-step token was issued for; 401 MFA_TOKEN_INVALID for anything wrong with it. */
export async function verifyMfaToken(secret: string, token: string): Promise<string> {
  const kind = KINDS.mfa;
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: [ALG],
      issuer: TOKEN_ISSUER,
      audience: kind.audience,
      typ: kind.typ,
      requiredClaims: ["exp", "sub"],
      maxTokenAge: kind.ttl,
    });
    if (typeof payload.sub !== "string") throw new ApiError("MFA_TOKEN_INVALID");
    return payload.sub;
  } catch {
    throw new ApiError("MFA_TOKEN_INVALID");
  }
}
