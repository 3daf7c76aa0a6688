/**
 * The texts of the account emails (issue 18): password reset by email, email verification and
 * staff invites. Each function returns an `Email` for `sendEmail` (worker/notify/email.ts). Plain
 * text only; never any health content. `appUrl` is the APP_URL var (the app's public base URL,
 * no trailing slash): when it is empty, an email carries the code alone (no link).
 */
import { PASSWORD_RESET_EMAIL_TTL_MINUTES } from "../../shared/schemas/password-reset-request";
import type { Email } from "./email";

/** The app's base URL from APP_URL, without trailing slashes; "" when unset. */
export function appBaseUrl(appUrl: string | undefined): string {
  return (appUrl ?? "").trim().replace(/\/+$/, "");
}

/** A link into the app with query parameters, or null without APP_URL. */
export function appLink(appUrl: string | undefined, path: string, params: Record<string, string>): string | null {
  const base = appBaseUrl(appUrl);
  if (!base) return null;
  return `${base}${path}?${new URLSearchParams(params).toString()}`;
}

/** The "forgot password" email: the code, the link to the reset form when APP_URL is set. */
export function passwordResetEmail(input: { to: string; code: string; appUrl?: string }): Email {
  const link = appLink(input.appUrl, "/reset-password", { email: input.to, code: input.code });
  const lines = [
    "Someone asked to reset the password of your Haven account.",
    "",
    `Your reset code: ${input.code}`,
    `It works once, for ${PASSWORD_RESET_EMAIL_TTL_MINUTES} minutes.`,
    "",
    ...(link
      ? ["Open this link to choose a new password:", link]
      : ['In Haven, choose "Forgot your password?" on the sign-in screen, then "I have a code".']),
    "",
    "If you didn't ask for this, ignore this email; your password has not changed.",
  ];
  return { to: input.to, subject: "Reset your Haven password", text: lines.join("\n") };
}

/**
 * The staff invite (issue 18, item 4): who invited them, the one-time code, the link to the app's
 * "set your password" page when APP_URL is set, how long it works, and that two-factor sign-in
 * comes next. `role` is "therapist" or "clinician".
 */
export function staffInviteEmail(input: {
  to: string;
  code: string;
  invitedBy: string;
  role: string;
  days: number;
  appUrl?: string;
}): Email {
  const link = appLink(input.appUrl, "/invite", { email: input.to, code: input.code });
  const lines = [
    `${input.invitedBy} has invited you to join Haven as a ${input.role}.`,
    "",
    ...(link ? ["Open this link to set your password:", link, ""] : []),
    `Your invite code: ${input.code}`,
    `It works once, for ${input.days} days.`,
    ...(link
      ? []
      : ['In the Haven app, choose "Invited to Haven? Set your password" on the sign-in screen and enter the code.']),
    "",
    "After you set your password you will sign in and set up two-factor sign-in with an authenticator app: Haven asks every staff member for it.",
    "",
    "If you were not expecting this, ignore this email.",
  ];
  return { to: input.to, subject: "You're invited to Haven", text: lines.join("\n") };
}

/**
 * Email confirmation (issue 18, item 2): the 6-digit code, and the link that confirms it in the
 * app when APP_URL is set (signed in, opening it confirms; signed out, the app asks to sign in
 * first). `minutes`: how long the code works.
 */
export function emailVerificationEmail(input: { to: string; code: string; minutes: number; appUrl?: string }): Email {
  const link = appLink(input.appUrl, "/verify-email", { code: input.code });
  const lines = [
    "Please confirm that this is your email address for Haven.",
    "",
    `Your confirmation code: ${input.code}`,
    `It works for ${input.minutes} minutes.`,
    "",
    ...(link
      ? ["Open this link to confirm it (Haven may ask you to sign in first):", link]
      : ["In Haven, enter the code where it asks you to confirm your email address."]),
    "",
    "If you didn't create a Haven account or change your email address, ignore this email.",
  ];
  return { to: input.to, subject: "Confirm your Haven email address", text: lines.join("\n") };
}

/**
 * Sent to the OLD address when an account's email changes (issue 18, item 2), so a takeover that
 * changed it does not go unnoticed. It names the new address only partly (`n•••@example.org`).
 */
export function emailChangedEmail(input: { to: string; newEmail: string }): Email {
  const lines = [
    `Your Haven email address was changed to ${maskedEmail(input.newEmail)}.`,
    "Emails from Haven, password resets included, now go to that address.",
    "",
    "If this was you, there is nothing more to do.",
    "If it wasn't, someone may know your password: contact your clinic or your Haven admin straight away.",
  ];
  return { to: input.to, subject: "Your Haven email was changed", text: lines.join("\n") };
}

/** `n•••@example.org`: enough for the owner to recognise the address, not enough to hand it on. */
export function maskedEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}
