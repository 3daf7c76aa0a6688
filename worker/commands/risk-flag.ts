import type { z } from "zod";
import { crisisResourcesFor } from "../../shared/domain/risk";
import type { riskFlagRaise } from "../../shared/schemas/companion";
import { auditEvents, riskFlags } from "../db/schema";
import type { Command, CommandContext, Decision } from "./types";

/**
 * `risk.flag`: a crisis check fired in the companion — on the server (POST /companion/chat) or
 * on the device, offline, queued in the outbox until the next sync. The flag reaches the
 * assigned staff like any other (their patient list and timeline read `risk_flags`), with an
 * audit event `companion.risk`. Neither carries any text: only that it happened, and when.
 *
 * Idempotent by the flag's id: the outbox may replay it under a new opId (a second tab, a lost
 * answer), and staff must see one flag, so a known id answers as before and writes nothing.
 * The time is the device's (`at`, or the operation's time), so a flag raised offline sits where
 * it happened in the timeline; a time in the future (a wrong clock) is taken as now.
 */
export function raiseCompanionFlag(ctx: CommandContext, p: z.infer<typeof riskFlagRaise>, cmd: Command): Decision {
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
      ctx.db
        .insert(riskFlags)
        .values({
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
        action: "companion.risk",
        target: p.id,
        outcome: "success",
        errorCode: null,
        ipHash: ctx.actor.ipHash,
      }),
    ],
  };
}
