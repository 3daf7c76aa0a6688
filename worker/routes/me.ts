import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { updateProfileBody } from "../../shared/schemas/auth";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { users } from "../db/schema";
import { findUserById, publicUser } from "../db/users";
import { auditStatement } from "../lib/audit";
import { jsonBody } from "../lib/validate";
import { requireAuth } from "../middleware/require-auth";
import { meData } from "./me-data";

/** /api/v1/me: my profile and settings, my data export and account deletion. */
export const me = new Hono<AppEnv>()
  .use(requireAuth)
  .route("/", meData)
  .get("/", async (c) => {
    const user = await findUserById(database(c.env.DB), c.get("auth").userId);
    if (!user) throw new ApiError("SESSION_REVOKED");
    return c.json({ user: publicUser(user) });
  })
  .patch("/", jsonBody(updateProfileBody), async (c) => {
    const { userId } = c.get("auth");
    const db = database(c.env.DB);
    await db.batch([
      db
        .update(users)
        .set({ ...c.req.valid("json"), updatedAt: Date.now() })
        .where(eq(users.id, userId)),
      auditStatement(c, { action: "me.update", outcome: "success" }),
    ]);
    const user = await findUserById(db, userId);
    if (!user) throw new ApiError("SESSION_REVOKED");
    return c.json({ user: publicUser(user) });
  });
