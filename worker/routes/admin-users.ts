import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { isCommonPassword } from "../../shared/password-policy";
import {
  adminUserResponse,
  createUserBody,
  updateUserBody,
  usersPageResponse,
  usersQuery,
} from "../../shared/schemas/admin";
import { idParam } from "../../shared/schemas/common";
import type { AppEnv } from "../app-env";
import { hashPassword } from "../auth/password";
import { adminUserView, anotherActiveAdmin, insertUser, resetTwoFactor, updateUser, usersMatching } from "../db/admin";
import { database } from "../db/client";
import { findUserByEmail, findUserById, newUserRow } from "../db/users";
import { auditStatement } from "../lib/audit";
import { json, operation } from "../lib/openapi";
import { page } from "../lib/time-page";
import { jsonBody, pathParams, queryParams } from "../lib/validate";

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
      const rows = await usersMatching(database(c.env.DB), { ...q, limit: q.limit + 1 });
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
        await insertUser(
          db,
          row,
          auditStatement(c, { action: "admin.user.create", outcome: "success", target: row.id }),
        );
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
        // Disabling ends every session at once; its access tokens die with them (requireAuth).
        await updateUser(
          db,
          id,
          { ...body, updatedAt: updated.updatedAt },
          auditStatement(c, { action, outcome: "success", target: id }),
        );
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
      // Every device signs in again: with the password, then (staff) straight into 2FA set-up.
      await resetTwoFactor(
        db,
        id,
        id === self ? sessionId : undefined,
        auditStatement(c, { action: "admin.user.2fa_reset", outcome: "success", target: id }),
      );
      return c.json({ user: adminUserView({ ...user, totpSecret: null }) });
    },
  );
