/**
 * The configuration rules a non-development deployment must meet. The Worker checks them on
 * every request outside development (and refuses to serve with 503 SERVICE_MISCONFIGURED), and
 * `npm run predeploy:check` checks them before a deploy: one rule set, two callers.
 */

export const ENVIRONMENTS = ["development", "staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The local-only secret shipped in .dev.vars.example; refused everywhere but development. */
export const DEV_JWT_SECRET = "dev-only-insecure-jwt-secret-change-me-0000000000";

/** 32 bytes of key material for HS256 (RFC 7518 §3.2 wants at least the hash size). */
export const JWT_SECRET_MIN_LENGTH = 32;

/**
 * Keys generated for local development (`npm start` writes one into .dev.vars) carry a kid with
 * this prefix; outside development a signing key whose kid starts with it is refused.
 */
export const DEV_SIGNING_KID_PREFIX = "dev-";

export interface DeploymentConfig {
  ENVIRONMENT?: string;
  JWT_SECRET?: string;
  CORS_ORIGINS?: string;
  /** The FHIR export signing key: a private EC P-256 JWK as JSON, with a `kid`. */
  FHIR_SIGNING_KEY?: string;
  /** The Web Push (VAPID, RFC 8292) application server key: a private EC P-256 JWK as JSON, with a `kid`. */
  VAPID_PRIVATE_KEY?: string;
  /** Who push services may contact about this sender: a mailto: or https: URL (RFC 8292 §2.1). */
  VAPID_SUBJECT?: string;
  /** "" (no email), "resend" or "postmark" (worker/notify/email.ts). */
  EMAIL_PROVIDER?: string;
  EMAIL_FROM?: string;
  EMAIL_API_KEY?: string;
}

/** The email providers Haven can send through (worker/notify/email.ts). */
export const EMAIL_PROVIDERS = ["resend", "postmark"] as const;

export interface ConfigProblem {
  key: keyof DeploymentConfig;
  problem: string;
}

const WEAK_MARKERS = ["changeme", "change-me", "insecure", "password", "secret", "example", "default"];

/** Splits CORS_ORIGINS ("https://a.example, https://b.example") into trimmed entries. */
export function parseOrigins(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
}

function secretProblem(secret: string | undefined): string | null {
  if (!secret) return "is missing";
  if (secret === DEV_JWT_SECRET) return "is the local development default";
  if (secret.length < JWT_SECRET_MIN_LENGTH) return `is shorter than ${JWT_SECRET_MIN_LENGTH} characters`;
  const lower = secret.toLowerCase();
  if (WEAK_MARKERS.some((m) => lower.includes(m))) return "looks like a placeholder, not a random secret";
  if (new Set(secret).size < 12) return "has too few distinct characters to be random";
  return null;
}

/** A private EC P-256 JSON Web Key (RFC 7517/7518), as FHIR_SIGNING_KEY holds it. */
export interface SigningJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  d: string;
  kid: string;
  alg?: "ES256";
}

/** A P-256 coordinate or private scalar: 32 bytes, base64url without padding. */
const P256_PART = /^[A-Za-z0-9_-]{43}$/;

/**
 * Parses FHIR_SIGNING_KEY: a private EC P-256 JWK as JSON with a non-empty `kid` (and, if it
 * names one, `alg` ES256). The problem never quotes the value.
 *
 * @example
 * parseSigningJwk('{"kty":"RSA"}') // { problem: "must be an EC P-256 key (kty EC, crv P-256)" }
 */
