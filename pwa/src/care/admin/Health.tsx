import type { AdminHealth } from "../../../../shared/schemas/admin";
import { api } from "../../api/session";
import { bodyOf, useCareData } from "../care-data";
import { DataState } from "../DataState";
import { sinceText } from "../labels";
import type { CareScreenProps } from "../screens";
import { preciseTime } from "./admin-data";
import "./admin.css";

function loadHealth(): Promise<AdminHealth> {
  return api.admin.health.$get().then((res) => bodyOf<AdminHealth>(res));
}

/**
 * System health: the version running, the database migrations applied (and the latest), and the
 * server errors (5xx answers) of the last 24 hours with the time of the last one.
 */
export default function Health(_: CareScreenProps) {
  const data = useCareData("admin:health", loadHealth);
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
        </>
      ) : null}
    </div>
  );
}
