/**
 * The links emails carry into the signed-out app (`/reset-password?email=…&code=…`,
 * `/invite?email=…&code=…`), read once from the address bar and then taken out of it (and so out
 * of the browser's history), so a code does not linger. Kept apart from the forms, so the start
 * page can read a link without loading the forms that use it.
 */

/** An emailed link's address and code; empty when the form was opened from the sign-in screen. */
export interface EmailedCodeLink {
  email: string;
  code: string;
}
/** What a staff invite's link carries. */
export type InviteLink = EmailedCodeLink;
/** What the reset email's link carries. */
export type ResetLink = EmailedCodeLink;

/** The link's email and code when the app was opened at `path`; null on any other address. */
function takeLink(path: string): EmailedCodeLink | null {
  if (location.pathname.replace(/\/+$/, "") !== path) return null;
  const params = new URLSearchParams(location.search);
  const link = { email: params.get("email") ?? "", code: params.get("code") ?? "" };
  if (location.search) history.replaceState(null, "", path);
  return link;
}

export const takeInviteLink = (): InviteLink | null => takeLink("/invite");
export const takeResetLink = (): ResetLink | null => takeLink("/reset-password");
