import { COMMON_PASSWORDS } from "./common-passwords";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./limits";

const common = new Set(COMMON_PASSWORDS);

/**
 * Whether a password is on the shipped list of common passwords, ignoring case and the
 * surrounding whitespace a paste can add. Length is checked by the schema, not here.
 *
 * @example
 * isCommonPassword("QWERTY123456") // true
 */
export function isCommonPassword(password: string): boolean {
  return common.has(password.trim().toLowerCase());
}

/** Length rule in code points, so an emoji counts once (ASVS 6.2.1, 6.2.9). */
export function passwordLengthOk(password: string): boolean {
  const length = [...password].length;
  return length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
}
