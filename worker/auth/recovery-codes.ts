import { and, eq, isNull } from "drizzle-orm";
import { RECOVERY_CODE_COUNT } from "../../shared/limits";
import type { Database } from "../db/client";
import { recoveryCodes } from "../db/schema";
import { sha256Hex } from "../lib/crypto";

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

/** Only SHA-256 hashes are stored: the codes are random, so a fast hash is enough (no dictionary). */
export async function recoveryCodeRows(userId: string, codes: string[]) {
  return Promise.all(codes.map(async (code) => ({ userId, codeHash: await sha256Hex(normaliseRecoveryCode(code)) })));
}

/**
 * Spends a recovery code if it is one of the user's unused ones. The conditional update makes
 * it single-use even under concurrent attempts.
 */
export async function spendRecoveryCode(db: Database, userId: string, code: string): Promise<boolean> {
  const codeHash = await sha256Hex(normaliseRecoveryCode(code));
  const result = await db
    .update(recoveryCodes)
    .set({ usedAt: Date.now() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .run();
  return result.meta.changes === 1;
}
