import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { questCreate, questToggleStep, questUpdate, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { quests } from "../db/schema";
import { questView } from "../db/wellbeing";
import { runCommand } from "../lib/run-command";
import { jsonBody, pathParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

const idParam = z.strictObject({ id: z.uuid() });

/** /api/v1/quests: goals with steps; status in the allow-list active | paused | done. */
export const questRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get("/", async (c) => {
    const rows = await database(c.env.DB)
      .select()
      .from(quests)
      .where(eq(quests.userId, c.get("auth").userId))
      .orderBy(asc(quests.createdAt))
      .all();
    return c.json({ items: rows.map(questView) });
  })
  .post("/", jsonBody(withEnvelope(questCreate)), (c) => runCommand(c, "quest.create", c.req.valid("json")))
  .patch("/:id", pathParams(idParam), jsonBody(withEnvelope(questUpdate), { status: "QUEST_STATUS_INVALID" }), (c) =>
    runCommand(c, "quest.update", c.req.valid("json"), { questId: c.req.valid("param").id }),
  )
  .patch(
    "/:id/steps/:stepId",
    pathParams(z.strictObject({ id: z.uuid(), stepId: z.uuid() })),
    jsonBody(withEnvelope(questToggleStep)),
    (c) => {
      const { id, stepId } = c.req.valid("param");
      return runCommand(c, "quest.toggleStep", c.req.valid("json"), { questId: id, stepId });
    },
  );
