import type { z } from "zod";
import { crisisResourcesFor } from "../../shared/domain/risk";
import { riskFlagRaise } from "../../shared/schemas/companion";
import { cssrsSubmit } from "../../shared/schemas/wellbeing";
import { auditEvents, riskFlags } from "../db/schema";
import type { Command, CommandContext, Decision } from "./types";

/**
 * `risk.flag`: a flag the device raises. Either a crisis check fired in the companion — on the
 * server (POST /companion/chat) or on the device, offline, queued in the outbox until the next
 * sync — with its level and C-SSRS category (audit event `companion.risk`); or the patient pressed
 * "Alert my care team" (an SOS: always high, no category; audit event `patient.sos`). The flag
 * reaches the assigned staff like any other (their patient list, timeline and flag list read
 * `risk_flags`). Neither carries any text: only that it happened, what kind, and when. The answer
 * carries the flag (id, source, level, category, at), so the device can show it delivered.
 *
 * Idempotent by the flag's id: the outbox may replay it under a new opId (a second tab, a lost
 * answer), and staff must see one flag, so a known id answers as before and writes nothing.
 * The time is the device's (`at`, or the operation's time), so a flag raised offline sits where
 * it happened in the timeline; a time in the future (a wrong clock) is taken as now.
 */
export function raiseDeviceFlag(ctx: CommandContext, p: z.infer<typeof riskFlagRaise>, cmd: Command): Decision {
  const at = Math.min(p.at === undefined ? cmd.at : Date.parse(p.at), ctx.now);
  const category = p.source === "companion" ? (p.category ?? null) : null;
  const body = {
    flag: { id: p.id, source: p.source, level: p.level, category, at: new Date(at).toISOString() },
    safety: { level: p.level, resources: crisisResourcesFor(ctx.state.timezone) },
  };
  if (ctx.state.riskFlagIds.has(p.id)) return { ok: true, status: 200, body, statements: [] };
  ctx.state.riskFlagIds.add(p.id);
  return {
    ok: true,
    status: 201,
    body,
    statements: [
      ctx.db.insert(riskFlags).values({
        userId: ctx.userId,
        id: p.id,
        source: p.source,
        level: p.level,
        category,
        refId: null,
        createdAt: at,
      }),
      ctx.db.insert(auditEvents).values({
        at: ctx.now,
        requestId: ctx.actor.requestId,
        userId: ctx.actor.userId,
        role: ctx.actor.role,
        action: p.source === "sos" ? "patient.sos" : "companion.risk",
        target: p.id,
        outcome: "success",
        errorCode: null,
        ipHash: ctx.actor.ipHash,
      }),
    ],
  };
}

/**
 * A well-formed `risk.flag` operation, or a well-formed C-SSRS screener (`assessment.submit` with
 * instrument C-SSRS, which raises its flag itself): what a sync push runs even over its rate
 * limit, because a crisis check and its flag are never rate-limited (PRODUCT.md). Anything else,
 * a malformed flag or screener and a PHQ-9 included, waits.
 */
export function isRiskFlag(cmd: Command): boolean {
  if (cmd.type === "assessment.submit") return cssrsSubmit.safeParse(cmd.payload).success;
  return cmd.type === "risk.flag" && riskFlagRaise.safeParse(cmd.payload).success;
}
