import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { COMMAND_RESPONSES } from "../../shared/schemas/commands";
import { pageOf } from "../../shared/schemas/common";
import { moodViewSchema } from "../../shared/schemas/views";
import { moodLog, moodQuery, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { moods } from "../db/schema";
import { moodView } from "../db/wellbeing";
import { json, operation } from "../lib/openapi";
import { runCommand } from "../lib/run-command";
import { after, page } from "../lib/time-page";
import { jsonBody, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** /api/v1/moods: mood and sleep check-ins; the list is newest first, `from`/`to` and paged. */
export const moodRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get(
    "/",
    operation({
      summary: "My mood and sleep check-ins, newest first (paged; from/to filter by time)",
      responses: { 200: json(pageOf(moodViewSchema), "A page of check-ins") },
    }),
    queryParams(moodQuery),
    async (c) => {
      const q = c.req.valid("query");
      const filters: (SQL | undefined)[] = [eq(moods.userId, c.get("auth").userId)];
      if (q.from) filters.push(gte(moods.at, Date.parse(q.from)));
      if (q.to) filters.push(lt(moods.at, Date.parse(q.to)));
      filters.push(after(moods.at, moods.id, q.cursor));
      const rows = await database(c.env.DB)
        .select()
        .from(moods)
        .where(and(...filters))
        .orderBy(desc(moods.at), desc(moods.id))
        .limit(q.limit + 1)
        .all();
      return c.json(page(rows, q.limit, (m) => m, moodView));
    },
  )
  .post(
    "/",
    operation({
      summary: "Check in my mood and sleep (the first of the day earns XP; a very low mood alerts my care team)",
      responses: {
        201: json(COMMAND_RESPONSES["mood.log"], "The check-in, my progression, and crisis resources if flagged"),
      },
    }),
    jsonBody(withEnvelope(moodLog)),
    (c) => runCommand(c, "mood.log", c.req.valid("json")),
  );
