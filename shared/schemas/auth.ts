import { z } from "zod";
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../limits";
import { passwordLengthOk } from "../password-policy";
import { ROLES } from "../roles";
import { isIanaTimeZone } from "../timezone";
import { isoTime } from "./common";

/** Emails compare case-insensitively: trimmed and lowercased before anything else sees them. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH)
  .pipe(z.email({ message: "Enter a valid email address." }));

export const newPassword = z.string().refine(passwordLengthOk, {
  message: `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
});

/** A password being checked (login, re-entry): bounded so nobody makes us hash a megabyte. */
export const givenPassword = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4);

export const displayName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(DISPLAY_NAME_MAX_LENGTH, `Keep the name to ${DISPLAY_NAME_MAX_LENGTH} characters or fewer.`);

export const timezone = z.string().refine(isIanaTimeZone, {
  message: "Use an IANA time zone such as Europe/London.",
});

export const dayStartHour = z.number().int().min(0).max(23);

export const registerBody = z.strictObject({
  email,
  password: newPassword,
  displayName,
  timezone,
});

export const loginBody = z.strictObject({ email, password: givenPassword });

/** A TOTP code (6 digits) or a recovery code (`xxxxx-xxxxx`, case and dash tolerant). */
export const mfaCode = z
  .string()
  .max(32)
  // Authenticator apps show "123 456" and codes get pasted with spaces: spaces never matter.
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^(?:\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, "Enter the 6-digit code or a recovery code."));

export const verify2faBody = z.strictObject({ mfaToken: z.string().min(1).max(2048), code: mfaCode });
/**
 * Turning 2FA on or off takes fresh authentication (issue 13, item 5): the account's password on
 * every step, and to turn it off also the current second factor. An access token alone is not enough.
 */
export const enroll2faBody = z.strictObject({ password: givenPassword });
export const confirm2faBody = z.strictObject({
  password: givenPassword,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const disable2faBody = z.strictObject({ password: givenPassword, code: mfaCode });

export const changePasswordBody = z.strictObject({
  currentPassword: givenPassword,
  newPassword,
});

/** Consent settings (PRODUCT.md, "Account"): each one given is set, the others stay as they are. */
const consentChange = z
  .strictObject({
    companion: z.boolean().optional(),
    research: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Change at least one consent." });

export const updateProfileBody = z
  .strictObject({
    displayName: displayName.optional(),
    timezone: timezone.optional(),
    dayStartHour: dayStartHour.optional(),
    consent: consentChange.optional(),
    /** The first-run flow is over (finished or skipped): it is not shown again, on any device. */
    onboarded: z.literal(true).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Change at least one field." });

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** The user as every auth answer shows it: never the password hash or the TOTP secrets. */
export const publicUserSchema = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  displayName: z.string(),
  timezone: z.string(),
  dayStartHour: z.number().int(),
  status: z.enum(["active", "disabled"]),
  mfaEnabled: z.boolean(),
  /** Whether the current email address was confirmed (a code sent to it was entered); false again after a change. */
  emailVerified: z.boolean(),
  /** Whether the patient has finished or skipped the first-run flow (false until then, for a new account). */
  onboarded: z.boolean(),
  /** Both off until the patient turns them on: the AI companion, and donating de-identified data for research. */
  consent: z.strictObject({ companion: z.boolean(), research: z.boolean() }),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

/** A session started (register, login, 2FA verify, refresh): the user and a 15-minute access token. */
export const signedInSchema = z.strictObject({ user: publicUserSchema, accessToken: z.string() });
export type SignedIn = z.infer<typeof signedInSchema>;

/** The password was right and the account has 2FA: send a code with this token to /auth/2fa/verify. */
export const mfaChallengeSchema = z.strictObject({ mfaRequired: z.literal(true), mfaToken: z.string() });

/** `POST /auth/login`: signed in, or a second factor to give first. */
export const loginResponse = z.union([signedInSchema, mfaChallengeSchema]);

/** One of my signed-in devices; `current` is the one asking. */
export const sessionViewSchema = z.strictObject({
  id: z.uuid(),
  createdAt: isoTime,
  lastUsedAt: isoTime,
  expiresAt: isoTime,
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** `GET /auth/sessions`: my live sessions, most recently used first. */
export const sessionListResponse = z.strictObject({ items: z.array(sessionViewSchema) });

/** `POST /auth/2fa/enroll`: the pending TOTP secret, and the same as an otpauth:// URI for a QR code. */
export const enroll2faResponse = z.strictObject({ secret: z.string(), otpauthUri: z.string() });

/** `POST /auth/2fa/confirm`: 2FA is on; the recovery codes (shown once) and how many other sessions ended. */
export const confirm2faResponse = z.strictObject({
  enabled: z.literal(true),
  recoveryCodes: z.array(z.string()),
  otherSessionsEnded: z.number().int(),
});

/** `POST /auth/2fa/disable`: 2FA is off, and how many other sessions ended. */
export const disable2faResponse = z.strictObject({ enabled: z.literal(false), otherSessionsEnded: z.number().int() });
