import { Hono } from "hono";
import { z } from "zod";
import { COMMAND_RESPONSES } from "../../shared/schemas/commands";
import { idParam } from "../../shared/schemas/common";
import {
  habitComplete,
  habitCreate,
  habitListResponse,
  habitUpdate,
  withEnvelope,
} from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { habitsWithStreaks } from "../db/habit-streaks";
import { json, operation } from "../lib/openapi";
import { runCommand } from "../lib/run-command";
import { jsonBody, pathParams, queryParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

/** /api/v1/habits: a patient's habits, their completions and undo. */
export const habitRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get(
    "/",
    operation({
      summary:
        "My habits, oldest first, each with today's completions and its streak (archived=true adds archived ones)",
      responses: { 200: json(habitListResponse, "My habits") },
    }),
    queryParams(z.strictObject({ archived: z.enum(["true", "false"]).optional() })),
    async (c) => {
      const includeArchived = c.req.valid("query").archived === "true";
      return c.json({
        items: await habitsWithStreaks(database(c.env.DB), c.get("auth").userId, Date.now(), includeArchived),
      });
    },
  )
  .post(
    "/",
    operation({
      summary: "Create a habit",
      responses: { 201: json(COMMAND_RESPONSES["habit.create"], "The new habit") },
    }),
    jsonBody(withEnvelope(habitCreate)),
    (c) => runCommand(c, "habit.create", c.req.valid("json")),
  )
  .patch(
    "/:id",
    operation({
      summary: "Edit a habit (name, difficulty, schedule, notes)",
      responses: { 200: json(COMMAND_RESPONSES["habit.update"], "The habit as edited") },
    }),
    pathParams(idParam),
    jsonBody(withEnvelope(habitUpdate)),
    (c) => runCommand(c, "habit.update", c.req.valid("json"), { habitId: c.req.valid("param").id }),
  )
  .delete(
    "/:id",
    operation({
      summary: "Archive a habit: it leaves my lists and takes no completions; its history and XP stay",
      responses: { 200: json(COMMAND_RESPONSES["habit.archive"], "The archived habit") },
    }),
    pathParams(idParam),
    (c) => runCommand(c, "habit.archive", {}, { habitId: c.req.valid("param").id }),
  )
  .post(
    "/:id/completions",
    operation({
      summary: "Mark a habit done once (earns XP and coins within the day's cap)",
      responses: { 201: json(COMMAND_RESPONSES["habit.complete"], "The completion and my progression") },
    }),
    pathParams(idParam),
    jsonBody(withEnvelope(habitComplete)),
    (c) => runCommand(c, "habit.complete", c.req.valid("json"), { habitId: c.req.valid("param").id }),
  )
  .delete(
    "/:id/completions/:completionId",
    operation({
      summary: "Undo a completion: it stops counting and its XP and coins are taken back",
      responses: { 200: json(COMMAND_RESPONSES["habit.uncomplete"], "The undone completion and my progression") },
    }),
    pathParams(z.strictObject({ id: z.uuid(), completionId: z.uuid() })),
    jsonBody(z.strictObject({ opId: z.uuid().optional(), at: z.iso.datetime({ offset: true }).optional() })),
    (c) => {
      const { id, completionId } = c.req.valid("param");
      return runCommand(c, "habit.uncomplete", c.req.valid("json"), { habitId: id, completionId });
    },
  );
