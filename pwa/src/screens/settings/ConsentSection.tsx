import { useState } from "preact/hooks";
import type { PublicUser } from "../../../../shared/schemas/auth";
import { api, publishUser } from "../../api/session";
import { refusal, useAction } from "./connection";
import { Feedback } from "./Feedback";

type Consent = keyof PublicUser["consent"];

const CHOICES: { key: Consent; label: string; explain: string }[] = [
  {
    key: "companion",
    label: "Chat with the AI companion",
    explain:
      "When this is on and you are online, what you write on the Companion screen is sent to an AI model so it can reply. When it is off, the companion offers guided exercises instead, with no AI. Either way, every message is first checked for signs of crisis so help can be shown at once.",
  },
  {
    key: "research",
    label: "Donate de-identified data for research",
    explain:
      "When this is on, your check-ins, habits and questionnaire scores may be used in mental-health research with your name, email and anything else that identifies you removed. Turning it off stops any further use.",
  },
];

/** The two consents (PRODUCT.md, "Account"): each change is saved at once and audited by the server. */
export function ConsentSection({ user, offline }: { user: PublicUser; offline: boolean }) {
  const [done, setDone] = useState<string | null>(null);
  // The switch as just set, while the server has not answered yet: it neither flickers back nor
  // claims success; a refusal puts it back to what the server holds.
  const [saving, setSaving] = useState<{ key: Consent; on: boolean } | null>(null);
  const { busy, error, run } = useAction();
  // A user cached on the device before consents existed has none: both count as off.
  const current = user.consent ?? { companion: false, research: false };

  function change(key: Consent, on: boolean) {
    setDone(null);
    setSaving({ key, on });
    void run(async () => {
      try {
        const consent = key === "companion" ? { companion: on } : { research: on };
        const res = await api.me.$patch({ json: { consent } });
        if (!res.ok) return refusal(res);
        publishUser((await res.json()).user);
        const label = CHOICES.find((c) => c.key === key)?.label ?? key;
        setDone(`${label}: ${on ? "on" : "off"}.`);
      } finally {
        setSaving(null);
      }
    });
  }

  return (
    <section class="card" aria-labelledby="consent-title">
      <h3 id="consent-title">Consent</h3>
      <p>Both are off until you turn them on, and you can change your mind at any time.</p>
      {CHOICES.map((choice) => (
        <div class="consent" key={choice.key}>
          <label class="check">
            <input
              type="checkbox"
              checked={saving?.key === choice.key ? saving.on : current[choice.key]}
              disabled={busy || offline}
              aria-describedby={`consent-${choice.key}-help`}
              onChange={(e) => change(choice.key, e.currentTarget.checked)}
            />
            <span>{choice.label}</span>
          </label>
          <p id={`consent-${choice.key}-help`} class="muted help">
            {choice.explain}
          </p>
        </div>
      ))}
      <Feedback error={error} done={done} testId="consent" />
    </section>
  );
}
