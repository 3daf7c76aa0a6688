import { Hono } from "hono";
import { z } from "zod";
import { COMMAND_RESPONSES } from "../../shared/schemas/commands";
import { idParam } from "../../shared/schemas/common";
import {
  questCreate,
  questListResponse,
  questToggleStep,
  questUpdate,
  withEnvelope,
} from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { questsOf, questView } from "../db/wellbeing";
import { json, operation } from "../lib/openapi";
import { runCommand } from "../lib/run-command";
import { jsonBody, pathParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** /api/v1/quests: goals with steps; status in the allow-list active | paused | done. */
export const questRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get(
    "/",
    operation({ summary: "My quests, oldest first", responses: { 200: json(questListResponse, "My quests") } }),
    async (c) => {
      const rows = await questsOf(database(c.env.DB), c.get("auth").userId);
      return c.json({ items: rows.map(questView) });
    },
  )
  .post(
    "/",
    operation({
      summary: "Create a quest, with its steps",
      responses: { 201: json(COMMAND_RESPONSES["quest.create"], "The new quest") },
    }),
    jsonBody(withEnvelope(questCreate)),
    (c) => runCommand(c, "quest.create", c.req.valid("json")),
  )
  .patch(
    "/:id",
    operation({
      summary: "Edit a quest or set its status (done the first time earns its XP); merged with edits made elsewhere",
      responses: { 200: json(COMMAND_RESPONSES["quest.update"], "The quest as merged, and any XP it earned") },
    }),
    pathParams(idParam),
    jsonBody(withEnvelope(questUpdate), { status: "QUEST_STATUS_INVALID" }),
    (c) => runCommand(c, "quest.update", c.req.valid("json"), { questId: c.req.valid("param").id }),
  )
  .patch(
    "/:id/steps/:stepId",
    operation({
      summary: "Tick or untick one step of a quest",
      responses: { 200: json(COMMAND_RESPONSES["quest.toggleStep"], "The quest") },
    }),
    pathParams(z.strictObject({ id: z.uuid(), stepId: z.uuid() })),
    jsonBody(withEnvelope(questToggleStep)),
    (c) => {
      const { id, stepId } = c.req.valid("param");
      return runCommand(c, "quest.toggleStep", c.req.valid("json"), { questId: id, stepId });
    },
  );
