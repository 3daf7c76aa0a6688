import { useEffect, useState } from "preact/hooks";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api } from "../../api/session";
import { refusal, useAction } from "./connection";
import { describeDevice } from "./device";
import { Feedback } from "./Feedback";

interface SessionItem {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  current: boolean;
}

/**
 * Where I am signed in (GET /auth/sessions), this device marked, and signing another one out.
 * `version` changes when something elsewhere on the screen ends sessions (a new password).
 */
export function SessionsSection({ user, offline, version }: { user: PublicUser; offline: boolean; version: number }) {
  const [items, setItems] = useState<SessionItem[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: user.timezone });

  const load = () =>
    run(async () => {
      const res = await api.auth.sessions.$get();
      if (!res.ok) return refusal(res);
      setItems((await res.json()).items);
    });

  // Loads when the screen opens, when the connection comes back, and after a password change.
  useEffect(() => {
    if (!offline) void load();
  }, [offline, version]);

  function signOutSession(session: SessionItem) {
    setDone(null);
    void run(async () => {
      const res = await api.auth.sessions[":id"].$delete({ param: { id: session.id } });
      if (!res.ok) return refusal(res);
      setItems((list) => list?.filter((s) => s.id !== session.id) ?? null);
      setDone(`${describeDevice(session.userAgent)} is signed out.`);
    });
  }

  return (
    <section class="card" aria-labelledby="sessions-title">
      <h3 id="sessions-title">Where you're signed in</h3>
      {items === null ? (
        <p class="muted">{offline ? "The list needs a connection." : "Loading…"}</p>
      ) : (
        <ul class="rows" data-testid="sessions">
          {items.map((s) => {
            const device = describeDevice(s.userAgent);
            return (
              <li key={s.id} data-current={s.current ? "true" : undefined}>
                <span class="grow">
                  <strong>{device}</strong>
                  {s.current ? (
                    <span class="this-device" data-testid="this-device">
                      This device
                    </span>
                  ) : null}
                  <br />
                  <span class="muted">
                    Last active {when.format(new Date(s.lastUsedAt))} · signed in {when.format(new Date(s.createdAt))}
                  </span>
                </span>
                {s.current ? null : (
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Sign out ${device}, last active ${when.format(new Date(s.lastUsedAt))}`}
                    disabled={busy || offline}
                    onClick={() => signOutSession(s)}
                  >
                    Sign out
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Feedback error={error} done={done} testId="sessions" />
    </section>
  );
}
