import { z } from "zod";
import { email, givenPassword } from "./auth";

/**
 * Email confirmation (issue 18, item 2). A code is 6 digits: it is typed from a mail app on a
 * phone, often on a numeric keypad, and guessing is bounded elsewhere, not by its length: 5 wrong
 * tries kill a code and 5 codes an hour can be sent (RATE_LIMITS.emailVerificationSendPerUser),
 * so at most 25 guesses an hour, a 1-in-40,000 chance; it lives 30 minutes and is stored only as
 * a keyed hash of the user, the address and the code.
 */
export const EMAIL_VERIFICATION_CODE_DIGITS = 6;
/** A confirmation code is valid this long after it is sent. */
export const EMAIL_VERIFICATION_CODE_TTL_MS = 30 * 60 * 1000;
/** Tries at one code (right or wrong); after this many wrong ones it is dead: send a new one. */
export const EMAIL_VERIFICATION_MAX_ATTEMPTS = 5;

/** The code as a person types or pastes it: spaces and dashes never matter ("123 456"). */
export const verificationCode = z
  .string()
  .max(32)
  .transform((s) => s.replace(/[\s-]+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the email."));

/** `POST /me/email/verify` */
export const verifyEmailBody = z.strictObject({ code: verificationCode });

/** `PATCH /me/email`: the new address, and my password again (a stolen access token cannot do it). */
export const changeEmailBody = z.strictObject({ email, password: givenPassword });
