import { Hono } from "hono";
import { COMMAND_RESPONSES } from "../../shared/schemas/commands";
import {
  assessmentListResponse,
  assessmentSubmitBody,
  safetyPlanResponse,
  safetyPlanUpdateBody,
} from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { safetyPlanOf } from "../db/safety-plan";
import { assessmentsOf, assessmentView } from "../db/wellbeing";
import { json, operation } from "../lib/openapi";
import { runCommand } from "../lib/run-command";
import { jsonBody } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** /api/v1/assessments: PHQ-9 and GAD-7, and the C-SSRS screener, scored on the server. */
export const assessmentRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get(
    "/",
    operation({
      summary: "My questionnaires (PHQ-9, GAD-7, C-SSRS), newest first",
      responses: { 200: json(assessmentListResponse, "My questionnaires") },
    }),
    async (c) => {
      const rows = await assessmentsOf(database(c.env.DB), c.get("auth").userId);
      return c.json({ items: rows.map(assessmentView) });
    },
  )
  .post(
    "/",
    operation({
      summary: "Submit a questionnaire, scored on the server (a risk answer alerts my care team)",
      responses: {
        201: json(COMMAND_RESPONSES["assessment.submit"], "The scored questionnaire, and crisis resources if flagged"),
      },
    }),
    jsonBody(assessmentSubmitBody),
    (c) => runCommand(c, "assessment.submit", c.req.valid("json")),
  );

/**
 * /api/v1/safety-plan: the patient's personal safety plan. A write is a per-item edit
 * (`{ baseVersion?, ops }`) or, as before, the whole plan; either is merged item by item with
 * what the care team changed (issue 11, defect 8).
 */
export const safetyPlanRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get(
    "/",
    operation({
      summary: "My safety plan, with who added and changed each item",
      responses: { 200: json(safetyPlanResponse, "My safety plan") },
    }),
    async (c) => c.json({ safetyPlan: await safetyPlanOf(database(c.env.DB), c.get("auth").userId) }),
  )
  .put(
    "/",
    operation({
      summary: "Change my safety plan, item by item (or send the whole plan); merged with my care team's changes",
      responses: { 200: json(COMMAND_RESPONSES["safetyPlan.update"], "The merged plan and what changed") },
    }),
    jsonBody(safetyPlanUpdateBody),
    (c) => runCommand(c, "safetyPlan.update", c.req.valid("json")),
  );
