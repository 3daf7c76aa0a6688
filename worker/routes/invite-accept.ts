import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { isCommonPassword } from "../../shared/password-policy";
import { acceptInviteBody } from "../../shared/schemas/invites";
import type { AppEnv } from "../app-env";
import { hashPassword } from "../auth/password";
import { resetCodeHash } from "../auth/reset-codes";
import { database } from "../db/client";
import { acceptInvite, liveInvite } from "../db/invites";
import { findUserByEmail } from "../db/users";
import { audit, auditStatementIf, emailAuditHash } from "../lib/audit";
import { clientIp } from "../lib/client-ip";
import { noBody, operation } from "../lib/openapi";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody } from "../lib/validate";

/**
 * POST /api/v1/auth/invite/accept: no sign-in. The invited address, the code from the invite
 * email and a first password (the registration policy). Every refusal — an unknown email, a
 * wrong, expired, replaced or used code, an account that is not (or no longer) invited, a
 * disabled one, a password-reset code in place of an invite's — is the same 401
 * INVITE_CODE_INVALID (the audit log keeps which); limited like sign-in (per address and per
 * account, counted atomically). Accepting sets the password, marks the address verified (the
 * code reached it) and spends the code, in one transaction; then the person signs in, and a
 * staff account without two-factor sign-in sets it up before anything else (MFA_ENROLMENT_REQUIRED).
 */
export const inviteAccept = new Hono<AppEnv>().post(
  "/accept",
  operation({
    summary: "Accept a staff invite: set the first password with the code from the invite email",
    responses: { 204: noBody("The password is set; sign in with it (two-factor set-up comes next)") },
  }),
  jsonBody(acceptInviteBody),
  async (c) => {
    const { email, code, password } = c.req.valid("json");
    const target = await emailAuditHash(c.env, email);
    await enforceRateLimit(c, "loginPerIp", clientIp(c));
    await enforceRateLimit(c, "loginPerAccount", `invite:${target}`);
    if (isCommonPassword(password)) throw new ApiError("PASSWORD_TOO_COMMON");
    const db = database(c.env.DB);
    const user = await findUserByEmail(db, email);
    // Hashed whatever happens next, so every refusal costs what a success does.
    const passwordHash = await hashPassword(password);
    const refuse = async (why: "INVITE_CODE_INVALID" | "INVITE_NOT_PENDING" | "ACCOUNT_DISABLED") => {
      await audit(c, {
        action: "auth.invite.accept",
        outcome: "failure",
        userId: user?.id ?? null,
        role: user?.role ?? null,
        target,
        errorCode: why,
      });
      return new ApiError("INVITE_CODE_INVALID");
    };
    if (!user) throw await refuse("INVITE_CODE_INVALID");
    if (user.status !== "active") throw await refuse("ACCOUNT_DISABLED");
    if (user.invitedAt === null) throw await refuse("INVITE_NOT_PENDING");
    const hash = await resetCodeHash(code);
    const now = Date.now();
    const accepted = await acceptInvite(
      db,
      { userId: user.id, codeHash: hash, passwordHash, now },
      auditStatementIf(
        c,
        { action: "auth.invite.accept", outcome: "success", userId: user.id, role: user.role, target },
        liveInvite(user.id, hash, now),
      ),
    );
    if (!accepted) throw await refuse("INVITE_CODE_INVALID");
    return c.body(null, 204);
  },
);
