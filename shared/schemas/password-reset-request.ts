/**
 * "Forgot password" (POST /auth/password-reset/request): a signed-out person asks for a reset code
 * by email. The answer is the same whether or not an account uses the address; the emailed code is
 * redeemed like an admin's (POST /auth/password-reset/redeem, shared/schemas/admin.ts).
 */
import { z } from "zod";
import { PASSWORD_RESET_EMAIL_TTL_MS } from "../limits";
import { email } from "./auth";

export const requestPasswordResetBody = z.strictObject({ email });
export type RequestPasswordResetBody = z.infer<typeof requestPasswordResetBody>;

/** Minutes an emailed code works, as the answer and the email say. */
export const PASSWORD_RESET_EMAIL_TTL_MINUTES = PASSWORD_RESET_EMAIL_TTL_MS / 60_000;

/** The one answer (202), whoever asked: it never says whether the account exists. */
export const PASSWORD_RESET_REQUESTED_MESSAGE = `If an account uses that address, we've sent it a reset code. It works for ${PASSWORD_RESET_EMAIL_TTL_MINUTES} minutes.`;

export const passwordResetRequestedResponse = z.strictObject({
  message: z.literal(PASSWORD_RESET_REQUESTED_MESSAGE),
  expiresInMinutes: z.literal(PASSWORD_RESET_EMAIL_TTL_MINUTES),
});
export type PasswordResetRequested = z.infer<typeof passwordResetRequestedResponse>;
