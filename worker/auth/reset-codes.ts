/**
 * One-time password-reset codes, however they reach the person (an admin hands one over, the
 * "forgot password" email carries one, a staff invite sets the first password): generated from the
 * CSPRNG, shown or sent once, stored only as a hash, compared by hash (worker/db/password-reset.ts).
 */
import { sha256Hex } from "../lib/crypto";

/** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A fresh code: 20 characters of Crockford base 32 (100 bits from the CSPRNG; 256 is a multiple
 * of 32, so every character is uniform), shown as four groups of five.
 */
export function newResetCode(): { code: string; shown: string } {
  const code = [...crypto.getRandomValues(new Uint8Array(20))].map((b) => ALPHABET[b % 32]).join("");
  return { code, shown: code.match(/.{5}/g)?.join("-") ?? code };
}

/** Only this is stored: the code has 100 bits of entropy, so a plain SHA-256 cannot be reversed. */
export const resetCodeHash = (code: string): Promise<string> => sha256Hex(`password-reset:${code}`);
