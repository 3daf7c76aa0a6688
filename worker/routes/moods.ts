import { Hono } from "hono";
import { COMMAND_RESPONSES } from "../../shared/schemas/commands";
import { pageOf } from "../../shared/schemas/common";
import { moodViewSchema } from "../../shared/schemas/views";
import { moodLog, moodQuery, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { moodsOf, moodView } from "../db/wellbeing";
import { json, operation } from "../lib/openapi";
import { runCommand } from "../lib/run-command";
import { page } from "../lib/time-page";
import { jsonBody, queryParams } from "../lib/validate";
import { requireAuth, requireAuthInBatch, requireRole } from "../middleware/require-auth";

/** /api/v1/moods: mood and sleep check-ins; the list is newest first, `from`/`to` and paged. */
export const moodRoutes = new Hono<AppEnv>()
  .get(
    "/",
    requireAuth,
    requireRole("patient"),
    operation({
      summary: "My mood and sleep check-ins, newest first (paged; from/to filter by time)",
      responses: { 200: json(pageOf(moodViewSchema), "A page of check-ins") },
    }),
    queryParams(moodQuery),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await moodsOf(database(c.env.DB), c.get("auth").userId, {
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        cursor: q.cursor,
        limit: q.limit + 1,
      });
      return c.json(page(rows, q.limit, (m) => m, moodView));
    },
  )
  .post(
    "/",
    // The session is checked in the user's Durable Object, in the command's state load (issue 15).
    requireAuthInBatch("patient"),
    operation({
      summary: "Check in my mood and sleep (the first of the day earns XP; a very low mood alerts my care team)",
      responses: {
        201: json(COMMAND_RESPONSES["mood.log"], "The check-in, my progression, and crisis resources if flagged"),
      },
    }),
    jsonBody(withEnvelope(moodLog)),
    (c) => runCommand(c, "mood.log", c.req.valid("json")),
  );
