import { z } from "zod";
import { givenPassword, mfaCode } from "./auth";

/**
 * Deleting my account needs my password again, and with 2FA on the current second factor (a TOTP
 * or a recovery code) too: a stolen access token, or a stolen token plus the password, cannot do it.
 */
export const deleteAccountBody = z.strictObject({ password: givenPassword, code: mfaCode.optional() });
