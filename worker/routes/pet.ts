import { Hono } from "hono";
import { z } from "zod";
import { FEED, SHOP_ITEMS } from "../../shared/domain/pet";
import { COMMAND_RESPONSES } from "../../shared/schemas/commands";
import {
  empty,
  petAdopt,
  petDeclutter,
  petResponse,
  petShopResponse,
  withEnvelope,
} from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { findPet, petView } from "../db/wellbeing";
import { json, operation } from "../lib/openapi";
import { runCommand } from "../lib/run-command";
import { jsonBody, pathParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

const envelopeOnly = withEnvelope(empty);

/** /api/v1/pet: the patient's own pet (never another's: it is keyed by the caller's id). */
export const petRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get(
    "/",
    operation({
      summary: "My pet as it is now (null before I adopt one)",
      responses: { 200: json(petResponse, "My pet, or null") },
    }),
    async (c) => {
      const pet = await findPet(database(c.env.DB), c.get("auth").userId);
      return c.json({ pet: pet ? petView(pet, Date.now()) : null });
    },
  )
  .post(
    "/",
    operation({
      summary: "Adopt my pet: its name and species (one pet per patient)",
      responses: { 201: json(COMMAND_RESPONSES["pet.adopt"], "The new pet") },
    }),
    jsonBody(withEnvelope(petAdopt)),
    (c) => runCommand(c, "pet.adopt", c.req.valid("json")),
  )
  .get(
    "/shop",
    operation({
      summary: "The pet shop: the price of food and the items on sale, in coins",
      responses: { 200: json(petShopResponse, "Food and the shop's items") },
    }),
    (c) => c.json({ feed: FEED, items: Object.values(SHOP_ITEMS) }),
  )
  .post(
    "/shop/:itemId",
    operation({
      summary: "Buy a shop item for my pet with coins (food is eaten at once; a cosmetic is kept)",
      responses: { 200: json(COMMAND_RESPONSES["pet.buy"], "My pet and my coins after buying") },
    }),
    pathParams(z.strictObject({ itemId: z.string().min(1).max(40) })),
    jsonBody(envelopeOnly),
    (c) => runCommand(c, "pet.buy", c.req.valid("json"), { itemId: c.req.valid("param").itemId }),
  )
  .post(
    "/feed",
    operation({
      summary: "Feed my pet (costs coins)",
      responses: { 200: json(COMMAND_RESPONSES["pet.feed"], "My pet and my coins after feeding") },
    }),
    jsonBody(envelopeOnly),
    (c) => runCommand(c, "pet.feed", c.req.valid("json")),
  )
  .post(
    "/declutter",
    operation({
      summary: "Throw away worries with my pet: the worries are counted and discarded, never stored",
      responses: { 200: json(COMMAND_RESPONSES["pet.declutter"], "My pet and the coins it earned") },
    }),
    jsonBody(withEnvelope(petDeclutter)),
    (c) => runCommand(c, "pet.declutter", c.req.valid("json")),
  )
  .post(
    "/adventure",
    operation({
      summary: "Send my pet on an adventure (costs energy)",
      responses: { 200: json(COMMAND_RESPONSES["pet.adventure"], "My pet, away, and when it comes back") },
    }),
    jsonBody(envelopeOnly),
    (c) => runCommand(c, "pet.adventure", c.req.valid("json")),
  )
  .post(
    "/return",
    operation({
      summary: "Welcome my pet back from its adventure, with what it found",
      responses: { 200: json(COMMAND_RESPONSES["pet.return"], "My pet, its reward and my progression") },
    }),
    jsonBody(envelopeOnly),
    (c) => runCommand(c, "pet.return", c.req.valid("json")),
  );
