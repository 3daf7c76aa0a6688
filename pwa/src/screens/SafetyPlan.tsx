import { useEffect, useRef, useState } from "preact/hooks";
import {
  applyOps,
  type DraftSections,
  describeChange,
  diffPlan,
  type MergedPlan,
  planFromView,
  type SafetyChange,
  type SafetyItem,
  safetyPlanView,
} from "../../../shared/domain/safety-plan-merge";
import { SAFETY_ITEM_MAX, SAFETY_ITEMS_MAX, type SafetySection, safetyPlanOp } from "../../../shared/schemas/wellbeing";
import { useEntity } from "../data/entities";
import { useMeta } from "../data/meta";
import type { SafetyPlanView } from "../data/types";
import { write } from "../data/write";
import { friendlyDateTime } from "../ui/dates";
import { Link } from "../ui/Link";
import { capital } from "../ui/text";
import type { ScreenProps } from "./types";
import "./safety-plan.css";

type SectionKey = SafetySection;

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

const NO_TEXT: Record<SectionKey, string> = {
  warningSigns: "",
  copingSteps: "",
  peopleAndPlaces: "",
  professionals: "",
  safeEnvironment: "",
};
const CHANGES_SHOWN = 8;

type Draft = DraftSections;
const draftOf = (plan: MergedPlan): Draft =>
  Object.fromEntries(
    SECTIONS.map(({ key }) => [key, plan.sections[key].map(({ id, text }) => ({ id, text }))]),
  ) as Draft;
const sectionTitle = (key: SectionKey) => SECTIONS.find((s) => s.key === key)?.title ?? key;

function dayLabel(iso: string | null, timeZone: string): string {
  if (!iso) return "";
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" };
  try {
    return new Date(iso).toLocaleDateString(undefined, { ...options, timeZone });
  } catch {
    return new Date(iso).toLocaleDateString(undefined, options);
  }
}

/**
 * The personal safety plan: always on the device (the cached `safetyPlan:me`), readable
 * offline, edited here by the patient or by their care team through the staff API. A save goes
 * through the outbox as per-item changes (`safetyPlan.update` with `ops`), shows at once, marked
 * until synced, and is merged item by item on the server with what the care team changed
 * meanwhile (issue 11, defect 8). Each item says who added or changed it, and recent changes
 * are listed with who made them.
 */
export default function SafetyPlan({ user, onWrite }: ScreenProps) {
  const stored = useEntity<SafetyPlanView>("safetyPlan", "me");
  // What the editor opened from: its diff against the draft is what is sent.
  const [editing, setEditing] = useState<{ base: MergedPlan; draft: Draft } | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (editing === null && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  const nameOf = useNameOf(user.id);
  const plan = planFromView(stored);
  const by = stored ? nameOf(stored.updatedBy) : null;
  const changes = [...plan.changes].reverse().slice(0, CHANGES_SHOWN);

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
          {stored?.updatedAt ? (
            <>
              Last changed {friendlyDateTime(stored.updatedAt, user.timezone)} by {by}.
              {stored.pending ? <span class="pending"> · waiting to sync</span> : null}
              {stored.rejected ? <span class="refused"> · not saved: {stored.rejected.message}</span> : null}
            </>
          ) : (
            "Your plan is empty so far. Add what helps you, a little at a time."
          )}
        </p>
        {editing === null ? (
          <button type="button" ref={editButton} onClick={() => setEditing({ base: plan, draft: draftOf(plan) })}>
            Edit plan
          </button>
        ) : null}
      </section>
      {editing === null ? (
        <>
          <PlanView plan={plan} nameOf={nameOf} timeZone={user.timezone} />
          {changes.length > 0 ? <RecentChanges changes={changes} nameOf={nameOf} timeZone={user.timezone} /> : null}
        </>
      ) : (
        <PlanEditor
          initial={editing.draft}
          onCancel={() => setEditing(null)}
          onSave={async (next) => {
            const ops = diffPlan(editing.base.sections, next);
            if (ops.length > 0) {
              // Shown at once as the server will make it: these changes over the plan as it is now.
              const merged = applyOps(planFromView(stored), ops, { by: user.id, at: new Date().toISOString() });
              await write(
                "safetyPlan.update",
                { baseVersion: editing.base.version, ops },
                { entity: "safetyPlan", id: "me", data: safetyPlanView(merged.plan) satisfies SafetyPlanView },
              );
              onWrite();
            }
            setEditing(null);
          }}
        />
      )}
    </>
  );
}

export type NameOf = (id: string | null, capitalised?: boolean) => string;

/** Who someone is to the patient: "you", a care team member by name, or "your care team". */
export function useNameOf(userId: string): NameOf {
  // The care team as Messages last fetched it, if it has: a name reads better than "someone".
  const team = useMeta<{ members?: { id: string; displayName: string }[] }>("careTeam");
  return (id, capitalised = false) => {
    if (id === userId) return capitalised ? "You" : "you";
    const member = team?.members?.find((m) => m.id === id);
    if (member) return `${member.displayName} from your care team`;
    return capitalised ? "Your care team" : "your care team";
  };
}

