import { Hono } from "hono";
import { z } from "zod";
import { FEED, SHOP_ITEMS } from "../../shared/domain/pet";
import { empty, petAdopt, petDeclutter, withEnvelope } from "../../shared/schemas/wellbeing";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { findPet, petView } from "../db/wellbeing";
import { runCommand } from "../lib/run-command";
import { jsonBody, pathParams } from "../lib/validate";
import { requireAuth, requireRole } from "../middleware/require-auth";

const envelopeOnly = withEnvelope(empty);

/** /api/v1/pet: the patient's own pet (never another's: it is keyed by the caller's id). */
export const petRoutes = new Hono<AppEnv>()
  .use(requireAuth, requireRole("patient"))
  .get("/", async (c) => {
    const pet = await findPet(database(c.env.DB), c.get("auth").userId);
    return c.json({ pet: pet ? petView(pet, Date.now()) : null });
  })
  .post("/", jsonBody(withEnvelope(petAdopt)), (c) => runCommand(c, "pet.adopt", c.req.valid("json")))
  .get("/shop", (c) => c.json({ feed: FEED, items: Object.values(SHOP_ITEMS) }))
  .post(
    "/shop/:itemId",
    pathParams(z.strictObject({ itemId: z.string().min(1).max(40) })),
    jsonBody(envelopeOnly),
    (c) => runCommand(c, "pet.buy", c.req.valid("json"), { itemId: c.req.valid("param").itemId }),
  )
  .post("/feed", jsonBody(envelopeOnly), (c) => runCommand(c, "pet.feed", c.req.valid("json")))
  .post("/declutter", jsonBody(withEnvelope(petDeclutter)), (c) => runCommand(c, "pet.declutter", c.req.valid("json")))
  .post("/adventure", jsonBody(envelopeOnly), (c) => runCommand(c, "pet.adventure", c.req.valid("json")))
  .post("/return", jsonBody(envelopeOnly), (c) => runCommand(c, "pet.return", c.req.valid("json")));
