import { useEffect, useRef, useState } from "preact/hooks";
import {
  type AdminHealth,
  type AdminUserView,
  ESCALATION_MINUTES_MAX,
  ESCALATION_MINUTES_MIN,
  type EscalationSettingsView,
  type UnacknowledgedFlag,
} from "../../../../shared/schemas/admin";
import { api } from "../../api/session";
import { bodyOf, careWrite, invalidate, useCareData } from "../care-data";
import { DataState } from "../DataState";
import { sinceText } from "../labels";
import type { CareScreenProps } from "../screens";
import { allUsersOf, personLabel, preciseTime, ROLE_LABELS } from "./admin-data";
import "./admin.css";

const HEALTH_KEY = "admin:health";

function loadHealth(): Promise<AdminHealth> {
  return api.admin.health.$get().then((res) => bodyOf<AdminHealth>(res));
}

/** Active therapists and clinicians, by name: who may be on call. */
async function loadOnCallCandidates(): Promise<AdminUserView[]> {
  const [therapists, clinicians] = await Promise.all([allUsersOf("therapist"), allUsersOf("clinician")]);
  return [...therapists, ...clinicians]
    .filter((u) => u.status === "active")
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** "12 minutes", "3 hours 5 minutes", "2 days 4 hours": how long a flag has been open. */
export function openFor(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 48)
    return minutes % 60 ? `${plural(hours, "hour")} ${plural(minutes % 60, "minute")}` : plural(hours, "hour");
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${plural(days, "day")} ${plural(hours % 24, "hour")}` : plural(days, "day");
}

/**
 * System health: the version running, the database migrations applied (and the latest), the
 * server errors (5xx answers) of the last 24 hours with the time of the last one, the high risk
 * flags nobody has acknowledged (how long open, whether and to whom they escalated; nothing about
 * the patient), and the escalation settings: after how many minutes such a flag goes to the
 * on-call contact, and who that is — with a warning while nobody is.
 */
export default function Health(_: CareScreenProps) {
  const data = useCareData(HEALTH_KEY, loadHealth);
  const h = data.data;
  return (
    <div class="admin">
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        System health
      </h2>
      <DataState data={data} what="the system health" />
      {h ? (
        <>
          <dl class="health" data-testid="health">
            <dt>Service</dt>
            <dd data-testid="health-status">{h.status === "ok" ? "Up: the database answers" : h.status}</dd>
            <dt>Version</dt>
            <dd data-testid="health-version">{h.version}</dd>
            <dt>Database migrations</dt>
            <dd data-testid="health-migrations">
              {h.migrations.applied} applied
              {h.migrations.latest ? (
                <>
                  ; the latest is <code>{h.migrations.latest}</code>
                </>
              ) : null}
            </dd>
            <dt>Server errors, last 24 hours</dt>
            <dd data-testid="health-errors">
              <strong>{h.errors24h}</strong>
              {h.errors24h === 0 ? " (none)" : ""}
            </dd>
            <dt>Last server error</dt>
            <dd data-testid="health-last-error">
              {h.lastErrorAt
                ? `${preciseTime(h.lastErrorAt)} (${sinceText(h.lastErrorAt).toLowerCase()})`
                : "None in the last 7 days"}
            </dd>
          </dl>
          <p class="muted">
            A server error is an answer of 500 or above: something failed on Haven's side. Each one is in the Worker's
            log under its request id.
          </p>
          <button type="button" class="secondary" onClick={data.reload}>
            Check again
          </button>
          <UnacknowledgedFlags count={h.unacknowledgedHighCount} items={h.unacknowledgedHigh} />
          <EscalationForm settings={h.escalation} />
        </>
      ) : null}
    </div>
  );
}

function UnacknowledgedFlags({ count, items }: { count: number; items: UnacknowledgedFlag[] }) {
  return (
    <section aria-labelledby="unacknowledged-title" data-testid="unacknowledged">
      <h3 id="unacknowledged-title">Unacknowledged high flags</h3>
      <p class="muted">
        High risk flags no clinician has acknowledged yet. Their care team was alerted when each was raised; the patient
        and the details are only in the care team's risk inbox.
      </p>
      {count === 0 ? (
        <p class="panel done" data-testid="unacknowledged-none">
          None: every high flag has been acknowledged.
        </p>
      ) : (
        <>
          <p data-testid="unacknowledged-count">
            <strong>{count}</strong> {count === 1 ? "high flag is" : "high flags are"} waiting for a clinician
            {count > items.length ? ` (the ${items.length} oldest are listed)` : ""}.
          </p>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Unacknowledged high flags, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Raised</th>
                  <th scope="col">Open for</th>
                  <th scope="col">Escalated</th>
                </tr>
              </thead>
              <tbody>
                {items.map((f) => (
                  <tr key={f.flagId} data-testid="unacknowledged-flag">
                    <td class="nowrap">{preciseTime(f.openedAt)}</td>
                    <td class="nowrap">{openFor(f.minutesOpen)}</td>
                    <td>
                      {f.escalatedAt
                        ? `To ${f.escalatedTo ?? "an account that no longer exists"}, ${preciseTime(f.escalatedAt)}`
                        : "Not yet"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function EscalationForm({ settings }: { settings: EscalationSettingsView }) {
  const candidates = useCareData("admin:on-call-candidates", loadOnCallCandidates);
  const [minutes, setMinutes] = useState(String(settings.minutes));
  const [onCallId, setOnCallId] = useState(settings.onCall?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // What the admin is typing wins over a refresh of the screen (the reload after a save can land
  // after they started the next change); untouched fields follow the saved settings.
  const dirty = useRef(false);
  useEffect(() => {
    if (dirty.current) return;
    setMinutes(String(settings.minutes));
    setOnCallId(settings.onCall?.id ?? "");
  }, [settings.minutes, settings.onCall?.id]);

  const parsed = Number(minutes);
  const minutesValid =
    /^\d+$/.test(minutes.trim()) && parsed >= ESCALATION_MINUTES_MIN && parsed <= ESCALATION_MINUTES_MAX;

  async function save(e: Event) {
    e.preventDefault();
    if (!minutesValid) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    const outcome = await careWrite<EscalationSettingsView>(() =>
      api.admin.escalation.$put({ json: { minutes: parsed, onCallUserId: onCallId || null } }),
    );
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    const saved = outcome.body;
    setMinutes(String(saved.minutes));
    setOnCallId(saved.onCall?.id ?? "");
    dirty.current = false;
    setNotice(
      saved.onCall
        ? `Saved: an unacknowledged high flag goes to ${saved.onCall.displayName} after ${saved.minutes} minutes.`
        : `Saved: ${saved.minutes} minutes, with nobody on call.`,
    );
    invalidate(HEALTH_KEY);
  }

  // The saved on-call contact stays choosable even if the staff list has not loaded.
  const people = candidates.data ?? [];
  const current = settings.onCall;
  const listed = current && !people.some((p) => p.id === current.id) ? [current] : [];
  return (
    <section aria-labelledby="escalation-title" data-testid="escalation">
      <h3 id="escalation-title">Escalation</h3>
      {settings.onCall ? (
        <p class="panel done" data-testid="escalation-current">
          An unacknowledged high flag goes to <strong>{settings.onCall.displayName}</strong> (
          {ROLE_LABELS[settings.onCall.role].toLowerCase()}, on call) after <strong>{settings.minutes}</strong> minutes.
        </p>
      ) : (
        <p class="panel warning" role="alert" data-testid="escalation-warning">
          <strong>Nobody is on call.</strong> A high flag nobody acknowledges is not escalated to anyone: choose an
          on-call contact below.
        </p>
      )}
      <DataState data={candidates} what="the staff list" />
      <form class="narrow-form" onSubmit={save} aria-label="Escalation settings" data-testid="escalation-form">
        <div class="field">
          <label for="escalation-minutes">Minutes before a high flag escalates</label>
          <input
            id="escalation-minutes"
            type="number"
            inputMode="numeric"
            min={ESCALATION_MINUTES_MIN}
            max={ESCALATION_MINUTES_MAX}
            step={1}
            required
            value={minutes}
            aria-invalid={minutesValid ? undefined : "true"}
            aria-describedby="escalation-minutes-hint"
            onInput={(e) => {
              dirty.current = true;
              setMinutes(e.currentTarget.value);
            }}
            data-testid="escalation-minutes"
          />
          <span id="escalation-minutes-hint" class={minutesValid ? "field-hint muted" : "field-error"}>
            A whole number from {ESCALATION_MINUTES_MIN} to {ESCALATION_MINUTES_MAX}.
          </span>
        </div>
        <div class="field">
          <label for="escalation-on-call">On-call contact</label>
          <select
            id="escalation-on-call"
            value={onCallId}
            onChange={(e) => {
              dirty.current = true;
              setOnCallId(e.currentTarget.value);
            }}
            data-testid="escalation-on-call"
          >
            <option value="">Nobody (no escalation)</option>
            {listed.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} ({ROLE_LABELS[p.role]})
              </option>
            ))}
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {personLabel(p)}, {ROLE_LABELS[p.role].toLowerCase()}
              </option>
            ))}
          </select>
          <span class="field-hint muted">An active therapist or clinician, alerted by push and email.</span>
        </div>
        <div class="actions">
          <button type="submit" disabled={busy || !minutesValid} data-testid="escalation-save">
            Save escalation settings
          </button>
        </div>
      </form>
      {notice ? (
        <p class="panel done" role="status" data-testid="escalation-notice">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" class="error" data-testid="escalation-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
