import { and, desc, eq, ne, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { ApiError } from "../../shared/errors";
import { isCommonPassword } from "../../shared/password-policy";
import {
  type AdminUserView,
  adminUserResponse,
  createUserBody,
  updateUserBody,
  usersPageResponse,
  usersQuery,
} from "../../shared/schemas/admin";
import type { AppEnv } from "../app-env";
import { hashPassword } from "../auth/password";
import { revokeUserSessions } from "../auth/sessions";
import { type Database, database } from "../db/client";
import { recoveryCodes, users } from "../db/schema";
import { findUserByEmail, findUserById, newUserRow, type UserRow } from "../db/users";
import { auditStatement } from "../lib/audit";
import { containsPattern } from "../lib/like";
import { json, operation } from "../lib/openapi";
import { after, page } from "../lib/time-page";
import { jsonBody, pathParams, queryParams } from "../lib/validate";

export function adminUserView(u: UserRow): AdminUserView {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    status: u.status,
    displayName: u.displayName,
    timezone: u.timezone,
    mfaEnabled: u.totpSecret !== null,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

const idParam = z.strictObject({ id: z.uuid() });

/** /api/v1/admin/users (mounted behind the admin guard): accounts, never clinical content. */
export const adminUsers = new Hono<AppEnv>()
  .get(
    "/",
    operation({
      summary: "Accounts, newest first (paged; search by email or name, filter by role and status)",
      responses: { 200: json(usersPageResponse, "A page of accounts") },
    }),
    queryParams(usersQuery),
    async (c) => {
      const q = c.req.valid("query");
      const filters: (SQL | undefined)[] = [];
      if (q.role) filters.push(eq(users.role, q.role));
      if (q.status) filters.push(eq(users.status, q.status));
      if (q.q) {
        const pattern = containsPattern(q.q);
        filters.push(
          sql`(lower(${users.email}) LIKE ${pattern} ESCAPE '\\' OR lower(${users.displayName}) LIKE ${pattern} ESCAPE '\\')`,
        );
      }
      filters.push(after(users.createdAt, users.id, q.cursor));
      const rows = await database(c.env.DB)
        .select()
        .from(users)
        .where(and(...filters))
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(q.limit + 1)
        .all();
      return c.json(page(rows, q.limit, (u) => ({ at: u.createdAt, id: u.id }), adminUserView));
    },
  )
  .post(
    "/",
    operation({
      summary: "Create a staff account (therapist, clinician or admin) with an initial password",
      responses: { 201: json(adminUserResponse, "The new account") },
    }),
    jsonBody(createUserBody),
    async (c) => {
      const body = c.req.valid("json");
      if (isCommonPassword(body.password)) throw new ApiError("PASSWORD_TOO_COMMON");
      const db = database(c.env.DB);
      if (await findUserByEmail(db, body.email)) throw new ApiError("EMAIL_TAKEN");
      const row = newUserRow({
        email: body.email,
        role: body.role,
        displayName: body.displayName,
        timezone: body.timezone ?? "UTC",
        passwordHash: await hashPassword(body.password),
      });
      try {
        await db.batch([
          db.insert(users).values(row),
          auditStatement(c, { action: "admin.user.create", outcome: "success", target: row.id }),
        ]);
      } catch (err) {
        if (String(err).includes("UNIQUE")) throw new ApiError("EMAIL_TAKEN");
        throw err;
      }
      return c.json({ user: adminUserView(row) }, 201);
    },
  )
  .patch(
    "/:id",
    operation({
      summary: "Rename an account, or disable or enable it (disabling ends its sessions)",
      responses: { 200: json(adminUserResponse, "The account as it is now") },
    }),
    pathParams(idParam),
    jsonBody(updateUserBody),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = database(c.env.DB);
      const user = await findUserById(db, id);
      if (!user) throw new ApiError("NOT_FOUND");
      if (body.status === "disabled" && id === c.get("auth").userId) throw new ApiError("CANNOT_CHANGE_SELF");
      const disablingAnAdmin = body.status === "disabled" && user.role === "admin" && user.status === "active";
      if (disablingAnAdmin && !(await anotherActiveAdmin(db, id))) throw new ApiError("LAST_ADMIN");
      const updated = { ...user, ...body, updatedAt: Date.now() };
      const action =
        body.status && body.status !== user.status
          ? `admin.user.${body.status === "disabled" ? "disable" : "enable"}`
          : "admin.user.update";
      try {
        await db.batch([
          db
            .update(users)
            .set({ ...body, updatedAt: updated.updatedAt })
            .where(eq(users.id, id)),
          // Disabling ends every session at once; its access tokens die with them (requireAuth).
          ...(body.status === "disabled" ? [revokeUserSessions(db, id, "account_disabled")] : []),
          auditStatement(c, { action, outcome: "success", target: id }),
        ]);
      } catch (err) {
        // Two admins disabling each other at once: the database keeps the last one (migration 0011).
        if (String(err).includes("last active admin")) throw new ApiError("LAST_ADMIN");
        throw err;
      }
      return c.json({ user: adminUserView(updated) });
    },
  )
  .post(
    "/:id/2fa/reset",
    operation({
      summary: "Reset an account's two-factor sign-in: its secret and recovery codes go, every session ends",
      responses: { 200: json(adminUserResponse, "The account, two-factor sign-in off") },
    }),
    pathParams(idParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const { userId: self, sessionId } = c.get("auth");
      const db = database(c.env.DB);
      const user = await findUserById(db, id);
      if (!user) throw new ApiError("NOT_FOUND");
      await db.batch([
        db
          .update(users)
          .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, updatedAt: Date.now() })
          .where(eq(users.id, id)),
        db.delete(recoveryCodes).where(eq(recoveryCodes.userId, id)),
        // Every device signs in again: with the password, then (staff) straight into 2FA set-up.
        revokeUserSessions(db, id, "2fa_reset", id === self ? sessionId : undefined),
        auditStatement(c, { action: "admin.user.2fa_reset", outcome: "success", target: id }),
      ]);
      return c.json({ user: adminUserView({ ...user, totpSecret: null }) });
    },
  );

/** Whether an active admin other than `id` exists (the last one is never disabled: LAST_ADMIN). */
async function anotherActiveAdmin(db: Database, id: string): Promise<boolean> {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.status, "active"), ne(users.id, id)))
    .limit(1)
    .get();
  return row !== undefined;
}
