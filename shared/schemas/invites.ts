/**
 * Staff onboarding by invitation (issue 18, item 4): an admin invites a therapist or clinician by
 * email (POST /admin/invites); the invite's one-time code sets their first password, signed out
 * (POST /auth/invite/accept); at their first sign-in they set up two-factor sign-in.
 */
import { z } from "zod";
import { adminUserViewSchema, oneTimeCode } from "./admin";
import { displayName, email, newPassword, timezone } from "./auth";
import { isoTime } from "./common";

/** How long an invite's code stays valid. */
export const INVITE_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** The same, in days, as the invite email and the admin screen say it. */
export const INVITE_CODE_TTL_DAYS = 7;

/** `POST /admin/invites`: who to invite (staff who see patients; admins are created with a password). */
export const inviteBody = z.strictObject({
  email,
  displayName,
  role: z.enum(["therapist", "clinician"]),
  timezone: timezone.optional(),
});
export type InviteBody = z.infer<typeof inviteBody>;

/**
 * `POST /admin/invites` (201) and `POST /admin/invites/:id/resend` (200): the invited account,
 * until when the invite works, and what became of its email. The code goes only by email; only
 * when email is not configured (`emailed: "not-configured"`) is it answered here, this once, for
 * the admin to hand over in person.
 */
export const inviteResponse = z.strictObject({
  user: adminUserViewSchema,
  inviteExpiresAt: isoTime,
  emailed: z.enum(["sent", "not-configured", "failed"]),
  code: z.string().optional(),
});
export type InviteResult = z.infer<typeof inviteResponse>;

/** `POST /auth/invite/accept`: the invited address, the code from the invite, and a first password (the registration policy). */
export const acceptInviteBody = z.strictObject({
  email,
  code: oneTimeCode("Enter the 20-character code from your invite email."),
  password: newPassword,
});
