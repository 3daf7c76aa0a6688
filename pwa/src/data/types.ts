/**
 * Entity shapes the screens read from the cache: exactly what the API and the change log send,
 * from the shared response schemas (shared/schemas/views.ts) that the Worker's view functions
 * are typed by and the OpenAPI document declares, never retyped.
 */
import type { ProgressView } from "../../../shared/domain/progression";
import type { StreakResult } from "../../../shared/domain/streaks";

export type {
  AssessmentView,
  CompletionView,
  HabitView,
  MessageView,
  MoodView,
  PetView,
  QuestView,
} from "../../../shared/schemas/views";

/** GET /api/v1/progress, kept in meta "progress" after each sync that changed something. */
export type ProgressSummary = ProgressView & {
  streaks: ({ habitId: string; name: string } & StreakResult)[];
  today: { localDay: string; xp: number; coins: number };
  fetchedAt: string;
};

/**
 * The cached `safetyPlan:me` entity: the plan as worker/commands/check-ins.ts logs it — texts by
 * section, items with ids and who added and changed each, recent changes, and who saved it last
 * (the patient, or a member of their care team). One cached before items had ids has texts only.
 */
export type SafetyPlanView = import("../../../shared/domain/safety-plan-merge").AnyPlanView;

/** GET /api/v1/me/care-team: someone assigned to me, and whether the messaging policy lets me write to them. */
export type CareTeamMember = import("../../../shared/schemas/me").CareTeamMember;

/**
 * Meta "careTeam": the care team as last fetched (so Messages can compose offline), plus the
 * names of anyone else I have a conversation with (from the server's inbox), for offline too.
 */
export interface CareTeamCache {
  members: CareTeamMember[];
  names: Record<string, { displayName: string; role: CareTeamMember["role"] | null }>;
  fetchedAt: string;
}

/** The cached `progress:me` entity: the server's level, tier, XP and coins as the change log carries them. */
export type ProgressEntity = ProgressView;

/** A private journal entry (the thought record), as the change log carries it. */
export type JournalView = import("../../../shared/schemas/views").JournalView;
