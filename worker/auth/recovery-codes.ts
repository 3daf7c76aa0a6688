import { and, eq, isNull, notLike } from "drizzle-orm";
import { RECOVERY_CODE_COUNT } from "../../shared/limits";
import type { Database } from "../db/client";
import { recoveryCodes } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { toHex } from "../lib/encoding";
import { subkeyMac } from "../lib/subkeys";

/** No 0/o, 1/l/i: codes are read off paper and typed by hand. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

/** Canonical form of a recovery code as typed: lowercase, no dash or spaces. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

/** Fresh recovery codes `xxxxx-xxxxx` (about 49 bits each), shown to the user once. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let chars = "";
    while (chars.length < 10) {
      for (const b of crypto.getRandomValues(new Uint8Array(16))) {
        // Rejection sampling: bytes past the last whole multiple of the alphabet would bias it.
        if (b < UNBIASED_LIMIT && chars.length < 10) chars += ALPHABET[b % ALPHABET.length];
      }
    }
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Stored hashes made by recoveryCodeHash start with this; older rows are a bare SHA-256 (hex). */
const KEYED_PREFIX = "k1:";
/** HMAC over `<user id>:<SHA-256 of the code>`: the inner hash is what older rows stored. */
async function keyedHash(secret: string, userId: string, legacyHash: string): Promise<string> {
  // The recovery-code subkey of the server secret (worker/lib/subkeys.ts), independent of every other use.
  return `${KEYED_PREFIX}${toHex(await subkeyMac(secret, "recovery-code hmac", `${userId}:${legacyHash}`))}`;
}

/**
 * What is stored for a recovery code: a keyed hash (HMAC-SHA-256 under a key derived from the
 * server secret) of the user id and the code, so a copy of the table alone cannot be searched
 * for codes (about 49 bits each), and the same code hashes differently for every user.
 */
export async function recoveryCodeHash(secret: string, userId: string, code: string): Promise<string> {
  return keyedHash(secret, userId, await sha256Hex(normaliseRecoveryCode(code)));
}

export async function recoveryCodeRows(secret: string, userId: string, codes: string[]) {
  return Promise.all(codes.map(async (code) => ({ userId, codeHash: await recoveryCodeHash(secret, userId, code) })));
}

/**
 * Rewrites a user's rows stored by the previous version (a bare, unkeyed SHA-256 of the code)
 * as keyed hashes. The keyed hash is computed over that SHA-256, so no code is needed: a row is
 * upgraded the first time its owner passes a second-factor check, and a used row stays used.
 */
export async function upgradeLegacyRecoveryCodes(db: Database, secret: string, userId: string): Promise<void> {
  const legacy = await db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), notLike(recoveryCodes.codeHash, `${KEYED_PREFIX}%`)))
    .all();
  if (legacy.length === 0) return;
  const upgraded = await Promise.all(legacy.map((row) => keyedHash(secret, userId, row.codeHash)));
  const [first, ...rest] = legacy.map((row, i) =>
    db
      .update(recoveryCodes)
      .set({ codeHash: upgraded[i] ?? "" })
      .where(and(eq(recoveryCodes.id, row.id), eq(recoveryCodes.codeHash, row.codeHash))),
  );
  if (first) await db.batch([first, ...rest]);
}

/**
 * Spends a recovery code if it is one of the user's unused ones. The conditional update makes
 * it single-use even under concurrent attempts.
 */
export async function spendRecoveryCode(db: Database, secret: string, userId: string, code: string): Promise<boolean> {
  const codeHash = await recoveryCodeHash(secret, userId, code);
  const result = await db
    .update(recoveryCodes)
    .set({ usedAt: Date.now() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .run();
  return result.meta.changes === 1;
}
