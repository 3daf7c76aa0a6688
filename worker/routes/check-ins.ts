import { desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { assessmentSubmitBody, safetyPlanUpdateBody } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { safetyPlanOf } from "../db/safety-plan";
import { assessments } from "../db/schema";
import { assessmentView } from "../db/views";
import { runCommand } from "../lib/run-command";
import { jsonBody } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** /api/v1/assessments: PHQ-9 and GAD-7, and the C-SSRS screener, scored on the server. */
export const assessmentRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get("/", async (c) => {
    const rows = await database(c.env.DB)
      .select()
      .from(assessments)
      .where(eq(assessments.userId, c.get("auth").userId))
      .orderBy(desc(assessments.at))
      .all();
    return c.json({
      items: rows.map(assessmentView),
    });
  })
  .post("/", jsonBody(assessmentSubmitBody), (c) => runCommand(c, "assessment.submit", c.req.valid("json")));

/**
 * /api/v1/safety-plan: the patient's personal safety plan. A write is a per-item edit
 * (`{ baseVersion?, ops }`) or, as before, the whole plan; either is merged item by item with
 * what the care team changed (issue 11, defect 8).
 */
export const safetyPlanRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get("/", async (c) => c.json({ safetyPlan: await safetyPlanOf(database(c.env.DB), c.get("auth").userId) }))
  .put("/", jsonBody(safetyPlanUpdateBody), (c) => runCommand(c, "safetyPlan.update", c.req.valid("json")));
