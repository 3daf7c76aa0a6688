import { useEffect, useRef, useState } from "preact/hooks";
import {
  type SafetyPlan as Plan,
  SAFETY_ITEM_MAX,
  SAFETY_ITEMS_MAX,
  safetyPlan,
} from "../../../shared/schemas/wellbeing";
import { useEntity } from "../data/entities";
import { useMeta } from "../data/meta";
import type { SafetyPlanView } from "../data/types";
import { write } from "../data/write";
import { Link } from "../ui/Link";
import { capital } from "../ui/text";
import { formatTime } from "./messages/format";
import type { ScreenProps } from "./types";
import "./safety-plan.css";

type SectionKey = keyof Plan;

/** The five sections of a Stanley–Brown safety plan, in the order they are used in a crisis. */
const SECTIONS: readonly { key: SectionKey; title: string; hint: string; one: string }[] = [
  {
    key: "warningSigns",
    title: "My warning signs",
    hint: "Thoughts, feelings, situations or behaviour that tell me a crisis may be starting.",
    one: "warning sign",
  },
  {
    key: "copingSteps",
    title: "Things I can do on my own",
    hint: "Ways to take my mind off things or calm myself, without contacting anyone.",
    one: "coping step",
  },
  {
    key: "peopleAndPlaces",
    title: "People and places that help",
    hint: "People I can be with and places I can go that help me feel better or distract me.",
    one: "person or place",
  },
  {
    key: "professionals",
    title: "Professionals and services",
    hint: "My care team, GP or services I can contact, and how to reach them.",
    one: "professional or service",
  },
  {
    key: "safeEnvironment",
    title: "Making my surroundings safe",
    hint: "Steps that make it harder to act on thoughts of harming myself.",
    one: "step to stay safe",
  },
];

const EMPTY: Plan = { warningSigns: [], copingSteps: [], peopleAndPlaces: [], professionals: [], safeEnvironment: [] };
const NO_TEXT: Record<SectionKey, string> = {
  warningSigns: "",
  copingSteps: "",
  peopleAndPlaces: "",
  professionals: "",
  safeEnvironment: "",
};

function planOf(view: SafetyPlanView | null): Plan {
  if (!view) return EMPTY;
  return Object.fromEntries(SECTIONS.map(({ key }) => [key, [...(view[key] ?? [])]])) as Plan;
}

/**
 * The personal safety plan: always on the device (the cached `safetyPlan:me`), readable
 * offline, edited here by the patient or by their care team through the staff API. A save goes
 * through the outbox as a whole plan (`safetyPlan.update`) and shows at once, marked until synced.
 */