export function parseSigningJwk(value: string | undefined): { jwk: SigningJwk } | { problem: string } {
  if (!value?.trim()) return { problem: "is missing" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { problem: "is not JSON (a private EC P-256 JWK is expected)" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { problem: "is not a JSON object (a private EC P-256 JWK is expected)" };
  }
  const jwk = parsed as Record<string, unknown>;
  const part = (name: string) => typeof jwk[name] === "string" && P256_PART.test(jwk[name]);
  if (jwk.kty !== "EC" || jwk.crv !== "P-256") return { problem: "must be an EC P-256 key (kty EC, crv P-256)" };
  if (!part("x") || !part("y")) return { problem: "has no valid public coordinates (x, y)" };
  if (!part("d")) return { problem: "is not a private key (no valid d)" };
  if (typeof jwk.kid !== "string" || jwk.kid.trim() === "") return { problem: "has no kid" };
  if (jwk.alg !== undefined && jwk.alg !== "ES256") return { problem: "names an alg other than ES256" };
  return {
    jwk: {
      kty: "EC",
      crv: "P-256",
      x: jwk.x as string,
      y: jwk.y as string,
      d: jwk.d as string,
      kid: jwk.kid,
      ...(jwk.alg ? { alg: "ES256" as const } : {}),
    },
  };
}

function signingKeyProblem(value: string | undefined): string | null {
  const parsed = parseSigningJwk(value);
  if ("problem" in parsed) return parsed.problem;
  if (parsed.jwk.kid.startsWith(DEV_SIGNING_KID_PREFIX)) {
    return `is a local development key (its kid starts with ${DEV_SIGNING_KID_PREFIX})`;
  }
  return null;
}

function originProblem(origin: string): string | null {
  if (origin.includes("*")) return "contains a wildcard";
  // A bare origin: scheme, lowercase host, optional port; no path, query or trailing slash.
  const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  const match = new RegExp(`^([a-z][a-z0-9+.-]*)://${label}(?:\\.${label})*(?::(\\d{1,5}))?$`).exec(origin);
  if (!match || Number(match[2] ?? "443") > 65535) return `has an entry that is not a bare origin: ${origin}`;
  if (match[1] !== "https") return `has a non-https origin: ${origin}`;
  return null;
}

/**
 * Problems that make a configuration unsafe to serve. Development is exempt: it runs on
 * 127.0.0.1 with the shipped defaults. An unknown ENVIRONMENT is itself a problem, so a typo
 * cannot switch the guards off.
 *
 * @example
 * checkDeploymentConfig({ ENVIRONMENT: "production", JWT_SECRET: "short" })
 * // [{ key: "JWT_SECRET", problem: "is shorter than 32 characters" },
 * //  { key: "FHIR_SIGNING_KEY", problem: "is missing" }]
 */
export function checkDeploymentConfig(config: DeploymentConfig): ConfigProblem[] {
  const env = config.ENVIRONMENT;
  if (!ENVIRONMENTS.includes(env as Environment)) {
    return [{ key: "ENVIRONMENT", problem: `must be one of ${ENVIRONMENTS.join(", ")}` }];
  }
  if (env === "development") return [];
  const problems: ConfigProblem[] = [];
  const secret = secretProblem(config.JWT_SECRET);
  if (secret) problems.push({ key: "JWT_SECRET", problem: secret });
  const signingKey = signingKeyProblem(config.FHIR_SIGNING_KEY);
  if (signingKey) problems.push({ key: "FHIR_SIGNING_KEY", problem: signingKey });
  for (const origin of parseOrigins(config.CORS_ORIGINS)) {
    const problem = originProblem(origin);
    if (problem) problems.push({ key: "CORS_ORIGINS", problem });
  }
  const vapidKey = signingKeyProblem(config.VAPID_PRIVATE_KEY);
  if (vapidKey) problems.push({ key: "VAPID_PRIVATE_KEY", problem: vapidKey });
  const subject = config.VAPID_SUBJECT ?? "";
  if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(subject)) {
    problems.push({ key: "VAPID_SUBJECT", problem: "must be a mailto: address or an https: URL" });
  } else if (/\.invalid(?:[/:?#]|$)/i.test(subject)) {
    problems.push({
      key: "VAPID_SUBJECT",
      problem: "is the shipped placeholder (a .invalid address): set a real contact",
    });
  }
  const provider = config.EMAIL_PROVIDER ?? "";
  if (provider !== "") {
    if (!(EMAIL_PROVIDERS as readonly string[]).includes(provider)) {
      problems.push({ key: "EMAIL_PROVIDER", problem: `must be empty or one of ${EMAIL_PROVIDERS.join(", ")}` });
    } else {
      if (!config.EMAIL_API_KEY)
        problems.push({ key: "EMAIL_API_KEY", problem: `is missing (EMAIL_PROVIDER is ${provider})` });
      if (!/^[^@\s<>]+@[^@\s<>]+$/.test(config.EMAIL_FROM ?? "")) {
        problems.push({ key: "EMAIL_FROM", problem: "must be a plain email address" });
      }
    }
  }
  return problems;
}
