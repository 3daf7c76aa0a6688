import { randomBytes, scrypt } from "node:crypto";
import { timingSafeEqual } from "../lib/crypto";
import { fromBase64Url, toBase64Url } from "../lib/encoding";

/**
 * scrypt parameters for new hashes: N=2^15, r=8, p=3 meets ASVS 5.0 Appendix C ("p ≥ 3:
 * N ≥ 2^15") and stays under workerd's cap of N·r·p ≤ 2^20, which — unlike the PBKDF2 cap —
 * local workerd enforces too (research/security.md §4.2). Each hash stores its own parameters,
 * so raising these later upgrades users at their next sign-in.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const;
/** workerd refuses scrypt work above this (limit-enforcer.h, DEFAULT_MAX_SCRYPT_COST). */
export const WORKERD_SCRYPT_COST_CAP = 2 ** 20;

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  // 128·r·(N+p+2) bytes must fit under maxmem (Node's rule, mirrored by workerd).
  const maxmem = 128 * params.r * (params.N + params.p + 2) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...params, maxmem }, (err, key) =>
      err ? reject(err) : resolve(new Uint8Array(key)),
    );
  });
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (salt and hash base64url). */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = new Uint8Array(randomBytes(SALT_LENGTH));
  const key = await derive(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, toBase64Url(salt), toBase64Url(key)].join("$");
}

function parse(stored: string): { params: ScryptParams; salt: Uint8Array; key: Uint8Array } | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { params: { N, r, p }, salt: fromBase64Url(parts[4] ?? ""), key: fromBase64Url(parts[5] ?? "") };
}

export interface PasswordCheck {
  ok: boolean;
  /** The hash used weaker parameters than today's: store a fresh one after a good sign-in. */
  needsRehash: boolean;
}

/** Checks a password against a stored hash in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  let parsed: ReturnType<typeof parse>;
  let key: Uint8Array;
  try {
    parsed = parse(stored);
    if (!parsed) return { ok: false, needsRehash: false };
    key = await derive(password, parsed.salt, parsed.params);
  } catch {
    // Bad base64, an N that is not a power of two, parameters over the runtime's cap: a hash
    // we cannot check is a hash that does not match.
    return { ok: false, needsRehash: false };
  }
  const ok = timingSafeEqual(key, parsed.key);
  const { N, r, p } = parsed.params;
  const needsRehash = N < SCRYPT_PARAMS.N || r < SCRYPT_PARAMS.r || p < SCRYPT_PARAMS.p;
  return { ok, needsRehash: ok && needsRehash };
}

/**
 * Spends the same scrypt work on an unknown email as on a known one, so response time does not
 * reveal who has an account. The constant has today's parameters and random salt and key: it is
 * not the hash of any password, so nothing matches it.
 */
const DUMMY_HASH = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$q2mLcU0dJ5bC8x1YtWf3Zg$Jx7vN0bqk6Qm3Wc9yPz1Ld5sHt2Ra8Ue4Gi6Ko0Mn3E`;
export async function burnPasswordCheck(password: string): Promise<void> {
  await verifyPassword(password, DUMMY_HASH);
}
