import { useState } from "preact/hooks";
import type { AuditEventView } from "../../../../shared/schemas/admin";
import { api } from "../../api/session";
import { bodyOf, useCareData } from "../care-data";
import { DataState } from "../DataState";
import type { CareScreenProps } from "../screens";
import type { UsersPage } from "./admin-data";
import "./admin.css";

interface AuditPage {
  items: AuditEventView[];
  cursor: string | null;
  hasMore: boolean;
}

type Outcome = "success" | "failure" | "blocked";

/** The filters as typed: the user by email or id, times as the browser's local date and time. */
interface Draft {
  user: string;
  action: string;
  outcome: Outcome | "";
  requestId: string;
  from: string;
  to: string;
  limit: string;
}

/** The filters as the API takes them (GET /admin/audit). */
interface Query {
  userId?: string;
  action?: string;
  outcome?: Outcome;
  requestId?: string;
  from?: string;
  to?: string;
  limit: number;
}

const BLANK: Draft = { user: "", action: "", outcome: "", requestId: "", from: "", to: "", limit: "25" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Actions the service records, offered as suggestions (any action can be typed). */
const KNOWN_ACTIONS = [
  "auth.login",
  "auth.login.mfa_required",
  "auth.logout",
  "auth.password.change",
  "auth.password_reset.redeem",
  "admin.audit.read",
  "admin.user.create",
  "admin.user.update",
  "admin.user.disable",
  "admin.user.enable",
  "admin.user.2fa_reset",
  "admin.user.password_reset_code",
  "admin.assignment.create",
  "admin.assignment.delete",
  "admin.escalation.update",
  "flag.escalated",
  "authz.denied",
  "rate_limit.block",
];

const OUTCOME_NAMES: Record<Outcome, string> = { success: "Success", failure: "Failure", blocked: "Blocked" };

/** An action name that may wrap after each dot ("admin.user.<wbr>password_reset_code"), never mid-word. */
function breakable(action: string) {
  return action.split(".").map((part, i) => (i === 0 ? part : [<wbr key={i} />, `.${part}`]));
}

/** A local date-time field's value ("2026-05-01T09:30") as an ISO instant, or null when not a time. */
function instant(local: string): string | null {
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * The audit log: every filter GET /admin/audit has (who, action, outcome, request, a time range)
 * and its cursor paging, newest first. A user is found by their email or id. Crisis events show
 * only that they happened (the API hides who and which).
 */
export default function AuditLog(_: CareScreenProps) {
  const [draft, setDraft] = useState<Draft>(BLANK);
  const [query, setQuery] = useState<Query>({ limit: 25 });
  const [cursors, setCursors] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cursor = cursors.at(-1);
  const key = `admin:audit:${JSON.stringify([query, cursor ?? null])}`;
  // Reading the log is itself audited (admin.audit.read): loaded when asked, never on a timer.
  const data = useCareData(
    key,
    () =>
      api.admin.audit
        .$get({ query: { ...query, ...(cursor ? { cursor } : {}) } })
        .then((res) => bodyOf<AuditPage>(res)),
    { refreshMs: null },
  );

  async function apply(e: Event) {
    e.preventDefault();
    setProblem(null);
    const next: Query = { limit: Number(draft.limit) };
    const who = draft.user.trim();
    if (who) {
      if (UUID.test(who)) next.userId = who.toLowerCase();
      else if (who.includes("@")) {
        setBusy(true);
        try {
          const page = await api.admin.users.$get({ query: { q: who, limit: 100 } }).then((r) => bodyOf<UsersPage>(r));
          const found = page.items.find((u) => u.email.toLowerCase() === who.toLowerCase());
          if (!found) return setProblem(`No account has the email ${who}.`);
          next.userId = found.id;
        } catch {
          return setProblem("Finding that account needs a connection to Haven.");
        } finally {
          setBusy(false);
        }
      } else return setProblem("Enter the user's email address or their account id.");
    }
    if (draft.action.trim()) next.action = draft.action.trim();
    if (draft.outcome) next.outcome = draft.outcome;
    if (draft.requestId.trim()) {
      if (!UUID.test(draft.requestId.trim()))
        return setProblem("A request id looks like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed.");
      next.requestId = draft.requestId.trim().toLowerCase();
    }
    for (const side of ["from", "to"] as const) {
      if (!draft[side]) continue;
      const at = instant(draft[side]);
      if (!at) return setProblem(`The “${side === "from" ? "From" : "Until"}” time is not a date and time.`);
      next[side] = at;
    }
    if (next.from && next.to && next.from >= next.to) return setProblem("“From” must be before “Until”.");
    setQuery(next);
    setCursors([]);
  }

  function filterBy(patch: Partial<Draft>) {
    const next = { ...draft, ...patch };
    setDraft(next);
    const q: Query = { ...query };
    if (patch.user !== undefined) q.userId = patch.user;
    if (patch.requestId !== undefined) q.requestId = patch.requestId;
    setQuery(q);
    setCursors([]);
  }

  const items = data.data?.items ?? [];
  return (
    <div class="admin">
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Audit log
      </h2>
      <form class="filters" onSubmit={apply} aria-label="Filter the audit log" data-testid="audit-filters">
        <label>
          User (email or account id)
          <input
            autoComplete="off"
            maxLength={254}
            value={draft.user}
            onInput={(e) => setDraft({ ...draft, user: e.currentTarget.value })}
          />
        </label>
        <label>
          Action
          <input
            list="audit-actions"
            autoComplete="off"
            maxLength={64}
            value={draft.action}
            onInput={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
          />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label>
          Outcome
          <select
            value={draft.outcome}
            onChange={(e) => setDraft({ ...draft, outcome: e.currentTarget.value as Draft["outcome"] })}
          >
            <option value="">Any outcome</option>
            {(Object.keys(OUTCOME_NAMES) as Outcome[]).map((o) => (
              <option key={o} value={o}>
                {OUTCOME_NAMES[o]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Request id
          <input
            autoComplete="off"
            maxLength={36}
            value={draft.requestId}
            onInput={(e) => setDraft({ ...draft, requestId: e.currentTarget.value })}
          />
        </label>
        <label>
          From (your local time)
          <input
            type="datetime-local"
            step={1}
            value={draft.from}
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
        </label>
        <label>
          Until (not included)
          <input
            type="datetime-local"
            step={1}
            value={draft.to}
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
        </label>
        <label>
          Events per page
          <select value={draft.limit} onChange={(e) => setDraft({ ...draft, limit: e.currentTarget.value })}>
            {["10", "25", "50", "100"].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Apply filters
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setDraft(BLANK);
              setQuery({ limit: 25 });
              setCursors([]);
              setProblem(null);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {problem ? (
        <p role="alert" class="error" data-testid="audit-problem">
          {problem}
        </p>
      ) : null}
      <DataState data={data} what="the audit log" />
      {data.data ? (
        items.length === 0 ? (
          <p data-testid="audit-empty">No events match these filters.</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="audit" class="audit">
              <caption class="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Who</th>
                  <th scope="col">Target</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} data-event={e.id}>
                    <th scope="row">
                      <span class="nowrap">
                        {new Date(e.at).toLocaleDateString(undefined, { dateStyle: "medium" })}
                      </span>{" "}
                      <span class="nowrap">
                        {new Date(e.at).toLocaleTimeString(undefined, { timeStyle: "medium" })}
                      </span>
                    </th>
                    <td class="mono">{breakable(e.action)}</td>
                    <td>
                      <span class={`outcome-${e.outcome}`}>{OUTCOME_NAMES[e.outcome]}</span>
                      {e.errorCode ? <span class="mono error-code">{e.errorCode}</span> : null}
                    </td>
                    <td>
                      {e.userId ? (
                        <button
                          type="button"
                          class="secondary"
                          title={e.userId}
                          onClick={() => filterBy({ user: e.userId ?? "" })}
                        >
                          <span class="nowrap">{e.role ?? "account"}</span>{" "}
                          <span class="nowrap">{e.userId.slice(0, 8)}</span>
                          <span class="visually-hidden">: show only this account's events</span>
                        </button>
                      ) : (
                        <span class="muted">{e.role ?? "—"}</span>
                      )}
                    </td>
                    <td class="mono wrap-anywhere target">{e.target ?? "—"}</td>
                    <td>
                      {e.requestId ? (
                        <button
                          type="button"
                          class="secondary"
                          title={e.requestId}
                          onClick={() => filterBy({ requestId: e.requestId ?? "" })}
                        >
                          <span class="nowrap">{e.requestId.slice(0, 8)}</span>
                          <span class="visually-hidden">: show only this request's events</span>
                        </button>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {data.data && (cursors.length > 0 || data.data.hasMore) ? (
        <nav class="actions" aria-label="Pages of the audit log">
          <button type="button" class="secondary" disabled={cursors.length === 0} onClick={() => setCursors([])}>
            Newest
          </button>
          <button
            type="button"
            class="secondary"
            disabled={cursors.length === 0}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer
          </button>
          <span class="muted" data-testid="audit-page">
            Page {cursors.length + 1}
          </span>
          <button
            type="button"
            class="secondary"
            disabled={!data.data.hasMore || !data.data.cursor}
            onClick={() => {
              const next = data.data?.cursor;
              if (next) setCursors((c) => [...c, next]);
            }}
          >
            Older
          </button>
        </nav>
      ) : null}
    </div>
  );
}
