import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { moodLog, moodQuery, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { moods } from "../db/schema";
import { moodView } from "../db/wellbeing";
import { decodeTimeCursor, encodeTimeCursor } from "../lib/cursor";
import { runCommand } from "../lib/run-command";
import { jsonBody, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** /api/v1/moods: mood and sleep check-ins; the list is newest first, `from`/`to` and paged. */
export const moodRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get("/", queryParams(moodQuery), async (c) => {
    const q = c.req.valid("query");
    const filters: (SQL | undefined)[] = [eq(moods.userId, c.get("auth").userId)];
    if (q.from) filters.push(gte(moods.at, Date.parse(q.from)));
    if (q.to) filters.push(lt(moods.at, Date.parse(q.to)));
    if (q.cursor) {
      const after = decodeTimeCursor(q.cursor);
      filters.push(or(lt(moods.at, after.at), and(eq(moods.at, after.at), lt(moods.id, after.id))));
    }
    const rows = await database(c.env.DB)
      .select()
      .from(moods)
      .where(and(...filters))
      .orderBy(desc(moods.at), desc(moods.id))
      .limit(q.limit + 1)
      .all();
    const hasMore = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json({
      items: page.map(moodView),
      cursor: hasMore && last ? encodeTimeCursor(last.at, last.id) : null,
      hasMore,
    });
  })
  .post("/", jsonBody(withEnvelope(moodLog)), (c) => runCommand(c, "mood.log", c.req.valid("json")));
