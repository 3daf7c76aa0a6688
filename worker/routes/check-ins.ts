import { desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { assessmentSubmit, safetyPlan, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { assessments, safetyPlans } from "../db/schema";
import { assessmentView } from "../db/views";
import { runCommand } from "../lib/run-command";
import { jsonBody } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** /api/v1/assessments: PHQ-9 and GAD-7, scored on the server. */
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
  .post("/", jsonBody(withEnvelope(assessmentSubmit)), (c) => runCommand(c, "assessment.submit", c.req.valid("json")));

const EMPTY_PLAN = { warningSigns: [], copingSteps: [], peopleAndPlaces: [], professionals: [], safeEnvironment: [] };

/** /api/v1/safety-plan: the patient's personal safety plan (staff editing arrives with the care team). */
export const safetyPlanRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get("/", async (c) => {
    const row = await database(c.env.DB)
      .select()
      .from(safetyPlans)
      .where(eq(safetyPlans.userId, c.get("auth").userId))
      .get();
    return c.json({
      safetyPlan: row
        ? { ...JSON.parse(row.plan), updatedAt: new Date(row.updatedAt).toISOString(), updatedBy: row.updatedBy }
        : { ...EMPTY_PLAN, updatedAt: null, updatedBy: null },
    });
  })
  .put("/", jsonBody(withEnvelope(safetyPlan)), (c) => runCommand(c, "safetyPlan.update", c.req.valid("json")));
