/**
 * The D1 schema, as drizzle tables. `npm run db:generate` turns changes here into the next
 * numbered SQL file in migrations/; read each generated file before committing it (a
 * drizzle-kit table rebuild can cascade-delete child rows on D1: ARCHITECTURE.md, Pitfalls).
 * Times are integer milliseconds since the epoch (UTC).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Severity } from "../../shared/domain/assessments";
import type { PetSpecies } from "../../shared/domain/pet";
import type { CssrsCategory } from "../../shared/domain/risk-flags";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Stored trimmed and lowercased; the unique index on lower(email) guards older rows too. */
    email: text("email").notNull(),
    role: text("role", { enum: ["patient", "therapist", "clinician", "admin"] }).notNull(),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    displayName: text("display_name").notNull(),
    timezone: text("timezone").notNull(),
    /** The hour (0–23, local) at which the user's day starts: a 02:00 check-in belongs to yesterday. */
    dayStartHour: integer("day_start_hour").notNull().default(4),
    /** `scrypt$N$r$p$salt$hash`: parameters beside each hash so they can be raised later. */
    passwordHash: text("password_hash").notNull(),
    /** Base32 TOTP secret once 2FA is confirmed; null when 2FA is off. */
    totpSecret: text("totp_secret"),
    /** Secret handed out by /2fa/enroll, waiting for /2fa/confirm. */
    totpPendingSecret: text("totp_pending_secret"),
    /** Last accepted TOTP time step: a code is accepted once (no replay within its window). */
    totpLastStep: integer("totp_last_step"),
    /** Consent to chat with the AI companion (PRODUCT.md, "Account"): off until the patient turns it on. */
    consentCompanion: integer("consent_companion", { mode: "boolean" }).notNull().default(false),
    /** Consent to donate de-identified data for research: off by default. */
    consentResearch: integer("consent_research", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /**
     * Counts changes to what the patient's caseload summary is computed from (op records, moods,
     * habits, completions): bumped by triggers (migrations/0016), read by db/summary-cache.ts.
     */
    summaryVersion: integer("summary_version").notNull().default(0),
    /** When the current email address was shown to be the user's (migration 0021); null until then. */
    emailVerifiedAt: integer("email_verified_at"),
    /** A staff member invited by email who has not yet set a password (migration 0021). */
    invitedAt: integer("invited_at"),
    /** When the patient finished or skipped the first-run flow (migration 0022); null until then. */
    onboardedAt: integer("onboarded_at"),
    /**
     * Counts changes to what the user's Durable Object decides commands from (its kept state:
     * worker/commands/kept-state.ts): bumped by triggers (migrations/0023), checked by db/state-version.ts.
     */
    stateVersion: integer("state_version").notNull().default(0),
  },
  (t) => [uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`), index("users_role").on(t.role)],
);

/**
 * A session is one sign-in on one device, and also the refresh-token family: every rotated
 * token of that sign-in belongs to it, and revoking it ends them all plus its access tokens
 * (they carry the session id and are checked against this row).
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    /** Absolute end of the family (created + 30 days); rotation never moves it. */
    expiresAt: integer("expires_at").notNull(),
    lastUsedAt: integer("last_used_at").notNull(),
    revokedAt: integer("revoked_at"),
    revokedReason: text("revoked_reason"),
    userAgent: text("user_agent"),
    ipHash: text("ip_hash"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Refresh tokens, stored as SHA-256 hashes; a used one that comes back is reuse. */
export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    issuedAt: integer("issued_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("refresh_tokens_session").on(t.sessionId)],
);

/** Single-use 2FA recovery codes, stored hashed. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [uniqueIndex("recovery_codes_user_code").on(t.userId, t.codeHash)],
);

/**
 * Append-only audit trail (triggers in the migrations refuse UPDATE and DELETE, except the
 * pseudonymisation of a deleted account: migration 0011). Never holds passwords, tokens, codes or
 * health content; the IP and email are HMACs. `userId` has no foreign key on purpose: events
 * outlive the account they describe, which is then named by a keyed tombstone (`deleted:…`).
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    requestId: text("request_id").notNull(),
    userId: text("user_id"),
    role: text("role"),
    action: text("action").notNull(),
    target: text("target"),
    outcome: text("outcome", { enum: ["success", "failure", "blocked"] }).notNull(),
    errorCode: text("error_code"),
    ipHash: text("ip_hash"),
  },
  (t) => [
    index("audit_at").on(t.at),
    index("audit_user").on(t.userId),
    index("audit_action").on(t.action),
    index("audit_request").on(t.requestId),
  ],
);

// ---------------------------------------------------------------------------------------------
// The wellbeing domain. Every row a patient owns is keyed by (user_id, id): ids may be minted
// offline by the client, and a collision with another user's id is impossible by construction.
// Every query filters by user_id first (object-level authorization in the schema itself).
// ---------------------------------------------------------------------------------------------

export const habits = sqliteTable(
  "habits",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    difficulty: text("difficulty", { enum: ["easy", "medium", "hard"] }).notNull(),
    scheduleType: text("schedule_type", { enum: ["daily", "weekly"] }).notNull(),
    /** Daily: completions per day; weekly: times per week. */
    scheduleTarget: integer("schedule_target").notNull(),
    notes: text("notes"),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Where its streak's walk stopped (migration 0015, db/habit-streaks.ts): the first day not walked. */
    streakThrough: text("streak_through"),
    /** The walk before `streakThrough` (a StreakCheckpoint, JSON). */
    streakState: text("streak_state"),
    /** Counts its completions and undos: a checkpoint is saved only if this has not moved. */
    streakVersion: integer("streak_version").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] })],
);

export const habitCompletions = sqliteTable(
  "habit_completions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    habitId: text("habit_id").notNull(),
    /** The client's time of the completion (ms); never later than the server's time of receipt. */
    at: integer("at").notNull(),
    /** The user's local day it counts for (timezone + day-start hour at the time). */
    localDay: text("local_day").notNull(),
    xp: integer("xp").notNull(),
    coins: integer("coins").notNull(),
    undoneAt: integer("undone_at"),
    createdAt: integer("created_at").notNull(),
    /** Its client time lay outside the accepted window: kept, but it earned nothing (no streak credit). */
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    /** When its local day ends in the zone it was made in (ms); null before migration 0012. */
    dayEndsAt: integer("day_ends_at"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index("habit_completions_day").on(t.userId, t.habitId, t.localDay),
    index("habit_completions_at").on(t.userId, t.at),
  ],
);

export const quests = sqliteTable(
  "quests",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    difficulty: text("difficulty", { enum: ["easy", "medium", "hard"] }).notNull(),
    /** JSON array of { id, title, done }. */
    steps: text("steps").notNull().default("[]"),
    dueDate: text("due_date"),
    status: text("status", { enum: ["active", "paused", "done"] })
      .notNull()
      .default("active"),
    /** Set the first time the quest is done: its XP is awarded once, ever. */
    xpAwardedAt: integer("xp_awarded_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] })],
);

export const moods = sqliteTable(
  "moods",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    at: integer("at").notNull(),
    localDay: text("local_day").notNull(),
    mood: integer("mood").notNull(),
    sleepQuality: integer("sleep_quality").notNull(),
    sleepHours: real("sleep_hours"),
    note: text("note"),
    /** JSON array of strings. */
    tags: text("tags").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
    /** When its local day ends in the zone it was logged in (ms); null before migration 0012. */
    dayEndsAt: integer("day_ends_at"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] }), index("moods_at").on(t.userId, t.at)],
);

export const assessments = sqliteTable(
  "assessments",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    instrument: text("instrument", { enum: ["PHQ-9", "GAD-7", "C-SSRS"] }).notNull(),
    /** JSON: PHQ-9 and GAD-7, an array of item answers (0–3); the C-SSRS, yes/no by item (CssrsAnswers). */
    answers: text("answers").notNull(),
    /** PHQ-9 and GAD-7 only (migration 0010 checks it): the C-SSRS has no total and no band. */
    score: integer("score"),
    severity: text("severity").$type<Severity>(),
    /** The C-SSRS only: its triage (shared/domain/cssrs.ts); null when every answer was no. */
    riskLevel: text("risk_level", { enum: ["high", "medium"] }),
    riskCategory: text("risk_category").$type<CssrsCategory>(),
    at: integer("at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] }), index("assessments_at").on(t.userId, t.instrument, t.at)],
);

/** One personal safety plan per patient (JSON of its five sections). */
export const safetyPlans = sqliteTable("safety_plans", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  plan: text("plan").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

/** One pet per patient; stats are stored as of `statsAt` and decay is applied on read. */
export const pets = sqliteTable("pets", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  species: text("species").$type<PetSpecies>().notNull(),
  hunger: integer("hunger").notNull(),
  happiness: integer("happiness").notNull(),
  energy: integer("energy").notNull(),
  hygiene: integer("hygiene").notNull(),
  statsAt: integer("stats_at").notNull(),
  xp: integer("xp").notNull().default(0),
  adventureStartedAt: integer("adventure_started_at"),
  lastDeclutterAt: integer("last_declutter_at"),
  /** JSON arrays: cosmetics bought, loot found. */
  cosmetics: text("cosmetics").notNull().default("[]"),
  loot: text("loot").notNull().default("[]"),
  adoptedAt: integer("adopted_at").notNull(),
});

/** Running totals, kept in the same batch as every reward: the ledger below is the truth. */
export const progress = sqliteTable("progress", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  xp: integer("xp").notNull().default(0),
  coins: integer("coins").notNull().default(0),
  updatedAt: integer("updated_at").notNull(),
});

/** Every XP and coin movement (earned, undone, spent), with the local day it counts for. */
export const rewards = sqliteTable(
  "rewards",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    opId: text("op_id").notNull(),
    source: text("source", { enum: ["habit", "quest", "mood", "pet", "shop"] }).notNull(),
    refId: text("ref_id"),
    localDay: text("local_day").notNull(),
    xp: integer("xp").notNull(),
    coins: integer("coins").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [
    index("rewards_day").on(t.userId, t.localDay),
    index("rewards_ref").on(t.userId, t.source, t.refId),
    index("rewards_source_at").on(t.userId, t.source, t.at),
  ],
);

/**
 * Raised by a risk rule (shared/domain/risk-flags.ts): a level, a source, the C-SSRS category
 * matched (never the patient's words), and a status open → acknowledged → resolved with who,
 * when and a note at each step.
 */
export const riskFlags = sqliteTable(
  "risk_flags",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    source: text("source", { enum: ["companion", "low_mood", "phq9_item9", "cssrs", "sos"] }).notNull(),
    level: text("level", { enum: ["high", "medium", "low"] }).notNull(),
    category: text("category").$type<CssrsCategory>(),
    refId: text("ref_id"),
    createdAt: integer("created_at").notNull(),
    status: text("status", { enum: ["open", "acknowledged", "resolved"] })
      .notNull()
      .default("open"),
    acknowledgedAt: integer("acknowledged_at"),
    acknowledgedBy: text("acknowledged_by"),
    acknowledgedNote: text("acknowledged_note"),
    resolvedAt: integer("resolved_at"),
    resolvedBy: text("resolved_by"),
    resolvedNote: text("resolved_note"),
    /** When its staff were alerted (migration 0020; claimed once by worker/notify/flag-alerts.ts). */
    notifiedAt: integer("notified_at"),
    /** When an unacknowledged high flag went to the on-call contact, and to whom. */
    escalatedAt: integer("escalated_at"),
    escalatedTo: text("escalated_to"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index("risk_flags_open").on(t.userId, t.acknowledgedAt),
    index("risk_flags_status").on(t.userId, t.status, t.level),
  ],
);

/**
 * Applied (or rejected) commands by idempotency key. Written in the same D1 batch as the
 * command's effects, so a replay of the opId — a retry, a second tab, a second device, or the
 * same request after a crash between write and reply — gets this result back and never
 * applies the command twice.
 */
export const ops = sqliteTable(
  "ops",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    opId: text("op_id").notNull(),
    type: text("type").notNull(),
    outcome: text("outcome", { enum: ["applied", "rejected"] }).notNull(),
    /** The HTTP status the command answered with the first time. */
    status: integer("status").notNull(),
    /** JSON of the first answer's body. */
    result: text("result").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.opId] }), index("ops_at").on(t.userId, t.createdAt)],
);

/**
 * The change log sync pulls from: one row per change a user may see, in commit order. `seq` is
 * a D1 autoincrement — monotonic across the database, never a timestamp — and rows are written
 * in the same batch as the change itself. `op` "delete" is a tombstone (deleted or archived).
 */
export const changes = sqliteTable(
  "changes",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    /** Who may see this change (the owner; later also the other party of a message). */
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    op: text("op", { enum: ["upsert", "delete"] }).notNull(),
    /** JSON of the entity as the API shows it; null for a tombstone. */
    data: text("data"),
    at: integer("at").notNull(),
  },
  (t) => [index("changes_user_seq").on(t.userId, t.seq)],
);

/** Which staff member looks after which patient. Access to a patient's data exists only while a row does. */
export const assignments = sqliteTable(
  "assignments",
  {
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    patientId: text("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.patientId] }), index("assignments_patient").on(t.patientId)],
);

/** A patient's block on another patient's messages (issue 13, item 6): one-way, per pair. */
export const messageBlocks = sqliteTable(
  "message_blocks",
  {
    blockerId: text("blocker_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    blockedId: text("blocked_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })],
);

/**
 * Messages between two users. Each participant deletes only for themselves. The body is also
 * indexed by `messages_fts` (an FTS5 table kept in step by triggers, in the migration). No
 * foreign keys on the participants (migration 0011): a thread stays in the other person's inbox
 * after one participant's account is deleted (docs/security.md, "Deleting an account").
 */
export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    senderId: text("sender_id").notNull(),
    recipientId: text("recipient_id").notNull(),
    body: text("body").notNull(),
    /** The sender's client time (written offline, perhaps). */
    sentAt: integer("sent_at").notNull(),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
    deletedBySenderAt: integer("deleted_by_sender_at"),
    deletedByRecipientAt: integer("deleted_by_recipient_at"),
  },
  (t) => [index("messages_sender").on(t.senderId, t.sentAt), index("messages_recipient").on(t.recipientId, t.sentAt)],
);

/**
 * Clinicians' private notes about a patient: never shown to the patient, therapists or admins.
 * A note goes with the patient's account but outlives its author's (no foreign key on the author,
 * migration 0011; docs/security.md, "Retention").
 */
export const clinicalNotes = sqliteTable(
  "clinical_notes",
  {
    id: text("id").primaryKey(),
    patientId: text("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: text("author_id").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("clinical_notes_patient").on(t.patientId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------
// The AI companion and the private journal. Chats and journal entries are the patient's alone:
// no staff route reads these tables, and nothing from them goes to logs or audit rows.
// ---------------------------------------------------------------------------------------------

/** One chat with the companion. `title` is the start of its first message, for the history list. */
export const companionConversations = sqliteTable(
  "companion_conversations",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("companion_conversations_user").on(t.userId, t.updatedAt)],
);

/**
 * The turns of a conversation. `replaced` marks an assistant turn whose model output failed the
 * safety check: the stored content is the safe message the patient was shown instead.
 */
export const companionMessages = sqliteTable(
  "companion_messages",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => companionConversations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull(),
    replaced: integer("replaced", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("companion_messages_conversation").on(t.conversationId, t.createdAt)],
);

/** Private journal entries (the offline thought record), written through the outbox. */
export const journalEntries = sqliteTable(
  "journal_entries",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    kind: text("kind", { enum: ["thought_record"] }).notNull(),
    /** JSON of the entry's fields (for a thought record: situation, thoughts, feelings, …). */
    entry: text("entry").notNull(),
    /** The client's time of the first write. */
    at: integer("at").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] }), index("journal_entries_at").on(t.userId, t.at)],
);

/**
 * The service's own 5xx answers, one row each (migration 0018): the admin health's "last errors"
 * count. No user data; rows older than SERVER_ERROR_RETENTION_MS go as new ones arrive.
 */
export const serverErrors = sqliteTable(
  "server_errors",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    requestId: text("request_id").notNull(),
    status: integer("status").notNull(),
    code: text("code").notNull(),
  },
  (t) => [index("server_errors_at").on(t.at)],
);

/**
 * One-time password-reset codes an admin issues (migration 0019): one live code per user,
 * SHA-256 hashed, short-lived, deleted when redeemed.
 */
export const passwordResetCodes = sqliteTable("password_reset_codes", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  codeHash: text("code_hash").notNull(),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  /** The admin who issued it. */
  createdBy: text("created_by").notNull(),
  /** admin: handed over in person; email: requested and emailed; invite: a staff invite (migration 0021). */
  purpose: text("purpose", { enum: ["admin", "email", "invite"] })
    .notNull()
    .default("admin"),
});

/** One live email-verification code per user, for the address it was sent to (migration 0021). */
export const emailVerificationCodes = sqliteTable("email_verification_codes", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  codeHash: text("code_hash").notNull(),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
});

/**
 * Web Push subscriptions (migration 0020): one per browser, tied to the session that made it
 * (sign-out removes it), removed too when the push service answers 404 or 410.
 */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    endpoint: text("endpoint").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSentAt: integer("last_sent_at"),
  },
  (t) => [index("push_subscriptions_user").on(t.userId), index("push_subscriptions_session").on(t.sessionId)],
);

/**
 * One row, `ok = 1`, and a CHECK that refuses any other value (migration 0023): a write decided
 * from kept state inserts 0 here when the state changed since it was read, which aborts its batch
 * (db/state-version.ts).
 */
export const keptStateGuard = sqliteTable("kept_state_guard", {
  ok: integer("ok").primaryKey(),
});

/** Deployment-wide settings an admin configures (migration 0020): escalation minutes, on-call contact. */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

/** A patient's opt-in reminders (migration 0020): the daily check-in and quiet hours, in local minutes. */
export const reminderPrefs = sqliteTable("reminder_prefs", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  checkinEnabled: integer("checkin_enabled", { mode: "boolean" }).notNull().default(false),
  /** Local minute of the day (0–1439). */
  checkinMinute: integer("checkin_minute").notNull().default(1200),
  quietStartMinute: integer("quiet_start_minute"),
  quietEndMinute: integer("quiet_end_minute"),
  /** The local day (YYYY-MM-DD, the user's day-start rule) the check-in reminder last went out. */
  checkinLastDay: text("checkin_last_day"),
  updatedAt: integer("updated_at").notNull(),
});

/** A reminder per habit at a local minute of the day (migration 0020). */
export const habitReminders = sqliteTable(
  "habit_reminders",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    habitId: text("habit_id").notNull(),
    minute: integer("minute").notNull(),
    lastDay: text("last_day"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.habitId] })],
);
