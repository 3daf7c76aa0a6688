import { useEffect, useState } from "preact/hooks";
import { api, errorOf, publishUser } from "../api/session";
import { BoxBreathing } from "./companion/BoxBreathing";
import { Chat } from "./companion/Chat";
import { Grounding } from "./companion/Grounding";
import { History } from "./companion/History";
import { ThoughtRecord } from "./companion/ThoughtRecord";
import "./companion/companion.css";
import type { ScreenProps } from "./types";

/**
 * The companion: an AI chat (online, with consent) with crisis safety first, and guided
 * exercises that need no network and say plainly that they are not the AI.
 */
export default function Companion({ user, onWrite }: ScreenProps) {
  const [consentError, setConsentError] = useState<string | null>(null);
  const [replies, setReplies] = useState(0);
  const consented = user.consent?.companion ?? false;
  // Whether this Haven has a model for the companion, asked on opening so the patient is told
  // before typing; null until known (offline: the chat says so when a message is sent).
  const [configured, setConfigured] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    api.companion.status
      .$get()
      .then(async (res) => {
        if (live && res.ok) setConfigured((await res.json()).configured);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const notReady =
    configured === false
      ? "The AI companion is not set up on this Haven, so it cannot reply. The exercises below work any time, and crisis help is always at the top."
      : consented
        ? null
        : "The AI companion is off. Turn it on above to chat; the exercises below work without it.";

  async function setConsent(companion: boolean) {
    setConsentError(null);
    try {
      const res = await api.me.$patch({ json: { consent: { companion } } });
      if (!res.ok) return setConsentError((await errorOf(res)).message);
      publishUser((await res.json()).user);
    } catch {
      setConsentError("Changing this needs a connection.");
    }
  }

  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Companion
      </h2>
      <p class="safety-note" data-testid="safety-note">
        The companion is an AI, not a clinician: it cannot diagnose or give medical advice, and it can be wrong. If you
        are in danger, use <strong>Crisis help</strong> at the top of every screen or call your local emergency number.
      </p>
      <section class="card" aria-labelledby="consent-title">
        <h3 id="consent-title">AI companion</h3>
        <label class="toggle">
          <input type="checkbox" checked={consented} onChange={(e) => void setConsent(e.currentTarget.checked)} />
          Chat with the AI companion (your messages are sent to an AI model; you can delete the history)
        </label>
        {consentError ? (
          <p class="error" role="alert">
            {consentError}
          </p>
        ) : null}
      </section>
      <Chat user={user} onWrite={onWrite} onReplied={() => setReplies((n) => n + 1)} notReady={notReady} />
      <History refreshKey={replies} />
      <h3 class="exercises-title">Exercises — not the AI, and they work offline</h3>
      <BoxBreathing />
      <Grounding />
      <ThoughtRecord onWrite={onWrite} />
    </>
  );
}