/** Who added an item, and who changed it since if someone did: "Added by you, 2 Dec". */
function attribution(item: SafetyItem, nameOf: NameOf, timeZone: string): string | null {
  if (!item.addedBy && !item.updatedBy) return null;
  const added = item.addedBy
    ? `Added by ${nameOf(item.addedBy)}${item.addedAt ? `, ${dayLabel(item.addedAt, timeZone)}` : ""}`
    : "";
  const changed =
    item.updatedBy && item.updatedAt && item.updatedAt !== item.addedAt
      ? `changed by ${nameOf(item.updatedBy)}, ${dayLabel(item.updatedAt, timeZone)}`
      : "";
  return [added, changed].filter(Boolean).join("; ") || null;
}

function RecentChanges({ changes, nameOf, timeZone }: { changes: SafetyChange[]; nameOf: NameOf; timeZone: string }) {
  return (
    <section class="card" aria-labelledby="plan-changes-title">
      <h3 id="plan-changes-title">Recent changes</h3>
      <ul class="plan-changes" data-testid="plan-changes">
        {changes.map((c, n) => (
          <li key={`${c.at}-${c.itemId}-${n}`}>
            <span class="muted">{dayLabel(c.at, timeZone)}</span> {nameOf(c.by, true)}{" "}
            {describeChange(c, (s) => {
              const title = sectionTitle(s).replace(/^My /, "");
              return title.charAt(0).toLowerCase() + title.slice(1);
            })}
            {c.overwrote ? (
              <em>
                {c.overwrote.text === null
                  ? ` — it had been removed meanwhile by ${nameOf(c.overwrote.by)}`
                  : ` — replacing “${c.overwrote.text}”, changed meanwhile by ${nameOf(c.overwrote.by)}`}
              </em>
            ) : null}
            .
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PlanView({ plan, nameOf, timeZone }: { plan: MergedPlan; nameOf: NameOf; timeZone: string }) {
  return (
    <>
      {SECTIONS.map((section, i) => {
        const items = plan.sections[section.key];
        return (
          <section key={section.key} class="card plan-section" aria-labelledby={`plan-${section.key}-title`}>
            <h3 id={`plan-${section.key}-title`}>
              <span class="step" aria-hidden="true">
                {i + 1}
              </span>
              {section.title}
            </h3>
            <p class="muted">{section.hint}</p>
            {items.length === 0 ? (
              <p data-testid={`plan-${section.key}`}>Nothing here yet.</p>
            ) : (
              <ul data-testid={`plan-${section.key}`}>
                {items.map((item) => {
                  const who = attribution(item, nameOf, timeZone);
                  return (
                    <li key={item.id}>
                      <span class="plan-item">{item.text}</span>
                      {who ? (
                        <span class="plan-by muted" data-testid="plan-item-by">
                          {who}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

function PlanEditor({
  initial,
  onCancel,
  onSave,
}: {
  initial: Draft;
  onCancel: () => void;
  onSave: (plan: Draft) => Promise<void>;
}) {
  const [plan, setPlan] = useState<Draft>(initial);
  const [adding, setAdding] = useState<Record<SectionKey, string>>(NO_TEXT);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLHeadingElement>(null);

  useEffect(() => first.current?.focus(), []);

  function change(key: SectionKey, items: Draft[SectionKey]) {
    setPlan((prev) => ({ ...prev, [key]: items }));
  }

  function add(key: SectionKey) {
    const text = adding[key].trim();
    if (!text || plan[key].length >= SAFETY_ITEMS_MAX) return;
    change(key, [...plan[key], { id: crypto.randomUUID(), text }]);
    setAdding((prev) => ({ ...prev, [key]: "" }));
  }

  async function save(event: Event) {
    event.preventDefault();
    // Text typed into an "add" box but not yet added is kept rather than silently lost.
    const next = Object.fromEntries(
      SECTIONS.map(({ key }) => {
        const typed = adding[key].trim();
        const items = [...plan[key], ...(typed ? [{ id: crypto.randomUUID(), text: typed }] : [])]
          .map((i) => ({ ...i, text: i.text.trim() }))
          .filter((i) => i.text.length > 0);
        return [key, items];
      }),
    ) as Draft;
    const valid = SECTIONS.every(
      ({ key }) =>
        next[key].length <= Math.max(SAFETY_ITEMS_MAX, initial[key].length) &&
        next[key].every((i) => safetyPlanOp.safeParse({ op: "add", section: key, ...i }).success),
    );
    if (!valid) {
      setError(`Each section can hold up to ${SAFETY_ITEMS_MAX} items of up to ${SAFETY_ITEM_MAX} characters.`);
      return;
    }
    await onSave(next);
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
                  <li key={item.id}>
                    <input
                      class="grow"
                      type="text"
                      maxLength={SAFETY_ITEM_MAX}
                      aria-label={`${capital(section.one)} ${n + 1}`}
                      value={item.text}
                      onInput={(e) => {
                        const text = e.currentTarget.value;
                        change(
                          section.key,
                          items.map((s, j) => (j === n ? { ...s, text } : s)),
                        );
                      }}
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
