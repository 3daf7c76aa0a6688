import type { Context } from "hono";
import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { idParam } from "../../shared/schemas/common";
import {
  INVITE_CODE_TTL_DAYS,
  INVITE_CODE_TTL_MS,
  type InviteResult,
  inviteBody,
  inviteResponse,
} from "../../shared/schemas/invites";
import type { AppEnv } from "../app-env";
import { SCRYPT_PARAMS } from "../auth/password";
import { newResetCode, resetCodeHash } from "../auth/reset-codes";
import { adminUserView } from "../db/admin";
import { database } from "../db/client";
import { insertInvitedUser } from "../db/invites";
import { issueResetCode } from "../db/password-reset";
import { findUserByEmail, findUserById, newUserRow, type UserRow } from "../db/users";
import { auditStatement } from "../lib/audit";
import { toBase64Url } from "../lib/encoding";
import { json, operation } from "../lib/openapi";
import { jsonBody, pathParams } from "../lib/validate";
import { staffInviteEmail } from "../notify/account-emails";
import { sendEmail } from "../notify/email";

/**
 * A password hash in today's format whose salt and key are random bytes, derived from no
 * password: signing in with any password spends the same scrypt work as on a real hash (so the
 * answer's timing does not single out invited accounts) and fails with INVALID_CREDENTIALS
 * (a 2^-256 chance aside). Replaced when the invite is accepted.
 */
function unusablePasswordHash(): string {
  const random = (n: number) => toBase64Url(crypto.getRandomValues(new Uint8Array(n)));
  return ["scrypt", SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p, random(16), random(32)].join("$");
}

/** A fresh invite code for `userId`, valid INVITE_CODE_TTL_MS from `now`: the row to store and the code to send. */
async function newInviteCode(userId: string, createdBy: string, now: number) {
  const { code, shown } = newResetCode();
  const row = {
    userId,
    codeHash: await resetCodeHash(code),
    createdAt: now,
    expiresAt: now + INVITE_CODE_TTL_MS,
    createdBy,
    purpose: "invite" as const,
  };
  return { row, shown };
}

/**
 * Sends the invite (awaited: the admin is told what became of it) and builds the answer: the code
 * itself only when email is not configured, for the admin to hand over in person.
 */
async function sendInvite(c: Context<AppEnv>, user: UserRow, shown: string, expiresAt: number): Promise<InviteResult> {
  const inviter = await findUserById(database(c.env.DB), c.get("auth").userId);
  const emailed = await sendEmail(
    c.env,
    staffInviteEmail({
      to: user.email,
      code: shown,
      invitedBy: inviter?.displayName ?? "An admin",
      role: user.role,
      days: INVITE_CODE_TTL_DAYS,
      appUrl: c.env.APP_URL,
    }),
  );
  return {
    user: adminUserView({ ...user, inviteExpiresAt: expiresAt }),
    inviteExpiresAt: new Date(expiresAt).toISOString(),
    emailed,
    ...(emailed === "not-configured" ? { code: shown } : {}),
  };
}

/**
 * /api/v1/admin/invites (mounted behind the admin guard): staff onboarding by invitation. The
 * invited account exists at once (a therapist or clinician, active, no usable password,
 * `invitedAt` set); the emailed code sets its first password (POST /auth/invite/accept), and
 * two-factor set-up follows at the first sign-in (MFA_ENROLMENT_REQUIRED). Audited, never the code.
 */
export const adminInvites = new Hono<AppEnv>()
  .post(
    "/",
    operation({
      summary: "Invite a therapist or clinician by email: the account waits for them to set a password (7 days)",
      responses: {
        201: json(inviteResponse, "The invited account; the code itself only when email is not configured"),
      },
    }),
    jsonBody(inviteBody),
    async (c) => {
      const body = c.req.valid("json");
      const db = database(c.env.DB);
      if (await findUserByEmail(db, body.email)) throw new ApiError("EMAIL_TAKEN");
      const now = Date.now();
      const user: UserRow = {
        ...newUserRow(
          {
            email: body.email,
            role: body.role,
            displayName: body.displayName,
            timezone: body.timezone ?? "UTC",
            passwordHash: unusablePasswordHash(),
          },
          now,
        ),
        invitedAt: now,
      };
      const { row, shown } = await newInviteCode(user.id, c.get("auth").userId, now);
      try {
        await insertInvitedUser(
          db,
          user,
          row,
          auditStatement(c, { action: "admin.user.invite", outcome: "success", target: user.id }),
        );
      } catch (err) {
        if (String(err).includes("UNIQUE")) throw new ApiError("EMAIL_TAKEN");
        throw err;
      }
      return c.json(await sendInvite(c, user, shown, row.expiresAt), 201);
    },
  )
  .post(
    "/:id/resend",
    operation({
      summary: "Send an invite again with a new code (the old one stops working; 7 days from now)",
      responses: {
        200: json(inviteResponse, "The invited account; the code itself only when email is not configured"),
      },
    }),
    pathParams(idParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = database(c.env.DB);
      const user = await findUserById(db, id);
      if (!user) throw new ApiError("NOT_FOUND");
      if (user.invitedAt === null || user.status !== "active") throw new ApiError("INVITE_NOT_PENDING");
      const { row, shown } = await newInviteCode(id, c.get("auth").userId, Date.now());
      await issueResetCode(
        db,
        row,
        auditStatement(c, { action: "admin.user.invite_resend", outcome: "success", target: id }),
      );
      return c.json(await sendInvite(c, user, shown, row.expiresAt));
    },
  );