export default function SafetyPlan({ user, onWrite }: ScreenProps) {
  const stored = useEntity<SafetyPlanView>("safetyPlan", "me");
  const [draft, setDraft] = useState<Plan | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (draft === null && wasEditing.current) editButton.current?.focus();
    wasEditing.current = draft !== null;
  }, [draft]);

  // The care team as Messages last fetched it, if it has: a name reads better than "someone".
  const team = useMeta<{ members?: { id: string; displayName: string }[] }>("careTeam");
  const plan = planOf(stored);
  const editor = stored ? team?.members?.find((m) => m.id === stored.updatedBy) : undefined;
  const by = !stored
    ? null
    : stored.updatedBy === user.id
      ? "you"
      : editor
        ? `${editor.displayName} from your care team`
        : "your care team";

  return (
    <>
      <h2 id="screen-title" tabIndex={-1} data-testid="screen-title">
        Safety plan
      </h2>
      <section class="card" aria-labelledby="plan-about">
        <h3 id="plan-about">Your plan for hard moments</h3>
        <p>
          Steps to work through, one after another, when things feel too much. It lives on this device, so it is here
          even without a connection. You can change it any time, and your care team can help you with it.
        </p>
        <p class="gentle">
          If you are in danger or might act on thoughts of harming yourself,{" "}
          <Link href="/crisis">get crisis help now</Link>.
        </p>
        <p data-testid="plan-status">
          {stored ? (
            <>
              Last changed {formatTime(stored.updatedAt, user.timezone)} by {by}.
              {stored.pending ? <span class="pending"> · waiting to sync</span> : null}
              {stored.rejected ? <span class="refused"> · not saved: {stored.rejected.message}</span> : null}
            </>
          ) : (
            "Your plan is empty so far. Add what helps you, a little at a time."
          )}
        </p>
        {draft === null ? (
          <button type="button" ref={editButton} onClick={() => setDraft(planOf(stored))}>
            Edit plan
          </button>
        ) : null}
      </section>
      {draft === null ? (
        <PlanView plan={plan} />
      ) : (
        <PlanEditor
          initial={draft}
          onCancel={() => setDraft(null)}
          onSave={async (next) => {
            const updatedAt = new Date().toISOString();
            await write("safetyPlan.update", next, {
              entity: "safetyPlan",
              id: "me",
              data: { ...next, updatedAt, updatedBy: user.id } satisfies SafetyPlanView,
            });
            setDraft(null);
            onWrite();
          }}
        />
      )}
    </>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  return (
    <>
      {SECTIONS.map((section, i) => (
        <section key={section.key} class="card plan-section" aria-labelledby={`plan-${section.key}-title`}>
          <h3 id={`plan-${section.key}-title`}>
            <span class="step" aria-hidden="true">
              {i + 1}
            </span>
            {section.title}
          </h3>
          <p class="muted">{section.hint}</p>
          {plan[section.key].length === 0 ? (
            <p data-testid={`plan-${section.key}`}>Nothing here yet.</p>
          ) : (
            <ul data-testid={`plan-${section.key}`}>
              {plan[section.key].map((item, n) => (
                <li key={`${n}-${item}`}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

function PlanEditor({
  initial,
  onCancel,
  onSave,
}: {
  initial: Plan;
  onCancel: () => void;
  onSave: (plan: Plan) => Promise<void>;
}) {
  const [plan, setPlan] = useState<Plan>(initial);
  const [adding, setAdding] = useState<Record<SectionKey, string>>(NO_TEXT);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLHeadingElement>(null);

  useEffect(() => first.current?.focus(), []);

  function change(key: SectionKey, items: string[]) {
    setPlan((prev) => ({ ...prev, [key]: items }));
  }

  function add(key: SectionKey) {
    const text = adding[key].trim();
    if (!text || plan[key].length >= SAFETY_ITEMS_MAX) return;
    change(key, [...plan[key], text]);
    setAdding((prev) => ({ ...prev, [key]: "" }));
  }

  async function save(event: Event) {
    event.preventDefault();
    // Text typed into an "add" box but not yet added is kept rather than silently lost.
    const next = Object.fromEntries(
      SECTIONS.map(({ key }) => {
        const typed = adding[key].trim();
        const items = [...plan[key], ...(typed ? [typed] : [])].map((s) => s.trim()).filter((s) => s.length > 0);
        return [key, items];
      }),
    ) as Plan;
    const checked = safetyPlan.safeParse(next);
    if (!checked.success) {
      setError(`Each section can hold up to ${SAFETY_ITEMS_MAX} items of up to ${SAFETY_ITEM_MAX} characters.`);
      return;
    }
    await onSave(checked.data);
  }

  return (
    <form onSubmit={save} class="plan-editor" aria-labelledby="plan-editor-title">
      <h3 id="plan-editor-title" ref={first} tabIndex={-1}>
        Editing your safety plan
      </h3>
      {SECTIONS.map((section) => {
        const items = plan[section.key];
        const full = items.length >= SAFETY_ITEMS_MAX;
        const addId = `add-${section.key}`;
        return (
          <section key={section.key} class="card plan-section" aria-labelledby={`edit-${section.key}-title`}>
            <h4 id={`edit-${section.key}-title`}>{section.title}</h4>
            <p class="muted">{section.hint}</p>
            {items.length > 0 ? (
              <ul class="rows">
                {items.map((item, n) => (
                  <li key={n}>
                    <input
                      class="grow"
                      type="text"
                      maxLength={SAFETY_ITEM_MAX}
                      aria-label={`${capital(section.one)} ${n + 1}`}
                      value={item}
                      onInput={(e) =>
                        change(
                          section.key,
                          items.map((s, j) => (j === n ? e.currentTarget.value : s)),
                        )
                      }
                    />
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Remove ${section.one} ${n + 1}`}
                      onClick={() =>
                        change(
                          section.key,
                          items.filter((_, j) => j !== n),
                        )
                      }
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <label for={addId}>Add a {section.one}</label>
            <div class="add-row">
              <input
                id={addId}
                type="text"
                maxLength={SAFETY_ITEM_MAX}
                disabled={full}
                value={adding[section.key]}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setAdding((prev) => ({ ...prev, [section.key]: value }));
                }}
                onKeyDown={(e) => {
                  // Enter adds the item here rather than saving the whole plan.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    add(section.key);
                  }
                }}
              />
              <button
                type="button"
                class="secondary"
                aria-label={`Add ${section.one}`}
                disabled={full}
                onClick={() => add(section.key)}
              >
                Add
              </button>
            </div>
            {full ? <p class="muted">This section is full ({SAFETY_ITEMS_MAX} items).</p> : null}
          </section>
        );
      })}
      {error ? (
        <p class="refused" role="alert">
          {error}
        </p>
      ) : null}
      <div class="plan-actions">
        <button type="submit">Save plan</button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p class="muted">Saving works offline too: your plan changes on this device at once and syncs when it can.</p>
    </form>
  );
}
