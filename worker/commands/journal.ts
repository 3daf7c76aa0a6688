import type { z } from "zod";
import type { journalWrite } from "../../shared/schemas/companion";
import { journalView } from "../db/companion";
import { journalEntries } from "../db/schema";
import type { Command, CommandContext, Decision } from "./types";
import { write } from "./write";

/**
 * `journal.write`: writes one private entry (today only the offline thought record), or
 * rewrites it when the id is already mine — so an edit made offline is just another write, and
 * a replay under a new opId changes nothing but `updatedAt`. Entries are the patient's alone: no
 * staff route reads them; they reach the patient's other devices through the change log.
 */
export function writeJournal(ctx: CommandContext, p: z.infer<typeof journalWrite>, cmd: Command): Decision {
  const existing = ctx.state.journal.get(p.id);
  const row = {
    userId: ctx.userId,
    id: p.id,
    kind: p.kind,
    entry: JSON.stringify(p.entry),
    at: existing?.at ?? cmd.at,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  const view = journalView(row);
  const statement = write(ctx, {
    entity: "journal",
    id: p.id,
    view,
    statement: ctx.db
      .insert(journalEntries)
      .values(row)
      .onConflictDoUpdate({
        target: [journalEntries.userId, journalEntries.id],
        set: { kind: row.kind, entry: row.entry, updatedAt: row.updatedAt },
      }),
    remember: { map: ctx.state.journal, row: { at: row.at, createdAt: row.createdAt } },
  });
  return { ok: true, status: existing ? 200 : 201, body: { entry: view }, statements: [statement] };
}
