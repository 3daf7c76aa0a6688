import { useMemo, useState } from "preact/hooks";
import { DEFAULT_DAY_START_HOUR } from "../../../../shared/domain/local-day";
import { DISPLAY_NAME_MAX_LENGTH } from "../../../../shared/limits";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api, publishUser } from "../../api/session";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";

/** Every IANA zone this browser knows, plus the patient's own should the browser not list it. */
function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes(current) ? zones : [current, ...zones];
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Display name, time zone and the hour the day starts: PATCH /me, then the whole app shows them. */
export function ProfileSection({ user, offline }: { user: PublicUser; offline: boolean }) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [timezone, setTimezone] = useState(user.timezone);
  const [dayStartHour, setDayStartHour] = useState(user.dayStartHour);
  const [done, setDone] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneChoices(user.timezone), [user.timezone]);
  const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { busy, error, run } = useAction();

  function save(event: Event) {
    event.preventDefault();
    setDone(null);
    void run(async () => {
      const res = await api.me.$patch({ json: { displayName, timezone, dayStartHour } });
      if (!res.ok) return refusal(res);
      const body = await res.json();
      publishUser(body.user);
      setDisplayName(body.user.displayName);
      setDone("Your profile is saved.");
    });
  }

  return (
    <section class="card" aria-labelledby="profile-title">
      <h3 id="profile-title">Profile</h3>
      <form onSubmit={save}>
        <label>
          Display name
          <input
            required
            maxLength={DISPLAY_NAME_MAX_LENGTH}
            autoComplete="nickname"
            value={displayName}
            onInput={(e) => setDisplayName(e.currentTarget.value)}
          />
        </label>
        <label>
          Time zone
          <select
            value={timezone}
            aria-describedby="timezone-help"
            onChange={(e) => setTimezone(e.currentTarget.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <p id="timezone-help" class="muted help">
          Your days, streaks and crisis contacts follow this time zone. This device is set to{" "}
          {deviceZone.replaceAll("_", " ")}.
        </p>
        <label>
          My day starts at
          <select
            value={String(dayStartHour)}
            aria-describedby="day-start-help"
            onChange={(e) => setDayStartHour(Number(e.currentTarget.value))}
          >
            {HOURS.map((hour) => (
              <option key={hour} value={String(hour)}>
                {`${String(hour).padStart(2, "0")}:00${hour === DEFAULT_DAY_START_HOUR ? " (usual)" : ""}`}
              </option>
            ))}
          </select>
        </label>
        <p id="day-start-help" class="muted help">
          Anything you do before this hour counts for the day before, so a late night still belongs to that day.
        </p>
        <Feedback error={error} done={done} testId="profile" />
        <button type="submit" disabled={busy || offline}>
          {busy ? "Saving…" : "Save profile"}
        </button>
      </form>
    </section>
  );
}
