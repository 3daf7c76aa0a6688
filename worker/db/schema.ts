/**
 * The D1 schema, as drizzle tables. `npm run db:generate` turns changes here into the next
 * numbered SQL file in migrations/; read each generated file before committing it (a
 * drizzle-kit table rebuild can cascade-delete child rows on D1: ARCHITECTURE.md, Pitfalls).
 * Times are integer milliseconds since the epoch (UTC).
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
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
 * Append-only audit trail (triggers in the migration refuse UPDATE and DELETE). Never holds
 * passwords, tokens, codes or health content; the IP is an HMAC, not the address. `userId` has
 * no foreign key on purpose: events outlive the account they describe.
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
