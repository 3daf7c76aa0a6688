import { z } from "zod";
import { ROLES } from "../roles";
import { givenPassword, mfaCode, publicUserSchema } from "./auth";
import { isoTime } from "./common";
import { companionMessageViewSchema, conversationViewSchema } from "./companion";
import {
  assessmentViewSchema,
  completionViewSchema,
  habitViewSchema,
  journalViewSchema,
  messageViewSchema,
  moodViewSchema,
  petViewSchema,
  questViewSchema,
  safetyPlanViewSchema,
} from "./views";

/**
 * Deleting my account needs my password again, and with 2FA on the current second factor (a TOTP
 * or a recovery code) too: a stolen access token, or a stolen token plus the password, cannot do it.
 */
export const deleteAccountBody = z.strictObject({ password: givenPassword, code: mfaCode.optional() });

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** `GET /me` and `PATCH /me`: my profile and settings. */
export const meResponse = z.strictObject({ user: publicUserSchema });

/** Someone on my care team, and whether the messaging policy lets me start a message to them. */
export const careTeamMemberSchema = z.strictObject({
  id: z.uuid(),
  displayName: z.string(),
  role: z.enum(ROLES),
  canMessage: z.boolean(),
});
export type CareTeamMember = z.infer<typeof careTeamMemberSchema>;

/** `GET /me/care-team`: my care team (a patient) or the patients I look after (staff). */
export const careTeamResponse = z.strictObject({ items: z.array(careTeamMemberSchema) });

/** An XP and coin award, as the export lists them. */
export const exportedRewardSchema = z.strictObject({
  source: z.enum(["habit", "quest", "mood", "pet", "shop"]),
  localDay: z.string(),
  xp: z.number(),
  coins: z.number(),
  at: isoTime,
});
export type ExportedReward = z.infer<typeof exportedRewardSchema>;

/**
 * `GET /me/export`: everything Haven holds about me that I may see (never clinical notes), in
 * the API's own shapes. `format` names this layout's version.
 */
export const dataExportSchema = z.strictObject({
  exportedAt: isoTime,
  format: z.literal("haven-export/1"),
  user: publicUserSchema,
  habits: z.array(habitViewSchema),
  completions: z.array(completionViewSchema),
  quests: z.array(questViewSchema),
  moods: z.array(moodViewSchema),
  assessments: z.array(assessmentViewSchema),
  safetyPlan: safetyPlanViewSchema.nullable(),
  pet: petViewSchema.nullable(),
  progress: z.strictObject({ xp: z.number(), coins: z.number() }),
  rewards: z.array(exportedRewardSchema),
  messages: z.array(messageViewSchema),
  companion: z.strictObject({
    conversations: z.array(conversationViewSchema.extend({ messages: z.array(companionMessageViewSchema) })),
  }),
  journal: z.array(journalViewSchema),
});
export type DataExport = z.infer<typeof dataExportSchema>;
