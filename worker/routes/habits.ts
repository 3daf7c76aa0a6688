import { Hono } from "hono";
import { z } from "zod";
import { habitComplete, habitCreate, habitUpdate, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { habitsWithStreaks } from "../db/habit-streaks";
import { runCommand } from "../lib/run-command";
import { jsonBody, pathParams, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

const idParam = z.strictObject({ id: z.uuid() });

/** /api/v1/habits: a patient's habits, their completions and undo. */
export const habitRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get("/", queryParams(z.strictObject({ archived: z.enum(["true", "false"]).optional() })), async (c) => {
    const includeArchived = c.req.valid("query").archived === "true";
    return c.json({
      items: await habitsWithStreaks(database(c.env.DB), c.get("auth").userId, Date.now(), includeArchived),
    });
  })
  .post("/", jsonBody(withEnvelope(habitCreate)), (c) => runCommand(c, "habit.create", c.req.valid("json")))
  .patch("/:id", pathParams(idParam), jsonBody(withEnvelope(habitUpdate)), (c) =>
    runCommand(c, "habit.update", c.req.valid("json"), { habitId: c.req.valid("param").id }),
  )
  .delete("/:id", pathParams(idParam), (c) => runCommand(c, "habit.archive", {}, { habitId: c.req.valid("param").id }))
  .post("/:id/completions", pathParams(idParam), jsonBody(withEnvelope(habitComplete)), (c) =>
    runCommand(c, "habit.complete", c.req.valid("json"), { habitId: c.req.valid("param").id }),
  )
  .delete(
    "/:id/completions/:completionId",
    pathParams(z.strictObject({ id: z.uuid(), completionId: z.uuid() })),
    jsonBody(z.strictObject({ opId: z.uuid().optional(), at: z.iso.datetime({ offset: true }).optional() })),
    (c) => {
      const { id, completionId } = c.req.valid("param");
      return runCommand(c, "habit.uncomplete", c.req.valid("json"), { habitId: id, completionId });
    },
  );
