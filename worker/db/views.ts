/** Rows of the wellbeing domain as the API (and the sync change log) shows them. Pure: no D1. */
import type { CssrsAnswers } from "../../shared/domain/cssrs";
import { decayPet, type PetStats, petStage } from "../../shared/domain/pet";
import type {
  AssessmentView,
  CompletionView,
  HabitView,
  MessageView,
  MoodView,
  PetView,
  QuestStep,
  QuestView,
} from "../../shared/schemas/views";
import type { assessments, habitCompletions, habits, messages, moods, pets, quests } from "./schema";
export type HabitRow = typeof habits.$inferSelect;
export type QuestRow = typeof quests.$inferSelect;
export type MoodRow = typeof moods.$inferSelect;
export type PetRow = typeof pets.$inferSelect;
export type CompletionRow = typeof habitCompletions.$inferSelect;

/** ISO 8601 for a time that may be absent; a present time is typed as a plain string. */
function iso(ms: number): string;
function iso(ms: number | null): string | null;
function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function habitView(h: HabitRow): HabitView {
  return {
    id: h.id,
    name: h.name,
    difficulty: h.difficulty,
    schedule:
      h.scheduleType === "daily"
        ? { type: "daily" as const, perDay: h.scheduleTarget }
        : { type: "weekly" as const, timesPerWeek: h.scheduleTarget },
    notes: h.notes,
    archived: h.archivedAt !== null,
    createdAt: iso(h.createdAt),
    updatedAt: iso(h.updatedAt),
  };
}

export function completionView(c: CompletionRow): CompletionView {
  return {
    id: c.id,
    habitId: c.habitId,
    at: iso(c.at),
    localDay: c.localDay,
    undone: c.undoneAt !== null,
    late: c.late,
  };
}

export type { QuestStep };

export function questView(q: QuestRow): QuestView {
  return {
    id: q.id,
    title: q.title,
    description: q.description,
    difficulty: q.difficulty,
    steps: JSON.parse(q.steps) as QuestStep[],
    dueDate: q.dueDate,
    status: q.status,
    xpAwarded: q.xpAwardedAt !== null,
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
  };
}

export function moodView(m: MoodRow): MoodView {
  return {
    id: m.id,
    at: iso(m.at),
    localDay: m.localDay,
    mood: m.mood,
    sleepQuality: m.sleepQuality,
    sleepHours: m.sleepHours,
    note: m.note,
    tags: JSON.parse(m.tags) as string[],
  };
}

export function petStats(p: PetRow): PetStats {
  return { hunger: p.hunger, happiness: p.happiness, energy: p.energy, hygiene: p.hygiene };
}

/** The pet as it is at `now`: stored stats with decay for the time since they were stored. */
export function petView(p: PetRow, now: number): PetView {
  return {
    name: p.name,
    species: p.species,
    stats: decayPet(petStats(p), p.statsAt, now),
    xp: p.xp,
    stage: petStage(p.xp),
    away: p.adventureStartedAt !== null,
    adventureStartedAt: iso(p.adventureStartedAt),
    lastDeclutterAt: iso(p.lastDeclutterAt),
    cosmetics: JSON.parse(p.cosmetics) as string[],
    loot: JSON.parse(p.loot) as { id: string; name: string; rarity: string }[],
    adoptedAt: iso(p.adoptedAt),
  };
}

export type MessageRow = typeof messages.$inferSelect;

export function messageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    senderId: m.senderId,
    recipientId: m.recipientId,
    body: m.body,
    sentAt: new Date(m.sentAt).toISOString(),
    readAt: m.readAt === null ? null : new Date(m.readAt).toISOString(),
  };
}

export type AssessmentRow = typeof assessments.$inferSelect;

/**
 * A questionnaire as the API shows it, told apart by `instrument`: PHQ-9 and GAD-7 with their
 * answers (0–3), total and band; the C-SSRS screener with its yes/no answers and its triage (the
 * flag level and category it raised, both null when every answer was no).
 */
export function assessmentView(a: AssessmentRow): AssessmentView {
  const at = new Date(a.at).toISOString();
  if (a.instrument === "C-SSRS") {
    return {
      id: a.id,
      instrument: a.instrument,
      answers: JSON.parse(a.answers) as CssrsAnswers,
      level: a.riskLevel,
      category: a.riskCategory,
      at,
    };
  }
  // Migration 0010's CHECK: a PHQ-9 or GAD-7 row always has its total and band.
  if (a.score === null || a.severity === null) throw new Error(`assessment ${a.id} has no score`);
  return {
    id: a.id,
    instrument: a.instrument,
    answers: JSON.parse(a.answers) as number[],
    score: a.score,
    severity: a.severity,
    at,
  };
}
