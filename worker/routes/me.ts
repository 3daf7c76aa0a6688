import { Hono } from "hono";
import { ApiError } from "../../shared/errors";
import { updateProfileBody } from "../../shared/schemas/auth";
import { meResponse } from "../../shared/schemas/me";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import { findUserById, publicUser, type UserRow, updateProfile } from "../db/users";
import { auditStatement } from "../lib/audit";
import { json, operation } from "../lib/openapi";
import { jsonBody } from "../lib/validate";
import { requireAuth } from "../middleware/require-auth";
import { careTeam } from "./care-team";
import { meData } from "./me-data";

/** /api/v1/me: my profile and settings, my data export and account deletion. */
export const me = new Hono<AppEnv>()
  .use(requireAuth)
  .route("/", meData)
  .route("/care-team", careTeam)
  .get(
    "/",
    operation({ summary: "My profile and settings", responses: { 200: json(meResponse, "My profile") } }),
    async (c) => {
      const user = await findUserById(database(c.env.DB), c.get("auth").userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      return c.json({ user: publicUser(user) });
    },
  )
  .patch(
    "/",
    operation({
      summary:
        "Change my name, time zone, day start or consents (each consent change is audited), or end the first-run flow",
      description:
        "`onboarded: true` records that the patient finished or skipped the first-run flow (kept from the first time), " +
        "so no device shows it again; it cannot be set back.",
      responses: { 200: json(meResponse, "My profile as it now is") },
    }),
    jsonBody(updateProfileBody),
    async (c) => {
      const { userId } = c.get("auth");
      const { consent, onboarded, ...profile } = c.req.valid("json");
      const db = database(c.env.DB);
      const before = await findUserById(db, userId);
      if (!before) throw new ApiError("SESSION_REVOKED");
      const consentColumns = {
        ...(consent?.companion === undefined ? {} : { consentCompanion: consent.companion }),
        ...(consent?.research === undefined ? {} : { consentResearch: consent.research }),
      };
      // Each consent that actually changes is its own audit event, naming the consent and its new
      // state from a fixed list (never free text): the record of when the patient said yes or no.
      const consentEvents = consentChanges(before, consentColumns).map((target) =>
        auditStatement(c, { action: "me.consent", outcome: "success", target }),
      );
      // The first time counts: a second device ending the flow again keeps the earlier moment.
      const onboardedColumn = onboarded && before.onboardedAt === null ? { onboardedAt: Date.now() } : {};
      const profileEvents =
        Object.keys(profile).length > 0 ? [auditStatement(c, { action: "me.update", outcome: "success" })] : [];
      await db.batch([
        updateProfile(db, userId, { ...profile, ...consentColumns, ...onboardedColumn }),
        ...profileEvents,
        ...consentEvents,
      ]);
      const user = await findUserById(db, userId);
      if (!user) throw new ApiError("SESSION_REVOKED");
      return c.json({ user: publicUser(user) });
    },
  );

/** `companion:on`, `research:off`…: one entry per consent whose value the change alters. */
function consentChanges(
  before: UserRow,
  change: { consentCompanion?: boolean; consentResearch?: boolean },
): ConsentAuditTarget[] {
  const targets: ConsentAuditTarget[] = [];
  if (change.consentCompanion !== undefined && change.consentCompanion !== before.consentCompanion) {
    targets.push(change.consentCompanion ? "companion:on" : "companion:off");
  }
  if (change.consentResearch !== undefined && change.consentResearch !== before.consentResearch) {
    targets.push(change.consentResearch ? "research:on" : "research:off");
  }
  return targets;
}

type ConsentAuditTarget = `${"companion" | "research"}:${"on" | "off"}`;
