import { useEffect, useRef, useState } from "preact/hooks";
import { DISPLAY_NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../../shared/limits";
import type { Role } from "../../../../shared/roles";
import { type AdminUserView, createUserBody, type PasswordResetCode } from "../../../../shared/schemas/admin";
import { INVITE_CODE_TTL_DAYS, type InviteResult, inviteBody } from "../../../../shared/schemas/invites";
import { api } from "../../api/session";
import { bodyOf, careWrite, invalidate, useCareData } from "../care-data";
import { DataState } from "../DataState";
import { dateTime } from "../labels";
import type { CareScreenProps } from "../screens";
import { ROLE_LABELS, type UsersPage } from "./admin-data";
import "./admin.css";

type StaffRole = Exclude<Role, "patient">;
const STAFF_ROLES: StaffRole[] = ["therapist", "clinician", "admin"];
/** Invites are for the care team; an admin is created with a password. */
const INVITE_ROLES = ["therapist", "clinician"] as const;
const PAGE_SIZE = 25;

interface Filters {
  q: string;
  role: Role | "";
  status: "active" | "disabled" | "";
}

/** An action waiting for the admin's confirmation, or its outcome. */
type Pending =
  | { kind: "disable" | "2fa" | "reset-code"; user: AdminUserView }
  | { kind: "code"; user: AdminUserView; code: PasswordResetCode }
  | { kind: "invite-code"; user: AdminUserView; code: string; expiresAt: string };

function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * Users (the admin's home): every account, searched by email or name and filtered by role and
 * status, a page at a time; create a staff account; disable and enable; reset two-factor sign-in
 * and issue a one-time password-reset code, each after a confirmation; invite a therapist or
 * clinician by email, and send an invite again while it waits. Writes need a connection.
 */
export default function Users({ user: me }: CareScreenProps) {
  const [draft, setDraft] = useState<Filters>({ q: "", role: "", status: "" });
  const [filters, setFilters] = useState<Filters>(draft);
  // The cursors of the pages before this one (paging back) and this page's own.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const key = `admin:users:${JSON.stringify([filters, cursor ?? null])}`;
  const data = useCareData(key, () =>
    api.admin.users
      .$get({
        query: {
          limit: PAGE_SIZE,
          ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
          ...(filters.role ? { role: filters.role } : {}),
          ...(filters.status ? { status: filters.status } : {}),
          ...(cursor ? { cursor } : {}),
        },
      })
      .then((res) => bodyOf<UsersPage>(res)),
  );
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [inviting, setInviting] = useState(false);
  const panel = useRef<HTMLHeadingElement>(null);
  const items = data.data?.items ?? [];

  useEffect(() => {
    if (pending) panel.current?.focus();
  }, [pending]);

  function search(e: Event) {
    e.preventDefault();
    setFilters(draft);
    setCursors([]);
  }

  async function act(kind: "disable" | "enable" | "2fa" | "reset-code" | "resend", target: AdminUserView) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const param = { id: target.id };
    if (kind === "resend") {
      const outcome = await careWrite<InviteResult>(() => api.admin.invites[":id"].resend.$post({ param }));
      setBusy(false);
      if (!outcome.ok) return setError(outcome.error);
      invalidate(key);
      const sent = outcome.body;
      if (sent.code) {
        setPending({ kind: "invite-code", user: target, code: sent.code, expiresAt: sent.inviteExpiresAt });
        return;
      }
      setNotice(
        sent.emailed === "sent"
          ? `A new invite is on its way to ${target.email}; it works until ${dateTime(sent.inviteExpiresAt)}. The earlier one no longer works.`
          : `The invite email to ${target.email} could not be sent. Try again in a moment.`,
      );
      return;
    }
    if (kind === "reset-code") {
      const outcome = await careWrite<PasswordResetCode>(() =>
        api.admin.users[":id"]["password-reset"].$post({ param }),
      );
      setBusy(false);
      if (!outcome.ok) return setError(outcome.error);
      setPending({ kind: "code", user: target, code: outcome.body });
      return;
    }
    const outcome = await careWrite<{ user: AdminUserView }>(() =>
      kind === "2fa"
        ? api.admin.users[":id"]["2fa"].reset.$post({ param })
        : api.admin.users[":id"].$patch({ param, json: { status: kind === "disable" ? "disabled" : "active" } }),
    );
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    setPending(null);
    setNotice(
      kind === "2fa"
        ? `Two-factor sign-in is reset for ${target.displayName}: every device of theirs is signed out${
            target.role === "patient" ? "." : ", and they set it up again at their next sign-in."
          }`
        : kind === "disable"
          ? `${target.displayName}'s account is disabled: every device of theirs is signed out.`
          : `${target.displayName}'s account is enabled again.`,
    );
    invalidate(key);
  }

  return (
    <div class="admin">
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Users
      </h2>
      <div class="actions">
        <button type="button" aria-expanded={inviting} onClick={() => setInviting((open) => !open)}>
          {inviting ? "Close the invite form" : "Invite a therapist or clinician"}
        </button>
        <button type="button" class="secondary" aria-expanded={creating} onClick={() => setCreating((open) => !open)}>
          {creating ? "Close the new account form" : "Create a staff account"}
        </button>
      </div>
      {inviting ? (
        <InviteStaff
          onInvited={() => {
            // The list starts again at its first page, unfiltered: the invited account is on top.
            setNotice(null);
            invalidate(key);
            setCursors([]);
            setDraft({ q: "", role: "", status: "" });
            setFilters({ q: "", role: "", status: "" });
          }}
        />
      ) : null}
      {creating ? (
        <CreateStaff
          onCreated={() => {
            // The list starts again at its first page, unfiltered: the new account is on top.
            setNotice(null);
            invalidate(key);
            setCursors([]);
            setDraft({ q: "", role: "", status: "" });
            setFilters({ q: "", role: "", status: "" });
          }}
        />
      ) : null}
      <form class="filters" onSubmit={search} aria-label="Search accounts">
        <label>
          Email or name contains
          <input
            type="search"
            maxLength={100}
            value={draft.q}
            onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
          />
        </label>
        <label>
          Role
          <select
            value={draft.role}
            onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Filters["role"] })}
          >
            <option value="">Any role</option>
            {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value as Filters["status"] })}
          >
            <option value="">Active or disabled</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </label>
        <div class="actions">
          <button type="submit">Search</button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              const blank: Filters = { q: "", role: "", status: "" };
              setDraft(blank);
              setFilters(blank);
              setCursors([]);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {notice ? (
        <p class="panel done" role="status" data-testid="users-notice">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" class="error" data-testid="users-error">
          {error}
        </p>
      ) : null}
      {pending ? (
        <section
          class={`panel ${pending.kind === "code" || pending.kind === "invite-code" ? "done" : "warning"}`}
          aria-labelledby="pending-title"
        >
          {pending.kind === "invite-code" ? (
            <>
              <h3 id="pending-title" tabIndex={-1} ref={panel}>
                Invite code for {pending.user.displayName}
              </h3>
              <p>
                <span class="one-time-code" data-testid="invite-code">
                  {pending.code}
                </span>
              </p>
              <p>
                Email is not set up on this server, so no invite was sent: hand this code to {pending.user.displayName}{" "}
                in person. It works once, until {dateTime(pending.expiresAt)}, in Haven under “Invited to Haven? Set
                your password”. This is the only time it is shown; the earlier code no longer works.
              </p>
              <button type="button" onClick={() => setPending(null)}>
                Done: I have handed it over
              </button>
            </>
          ) : pending.kind === "code" ? (
            <>
              <h3 id="pending-title" tabIndex={-1} ref={panel}>
                Password-reset code for {pending.user.displayName}
              </h3>
              <p>
                <span class="one-time-code" data-testid="reset-code">
                  {pending.code.code}
                </span>
              </p>
              <p>
                Hand it to {pending.user.displayName} in person. It works once, until {dateTime(pending.code.expiresAt)}
                , on the sign-in screen under “Have a reset code from your admin?”. Haven keeps only a fingerprint of
                it: this is the only time it is shown. Issuing another replaces it.
              </p>
              <button type="button" onClick={() => setPending(null)}>
                Done: I have handed it over
              </button>
            </>
          ) : (
            <>
              <h3 id="pending-title" tabIndex={-1} ref={panel}>
                {pending.kind === "disable"
                  ? `Disable ${pending.user.displayName}'s account?`
                  : pending.kind === "2fa"
                    ? `Reset two-factor sign-in for ${pending.user.displayName}?`
                    : `Issue a password-reset code for ${pending.user.displayName}?`}
              </h3>
              <p>
                {pending.kind === "disable"
                  ? "They are signed out on every device at once and cannot sign in until an admin enables the account again."
                  : pending.kind === "2fa"
                    ? "Their authenticator and recovery codes stop working and every device of theirs is signed out. Staff set two-factor sign-in up again at their next sign-in."
                    : "A one-time code for someone who cannot use email, to hand over in person. It replaces any code issued before and works for 24 hours. Two-factor sign-in stays on."}
              </p>
              <div class="actions">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void act(pending.kind as "disable" | "2fa" | "reset-code", pending.user)}
                >
                  {pending.kind === "disable"
                    ? "Disable the account"
                    : pending.kind === "2fa"
                      ? "Reset two-factor sign-in"
                      : "Issue the code"}
                </button>
                <button type="button" class="secondary" onClick={() => setPending(null)}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </section>
      ) : null}
      <DataState data={data} what="the accounts" />
      {data.data ? (
        items.length === 0 ? (
          <p data-testid="users-empty">No account matches.</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="users">
              <caption class="visually-hidden">Accounts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <abbr title="Two-factor sign-in">2FA</abbr>
                  </th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr key={u.id} data-user={u.id}>
                    <th scope="row">
                      {u.displayName}
                      {u.id === me.id ? <span class="muted"> (you)</span> : null}
                    </th>
                    <td class="wrap-anywhere email">{u.email}</td>
                    <td class="nowrap">{ROLE_LABELS[u.role]}</td>
                    <td>
                      {u.invitedAt && u.status === "active" ? (
                        <>
                          <span class="status-badge invited">Invited — waiting for them to set a password</span>
                          <span class="muted invite-expiry">
                            {u.inviteExpiresAt && Date.parse(u.inviteExpiresAt) > Date.now()
                              ? `Invite works until ${dateTime(u.inviteExpiresAt)}`
                              : "The invite has expired: send it again"}
                          </span>
                        </>
                      ) : (
                        <span class={`status-badge ${u.status}`}>{u.status === "active" ? "Active" : "Disabled"}</span>
                      )}
                    </td>
                    <td>{u.mfaEnabled ? "On" : "Off"}</td>
                    <td class="nowrap">
                      {new Date(u.createdAt).toLocaleDateString(undefined, { dateStyle: "medium" })}
                    </td>
                    <td class="row-actions">
                      <div class="actions">
                        {u.status === "disabled" ? (
                          <button type="button" class="secondary" disabled={busy} onClick={() => void act("enable", u)}>
                            Enable<span class="visually-hidden"> {u.displayName}</span>
                          </button>
                        ) : u.id === me.id ? null : (
                          <button
                            type="button"
                            class="secondary"
                            onClick={() => setPending({ kind: "disable", user: u })}
                          >
                            Disable<span class="visually-hidden"> {u.displayName}</span>
                          </button>
                        )}
                        {u.mfaEnabled ? (
                          <button type="button" class="secondary" onClick={() => setPending({ kind: "2fa", user: u })}>
                            Reset 2FA<span class="visually-hidden"> for {u.displayName}</span>
                          </button>
                        ) : null}
                        {u.invitedAt && u.status === "active" ? (
                          <button type="button" class="secondary" disabled={busy} onClick={() => void act("resend", u)}>
                            Send again<span class="visually-hidden"> the invite to {u.displayName}</span>
                          </button>
                        ) : (
                          <button
                            type="button"
                            class="secondary"
                            onClick={() => setPending({ kind: "reset-code", user: u })}
                          >
                            Reset code<span class="visually-hidden"> for {u.displayName}</span>
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {data.data && (cursors.length > 0 || data.data.hasMore) ? (
        <nav class="actions" aria-label="Pages of accounts">
          <button
            type="button"
            class="secondary"
            disabled={cursors.length === 0}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Previous page
          </button>
          <span class="muted">Page {cursors.length + 1}</span>
          <button
            type="button"
            class="secondary"
            disabled={!data.data.hasMore || !data.data.cursor}
            onClick={() => {
              const next = data.data?.cursor;
              if (next) setCursors((c) => [...c, next]);
            }}
          >
            Next page
          </button>
        </nav>
      ) : null}
    </div>
  );
}

/** The first problem zod reports for each top-level field of a form. */
function firstIssuePerField<K extends string>(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const next: Partial<Record<K, string>> = {};
  for (const issue of issues) {
    const name = String(issue.path[0]) as K;
    next[name] ??= issue.message;
  }
  return next;
}

type IdentityErrors = Partial<Record<"email" | "displayName", string>>;

/**
 * A staff member's name, email and role, as both forms ask for them (create with a password,
 * invite by email): ids prefixed per form, each field's problem tied to it for screen readers.
 */
function StaffIdentityFields<R extends StaffRole>({
  prefix,
  value,
  roles,
  errors,
  onChange,
}: {
  prefix: string;
  value: { displayName: string; email: string; role: R };
  roles: readonly R[];
  errors: IdentityErrors;
  onChange: (patch: Partial<{ displayName: string; email: string; role: R }>) => void;
}) {
  const field = (name: keyof IdentityErrors) => ({
    "aria-invalid": errors[name] ? ("true" as const) : undefined,
    "aria-describedby": errors[name] ? `${prefix}-${name}-error` : undefined,
  });
  const problem = (name: keyof IdentityErrors) =>
    errors[name] ? (
      <span class="field-error" id={`${prefix}-${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  return (
    <>
      <div class="field">
        <label for={`${prefix}-displayName`}>Name</label>
        <input
          id={`${prefix}-displayName`}
          autoComplete="off"
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          value={value.displayName}
          onInput={(e) => onChange({ displayName: e.currentTarget.value })}
          {...field("displayName")}
        />
        {problem("displayName")}
      </div>
      <div class="field">
        <label for={`${prefix}-email`}>Email</label>
        <input
          id={`${prefix}-email`}
          type="email"
          autoComplete="off"
          value={value.email}
          onInput={(e) => onChange({ email: e.currentTarget.value })}
          {...field("email")}
        />
        {problem("email")}
      </div>
      <div class="field">
        <label for={`${prefix}-role`}>Role</label>
        <select
          id={`${prefix}-role`}
          value={value.role}
          onChange={(e) => onChange({ role: e.currentTarget.value as R })}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

type FieldErrors = Partial<Record<"email" | "displayName" | "role" | "timezone" | "password", string>>;

/** The form for a new therapist, clinician or admin, checked here by the API's own schema first. */
function CreateStaff({ onCreated }: { onCreated: (user: AdminUserView) => void }) {
  const [form, setForm] = useState({
    email: "",
    displayName: "",
    role: "therapist" as StaffRole,
    timezone: deviceTimeZone(),
    password: "",
  });
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<AdminUserView | null>(null);
  const result = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (created) result.current?.focus();
  }, [created]);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const parsed = createUserBody.safeParse(form);
    if (!parsed.success) {
      setFields(firstIssuePerField<keyof FieldErrors>(parsed.error.issues));
      setError("Some fields need another look; each one says what.");
      return;
    }
    setFields({});
    setBusy(true);
    const outcome = await careWrite<{ user: AdminUserView }>(() => api.admin.users.$post({ json: parsed.data }));
    setBusy(false);
    if (!outcome.ok) {
      if (outcome.code === "EMAIL_TAKEN") setFields({ email: outcome.error });
      if (outcome.code === "PASSWORD_TOO_COMMON") setFields({ password: outcome.error });
      setError(outcome.error);
      return;
    }
    setCreated(outcome.body.user);
    setForm({ ...form, email: "", displayName: "", password: "" });
    onCreated(outcome.body.user);
  }

  const field = (name: keyof FieldErrors) => ({
    "aria-invalid": fields[name] ? ("true" as const) : undefined,
    "aria-describedby": fields[name] ? `new-${name}-error` : undefined,
  });
  const problem = (name: keyof FieldErrors) =>
    fields[name] ? (
      <span class="field-error" id={`new-${name}-error`}>
        {fields[name]}
      </span>
    ) : null;

  return (
    <section class="panel" aria-labelledby="create-title">
      <h3 id="create-title">Create a staff account</h3>
      <form onSubmit={submit} noValidate data-testid="create-staff">
        <div class="filters">
          <StaffIdentityFields
            prefix="new"
            value={form}
            roles={STAFF_ROLES}
            errors={fields}
            onChange={(patch) => setForm({ ...form, ...patch })}
          />
          <div class="field">
            <label for="new-timezone">Time zone</label>
            <input
              id="new-timezone"
              autoComplete="off"
              value={form.timezone}
              onInput={(e) => setForm({ ...form, timezone: e.currentTarget.value })}
              {...field("timezone")}
            />
            {problem("timezone")}
          </div>
          <div class="field">
            <label for="new-password">Initial password</label>
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              value={form.password}
              onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
              {...field("password")}
              aria-describedby={fields.password ? "new-password-error new-password-hint" : "new-password-hint"}
            />
            <span class="muted field-hint" id="new-password-hint">
              {PASSWORD_MIN_LENGTH}–{PASSWORD_MAX_LENGTH} characters
            </span>
            {problem("password")}
          </div>
        </div>
        <p class="muted">
          Give the password to them in person. Staff set up two-factor sign-in the first time they sign in.
        </p>
        {error ? (
          <p role="alert" class="error" data-testid="create-error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create the account"}
        </button>
      </form>
      {created ? (
        <p class="panel done" role="status" tabIndex={-1} ref={result} data-testid="created-account">
          Created {created.displayName} ({created.email}), {ROLE_LABELS[created.role].toLowerCase()}, active.
        </p>
      ) : null}
    </section>
  );
}

type InviteFieldErrors = Partial<Record<"email" | "displayName" | "role", string>>;

/**
 * The invite form: a therapist or clinician gets an email with a one-time code that sets their
 * password (7 days); two-factor set-up follows at their first sign-in. When this server has no
 * email set up, the code is shown here once instead, for the admin to hand over.
 */
function InviteStaff({ onInvited }: { onInvited: (user: AdminUserView) => void }) {
  const [form, setForm] = useState({ email: "", displayName: "", role: "clinician" as (typeof INVITE_ROLES)[number] });
  const [fields, setFields] = useState<InviteFieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<InviteResult | null>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (invited) result.current?.focus();
  }, [invited]);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setInvited(null);
    const parsed = inviteBody.safeParse({ ...form, timezone: deviceTimeZone() });
    if (!parsed.success) {
      setFields(firstIssuePerField<keyof InviteFieldErrors>(parsed.error.issues));
      setError("Some fields need another look; each one says what.");
      return;
    }
    setFields({});
    setBusy(true);
    const outcome = await careWrite<InviteResult>(() => api.admin.invites.$post({ json: parsed.data }));
    setBusy(false);
    if (!outcome.ok) {
      if (outcome.code === "EMAIL_TAKEN") setFields({ email: outcome.error });
      setError(outcome.error);
      return;
    }
    setInvited(outcome.body);
    setForm({ ...form, email: "", displayName: "" });
    onInvited(outcome.body.user);
  }

  return (
    <section class="panel" aria-labelledby="invite-title">
      <h3 id="invite-title">Invite a therapist or clinician</h3>
      <form onSubmit={submit} noValidate data-testid="invite-staff">
        <div class="filters">
          <StaffIdentityFields
            prefix="invite"
            value={form}
            roles={INVITE_ROLES}
            errors={fields}
            onChange={(patch) => setForm({ ...form, ...patch })}
          />
        </div>
        <p class="muted">
          They get an email with a link and a code to set their own password; it works for {INVITE_CODE_TTL_DAYS} days.
          At their first sign-in they set up two-factor sign-in.
        </p>
        {error ? (
          <p role="alert" class="error" data-testid="invite-error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? "Inviting…" : "Send the invite"}
        </button>
      </form>
      {invited ? (
        <div class="panel done" role="status" tabIndex={-1} ref={result} data-testid="invited-account">
          {invited.emailed === "sent" ? (
            <p>
              Invite sent to {invited.user.displayName} ({invited.user.email}),{" "}
              {ROLE_LABELS[invited.user.role].toLowerCase()}. It works until {dateTime(invited.inviteExpiresAt)}.
            </p>
          ) : invited.code ? (
            <>
              <p>
                Email is not set up on this server, so no invite was sent. Hand this code to {invited.user.displayName}{" "}
                in person; it works once, until {dateTime(invited.inviteExpiresAt)}, in Haven under “Invited to Haven?
                Set your password”. This is the only time it is shown.
              </p>
              <p>
                <span class="one-time-code" data-testid="invite-code">
                  {invited.code}
                </span>
              </p>
            </>
          ) : (
            <p>
              {invited.user.displayName}'s account is waiting, but the invite email could not be sent. Use “Send again”
              in the list in a moment.
            </p>
          )}
        </div>
      ) : null}
    </section>
  );
}
